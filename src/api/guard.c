/* guard.c - see guard.h. */
#include "api/guard.h"

#include "api/cache.h"
#include "domain/region_code.h"
#include "domain/roles.h"
#include "lib/clock.h"
#include "lib/crypto.h"
#include "store/sessions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GRANTS 32
#define TOUCH_EVERY_MS 60000
#define PRINCIPAL_TTL_MS 2000 /* how late a change made by another process is seen */

/* ---- who a session or token is, cached per thread (api/cache.h) --------------- */

typedef struct {
    arena_t *arena;       /* owns p's strings and grants */
    principal_t p;
    int64_t expires_at;   /* the session's absolute end; 0 for a token */
    int64_t last_seen_at; /* as stored: the session's last touch, the token's last use */
} cached_principal_t;

static void cached_principal_free(void *v)
{
    cached_principal_t *cp = v;
    if (cp)
        arena_free(cp->arena);
    free(cp);
}

static const cache_kind_t session_kind = {"session", PRINCIPAL_TTL_MS, cached_principal_free};
static const cache_kind_t token_kind = {"token", PRINCIPAL_TTL_MS, cached_principal_free};

static sealed_t copy_sealed(arena_t *a, sealed_t s)
{
    return (sealed_t){arena_strdup_opt(a, s.enc), arena_strdup_opt(a, s.bidx), arena_strdup_opt(a, s.masked)};
}

/* A deep copy of src in a; false on OOM. */
static bool copy_principal(arena_t *a, const principal_t *src, principal_t *dst)
{
    *dst = *src;
    dst->name = arena_strdup_opt(a, src->name);
    dst->username = arena_strdup_opt(a, src->username);
    dst->kind = arena_strdup_opt(a, src->kind);
    dst->csrf_token = arena_strdup_opt(a, src->csrf_token);
    dst->grants = arena_calloc(a, MAX_GRANTS * sizeof(grant_t));
    if (!dst->grants)
        return false;
    for (int i = 0; i < src->ngrants; i++) {
        dst->grants[i] = src->grants[i];
        dst->grants[i].role = arena_strdup_opt(a, src->grants[i].role);
        dst->grants[i].region_code = arena_strdup_opt(a, src->grants[i].region_code);
    }
    if (src->user) {
        user_t *u = arena_alloc(a, sizeof *u);
        if (!u)
            return false;
        *u = *src->user;
        u->kind = arena_strdup_opt(a, u->kind);
        u->username = arena_strdup_opt(a, u->username);
        u->name = arena_strdup_opt(a, u->name);
        u->password_hash = NULL; /* not needed past sign-in */
        u->region_code = arena_strdup_opt(a, u->region_code);
        u->nik = copy_sealed(a, u->nik);
        u->email = copy_sealed(a, u->email);
        u->phone = copy_sealed(a, u->phone);
        dst->user = u;
    }
    return true;
}

/* Caches p for the token hash; loaded at generation gen. Failing to cache is not an error. */
static void remember(const cache_kind_t *kind, const char *hash, const principal_t *p, int64_t expires_at,
                     int64_t last_seen_at, uint64_t gen)
{
    cached_principal_t *cp = calloc(1, sizeof *cp);
    if (!cp || !(cp->arena = arena_new(1024)) || !copy_principal(cp->arena, p, &cp->p)) {
        cached_principal_free(cp);
        return;
    }
    cp->expires_at = expires_at;
    cp->last_seen_at = last_seen_at;
    api_cache_put(kind, hash, cp, gen);
}

/* The cached principal of hash while it needs no trip to the database
 * (unexpired, not idle, no touch due): 1 copied into p, 0 not cached, -1 OOM. */
static int recall(http_req_t *req, app_t *app, const cache_kind_t *kind, const char *hash, principal_t *p)
{
    const cached_principal_t *cp = api_cache_get(kind, hash);
    if (!cp)
        return 0;
    int64_t now = clock_now_ms();
    if ((cp->expires_at && now >= cp->expires_at) || now - cp->last_seen_at >= TOUCH_EVERY_MS ||
        (cp->expires_at && now - cp->last_seen_at >= app->session_idle_ms))
        return 0;
    return copy_principal(req->arena, &cp->p, p) ? 1 : -1;
}

const principal_t *api_principal(const http_req_t *req)
{
    return req->auth;
}

void api_forbidden(http_req_t *req)
{
    http_reply_error(req, 403, "forbidden",
                     http_tr(req, "Anda tidak berwenang untuk tindakan ini.", "You are not allowed to do this."),
                     NULL);
}

static void unauthorized(http_req_t *req)
{
    http_reply_error(req, 401, "unauthorized",
                     http_tr(req, "Silakan masuk terlebih dahulu.", "Please sign in first."), NULL);
}

/* Loads the user and grants of a session into a principal. 1 ok, 0 unusable, <0 answered. */
static int load_user(http_req_t *req, db_conn_t *c, int64_t user_id, principal_t *p)
{
    db_err_t err = {0};
    user_t u;
    int rc = users_get(c, req->arena, user_id, &u, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    if (rc == 0 || u.disabled)
        return 0;
    user_t *row = arena_alloc(req->arena, sizeof *row);
    if (!row)
        return -1;
    *row = u;
    p->user = row;
    p->user_id = u.id;
    p->name = u.name;
    p->username = u.username;
    p->kind = u.kind;
    p->grants = arena_alloc(req->arena, MAX_GRANTS * sizeof(grant_t));
    if (!p->grants || grants_of(c, req->arena, u.id, p->grants, MAX_GRANTS, &p->ngrants, &err) != DB_OK) {
        api_db_failed(req, &err);
        return -1;
    }
    return 1;
}

static int from_cookie(http_req_t *req, app_t *app, db_conn_t *c, const char *token, principal_t *p)
{
    char hash[65];
    crypto_sha256_hex(token, strlen(token), hash);
    int rc = recall(req, app, &session_kind, hash, p);
    if (rc != 0)
        return rc;
    uint64_t gen = api_cache_generation();
    db_err_t err = {0};
    session_t s;
    rc = sessions_find(c, req->arena, hash, &s, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    if (rc == 0)
        return 0;
    int64_t now = clock_now_ms();
    if (now >= s.expires_at || now - s.last_seen_at >= app->session_idle_ms) {
        sessions_delete(c, s.id, &err); /* expired: gone for good */
        return 0;
    }
    rc = load_user(req, c, s.user_id, p);
    if (rc <= 0)
        return rc;
    p->session_id = s.id;
    p->csrf_token = s.csrf_token;
    if (now - s.last_seen_at >= TOUCH_EVERY_MS && sessions_touch(c, s.id, &err) == DB_OK)
        s.last_seen_at = now;
    remember(&session_kind, hash, p, s.expires_at, s.last_seen_at, gen);
    return 1;
}

/* Turns the token's comma-separated roles into grants on its region. */
static int from_bearer(http_req_t *req, app_t *app, db_conn_t *c, const char *token, principal_t *p)
{
    char hash[65];
    crypto_sha256_hex(token, strlen(token), hash);
    int rc = recall(req, app, &token_kind, hash, p);
    if (rc != 0)
        return rc;
    uint64_t gen = api_cache_generation();
    db_err_t err = {0};
    api_token_t t;
    rc = tokens_find(c, req->arena, hash, &t, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    if (rc == 0)
        return 0;
    p->grants = arena_calloc(req->arena, MAX_GRANTS * sizeof(grant_t));
    if (!p->grants)
        return -1;
    char *roles = arena_strdup(req->arena, t.roles);
    for (char *save = NULL, *r = strtok_r(roles, ",", &save); r && p->ngrants < MAX_GRANTS; r = strtok_r(NULL, ",", &save))
        p->grants[p->ngrants++] = (grant_t){.role = r, .region_code = t.region_code};
    p->token_id = t.id;
    p->kind = "token";
    p->name = arena_printf(req->arena, "token:%s", t.name);
    int64_t now = clock_now_ms();
    if (now - t.last_used_at >= TOUCH_EVERY_MS && tokens_touch(c, t.id, &err) == DB_OK)
        t.last_used_at = now;
    remember(&token_kind, hash, p, 0, t.last_used_at, gen);
    return 1;
}

/* Finds who is asking: 1 signed in, 0 anonymous, -1 answered (database down). */
static int authenticate(http_req_t *req, app_t *app, principal_t **out)
{
    *out = NULL;
    const char *authz = http_header(req, "Authorization");
    const char *cookie = http_cookie(req, SESSION_COOKIE);
    if (!authz && !cookie)
        return 0;
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return -1;
    principal_t *p = arena_calloc(req->arena, sizeof *p);
    if (!p)
        return -1;
    int rc;
    if (authz) {
        if (strncmp(authz, "Bearer ", 7) != 0)
            return 0;
        rc = from_bearer(req, app, c, authz + 7, p);
    } else {
        rc = from_cookie(req, app, c, cookie, p);
    }
    if (rc == 1)
        *out = p;
    return rc;
}

bool api_authenticate(http_req_t *req, app_t *app)
{
    principal_t *p;
    if (authenticate(req, app, &p) < 0) {
        if (!req->status)
            http_reply_internal(req);
        return false;
    }
    req->auth = p;
    return true;
}

bool api_may(const http_req_t *req, unsigned roles, const char *region_code)
{
    const principal_t *p = req->auth;
    if (!p)
        return false;
    for (int i = 0; i < p->ngrants; i++) {
        const grant_t *g = &p->grants[i];
        unsigned bit = role_bit(g->role);
        if (bit == ROLE_PLATFORM_ADMIN && (roles == 0 || (roles & ROLE_PLATFORM_ADMIN)))
            return true;
        if (roles && !(roles & bit))
            continue;
        if (!region_code || region_covers(g->region_code, region_code))
            return true;
    }
    return roles == 0 && !region_code; /* any signed-in caller */
}

const char *api_acting_role(const http_req_t *req, unsigned roles)
{
    const principal_t *p = req->auth;
    if (!p)
        return NULL;
    for (int i = 0; i < p->ngrants; i++)
        if (!roles || (roles & role_bit(p->grants[i].role)))
            return p->grants[i].role;
    return p->ngrants ? p->grants[0].role : NULL;
}

static bool csrf_ok(http_req_t *req, const principal_t *p)
{
    if (!p->session_id || !http_is_write(req))
        return true; /* API tokens are not sent by browsers on their own */
    const char *sent = http_header(req, "X-CSRF-Token");
    return sent && p->csrf_token && crypto_equal(sent, p->csrf_token);
}

bool api_guard(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const route_t *rt = req->route;
    if (rt->flags & ROUTE_PUBLIC)
        return true; /* no public handler needs to know who asks: no lookup, no 503 */
    principal_t *p;
    if (authenticate(req, app, &p) < 0) {
        if (!req->status)
            http_reply_internal(req);
        return false;
    }
    req->auth = p;
    if (!p) {
        unauthorized(req);
        return false;
    }
    if (!csrf_ok(req, p)) {
        http_reply_error(req, 403, "csrf_failed",
                         http_tr(req, "Token CSRF tidak ada atau salah; muat ulang halaman.",
                                 "The CSRF token is missing or wrong; reload the page."),
                         NULL);
        return false;
    }
    const char *region = NULL;
    if (rt->scope == SCOPE_PATH_REGION) {
        region = http_param(req, "code");
    } else if (rt->scope == SCOPE_QUERY_REGION) {
        region = http_query(req, "region");
        if (!region && !api_may(req, ROLE_PLATFORM_ADMIN, NULL)) {
            json_t *fields = NULL;
            api_field_error(&fields, "region", http_tr(req, "Wajib diisi (kode wilayah).", "Required (a region code)."));
            http_reply_invalid(req, fields);
            return false;
        }
    }
    if (region && region_code_level(region) == REGION_INVALID) {
        json_t *fields = NULL;
        const char *field = rt->scope == SCOPE_PATH_REGION ? "code" : "region";
        api_field_error(&fields, field, http_tr(req, "Bukan kode wilayah yang sah.", "Not a valid region code."));
        http_reply_invalid(req, fields);
        return false;
    }
    if (!api_may(req, rt->roles, region)) {
        api_forbidden(req);
        return false;
    }
    return true;
}

json_t *api_roles_json(unsigned roles)
{
    json_t *a = json_array();
    for (int i = 0; role_names[i]; i++)
        if (roles & (1u << i))
            json_array_append_new(a, json_string(role_names[i]));
    return a;
}

const char *api_scope_name(int scope)
{
    switch (scope) {
    case SCOPE_PATH_REGION: return "path_region";
    case SCOPE_QUERY_REGION: return "query_region";
    case SCOPE_RECORD: return "record";
    default: return "none";
    }
}
