/* auth.c - registration, login, logout, me. Passwords: argon2id (libsodium);
 * personal data sealed before it reaches the store; throttling per account
 * and per address; every write audited in its transaction. */
#include "api/auth.h"

#include "api/guard.h"
#include "api/people.h"
#include "domain/contact.h"
#include "domain/nik.h"
#include "domain/region_code.h"
#include "domain/roles.h"
#include "lib/clock.h"
#include "lib/crypto.h"
#include "lib/utf8.h"
#include "store/regions.h"
#include "store/sessions.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define MAX_PASSWORD 256
#define THROTTLE_WINDOW_MS (15 * 60 * 1000)
#define MAX_ACCOUNT_FAILURES 5
#define MAX_IP_FAILURES 20
#define MAX_GRANTS 32

static int found_region(void *ctx, const region_t *r)
{
    *(int *)ctx = r->level;
    return 0;
}

void api_reply_user(http_req_t *req, app_t *app, db_conn_t *c, int64_t id, int status, bool self, bool wrap,
                    const char *csrf)
{
    db_err_t err = {0};
    user_t u;
    grant_t grants[MAX_GRANTS];
    int n = 0;
    int rc = users_get(c, req->arena, id, &u, &err);
    if (rc == 1)
        rc = grants_of(c, req->arena, id, grants, MAX_GRANTS, &n, &err) == DB_OK ? 1 : -1;
    if (rc < 0) {
        api_db_failed(req, &err);
        return;
    }
    if (rc == 0) {
        http_reply_not_found(req);
        return;
    }
    json_t *user = api_user_json(req, app, &u, grants, n, self);
    if (!wrap) {
        http_reply_json(req, status, user);
        return;
    }
    json_t *body = json_pack("{s:o}", "user", user);
    if (csrf)
        json_object_set_new(body, "csrf_token", json_string(csrf));
    http_reply_json(req, status, body);
}

/* ---- register ----------------------------------------------------------------- */

void api_auth_register(http_req_t *req, void *appv)
{
    app_t *app = appv;
    static const char *const allowed[] = {"name", "nik", "phone", "email", "password", NULL};
    json_t *fields = NULL;
    json_t *body = req->json;
    api_unknown_fields(req, body, allowed, &fields);
    const char *name = api_json_text(json_object_get(body, "name"));
    const char *nik = api_json_text(json_object_get(body, "nik"));
    const char *password = api_json_text(json_object_get(body, "password"));
    api_check_name(req, "name", name, &fields);
    nik_parts_t parts;
    nik_status_t ns = nik_parse(nik, &parts);
    if (ns != NIK_OK)
        api_field_error(&fields, "nik", req->lang == LANG_EN ? nik_reason_en(ns) : nik_reason_id(ns));
    char phone[24], email[256];
    api_read_contact(req, body, phone, email, &fields);
    const char *phone_in = api_json_text(json_object_get(body, "phone"));
    const char *email_in = api_json_text(json_object_get(body, "email"));
    if ((!phone_in || !*phone_in) && (!email_in || !*email_in)) {
        const char *why = http_tr(req, "Isi nomor ponsel atau e-mail.", "Give a mobile number or an e-mail address.");
        api_field_error(&fields, "phone", why);
        api_field_error(&fields, "email", why);
    }
    const char *pw_problem = api_password_problem(req, password);
    if (pw_problem)
        api_field_error(&fields, "password", pw_problem);

    /* The NIK's district must exist in the reference codes: checked with the
     * rest, so every wrong field is named in one answer. */
    db_conn_t *c = api_conn(req, app);
    if (!c) {
        json_decref(fields);
        return;
    }
    db_err_t err = {0};
    if (ns == NIK_OK) {
        int level = 0;
        if (regions_get(c, parts.district, found_region, &level, &err) < 0) {
            json_decref(fields);
            api_db_failed(req, &err);
            return;
        }
        if (level != REGION_DISTRICT)
            api_field_error(&fields, "nik", http_tr(req, "Enam angka pertama bukan kode kecamatan yang terdaftar.",
                                                    "The first six digits are not a known district code."));
    }
    if (fields) {
        http_reply_invalid(req, fields);
        return;
    }

    char hash[CRYPTO_PWHASH_LEN];
    if (crypto_password_hash(password, hash) != 0) {
        http_reply_internal(req);
        return;
    }
    char regency[16];
    region_code_parent(parts.district, regency, sizeof regency);
    user_t u = {.kind = "citizen", .name = name, .password_hash = hash, .region_code = arena_strdup(req->arena, regency)};
    char masked[64];
    nik_mask(nik, masked);
    if (!api_seal(app, req->arena, "nik", nik, masked, &u.nik) ||
        !api_seal_contact(app, req->arena, phone, email, &u)) {
        http_reply_internal(req);
        return;
    }

    if (!(c = api_begin(req, app)))
        return;
    const char *taken = NULL;
    int64_t id = 0;
    if (users_taken(c, &u, &taken, &err) != DB_OK)
        goto db_fail;
    if (taken) {
        db_rollback(c);
        api_field_error(&fields, taken, http_tr(req, "Sudah terdaftar.", "Already registered."));
        http_reply_error(req, 409, "conflict",
                         http_tr(req, "Data ini sudah terdaftar.", "This is registered already."), fields);
        return;
    }
    if (users_insert(c, &u, &id, &err) != DB_OK ||
        grants_insert(c, id, "citizen", u.region_code, 0, &(int64_t){0}, &err) != DB_OK)
        goto db_fail;
    json_t *change = json_pack("{s:s, s:s}", "kind", "citizen", "region_code", u.region_code);
    bool done = api_finish(req, c, "auth.register", "user", id, u.region_code, change);
    json_decref(change);
    if (!done)
        return;
    api_reply_user(req, app, c, id, 201, true, true, NULL);
    return;
db_fail:
    if (err.status == DB_CONFLICT) {
        db_rollback(c);
        http_reply_error(req, 409, "conflict", http_tr(req, "Data ini sudah terdaftar.", "This is registered already."), NULL);
        return;
    }
    api_abort(req, c, &err);
}

/* ---- login -------------------------------------------------------------------- */

/* Finds the account a login names (e-mail, phone or username): 1, 0 or <0 answered. */
static int find_login(http_req_t *req, app_t *app, db_conn_t *c, const char *login, user_t *u, const char **key)
{
    db_err_t err = {0};
    char norm[256];
    int rc;
    if (strchr(login, '@') && email_normalize(login, norm, sizeof norm)) {
        *key = api_blind_index(app, req->arena, "login", norm);
        rc = users_by_index(c, req->arena, "email", api_blind_index(app, req->arena, "email", norm), u, &err);
    } else if (phone_normalize(login, norm, sizeof norm)) {
        *key = api_blind_index(app, req->arena, "login", norm);
        rc = users_by_index(c, req->arena, "phone", api_blind_index(app, req->arena, "phone", norm), u, &err);
    } else {
        *key = api_blind_index(app, req->arena, "login", login);
        rc = users_by_username(c, req->arena, login, u, &err);
    }
    if (rc < 0)
        api_db_failed(req, &err);
    return rc;
}

static bool throttled(http_req_t *req, db_conn_t *c, const char *key, int64_t max)
{
    db_err_t err = {0};
    int64_t failures, start;
    if (throttle_get(c, key, &failures, &start, &err) != DB_OK)
        return false; /* a throttle read failure must not lock everybody out */
    int64_t now = clock_now_ms();
    if (failures < max || now - start >= THROTTLE_WINDOW_MS)
        return false;
    char retry[24];
    snprintf(retry, sizeof retry, "%lld", (long long)((start + THROTTLE_WINDOW_MS - now) / 1000 + 1));
    http_add_header(req, "Retry-After", retry);
    http_reply_error(req, 429, "too_many_attempts",
                     http_tr(req, "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.",
                             "Too many failed sign-in attempts. Try again later."),
                     NULL);
    return true;
}

static void login_failed(http_req_t *req, app_t *app, const char *acct_key, const char *ip_key, int64_t user_id,
                         const char *region)
{
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    if (throttle_fail(c, acct_key, THROTTLE_WINDOW_MS, &err) != DB_OK ||
        throttle_fail(c, ip_key, THROTTLE_WINDOW_MS, &err) != DB_OK ||
        api_audit(req, c, "auth.login_failed", "user", user_id, region, NULL, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    if (!api_commit(req, c))
        return;
    http_reply_error(req, 401, "invalid_credentials",
                     http_tr(req, "Login atau kata sandi salah.", "Wrong login or password."), NULL);
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[CRYPTO_PWHASH_LEN];

static void make_dummy_hash(void)
{
    char pw[33];
    crypto_random_password(pw, 32);
    crypto_password_hash(pw, dummy_hash);
}

static void set_session_cookie(http_req_t *req, app_t *app, const char *token, int64_t max_age_s)
{
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%lld%s", SESSION_COOKIE, token,
             (long long)max_age_s, app->secure_cookies ? "; Secure" : "");
    http_add_header(req, "Set-Cookie", cookie);
}

void api_auth_login(http_req_t *req, void *appv)
{
    app_t *app = appv;
    static const char *const allowed[] = {"login", "password", NULL};
    json_t *fields = NULL;
    api_unknown_fields(req, req->json, allowed, &fields);
    const char *login = api_json_text(json_object_get(req->json, "login"));
    const char *password = api_json_text(json_object_get(req->json, "password"));
    if (!login || !*login || strlen(login) > 254)
        api_field_error(&fields, "login", http_tr(req, "Isi e-mail, nomor ponsel atau nama pengguna.",
                                                  "Give an e-mail, mobile number or username."));
    if (!password || !*password || strlen(password) > MAX_PASSWORD)
        api_field_error(&fields, "password", http_tr(req, "Wajib diisi.", "Required."));
    if (fields) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    char ip[64];
    http_client_ip(req, ip, sizeof ip);
    const char *ip_key = arena_printf(req->arena, "i:%s", ip);
    user_t u;
    const char *key = NULL;
    int rc = find_login(req, app, c, login, &u, &key);
    if (rc < 0)
        return;
    /* The lock is on the account (whichever of its e-mail, phone or username
     * is used); for an unknown login, on the login itself. */
    const char *acct_key = rc == 1 ? arena_printf(req->arena, "a:u%lld", (long long)u.id)
                                   : arena_printf(req->arena, "a:%s", key);
    if (throttled(req, c, acct_key, MAX_ACCOUNT_FAILURES) || throttled(req, c, ip_key, MAX_IP_FAILURES))
        return;
    /* Verify against a dummy hash when there is no such user, so timing does not tell. */
    pthread_once(&dummy_once, make_dummy_hash);
    bool good = crypto_password_verify(rc == 1 ? u.password_hash : dummy_hash, password) && rc == 1 && !u.disabled;
    if (!good) {
        login_failed(req, app, acct_key, ip_key, rc == 1 ? u.id : 0, rc == 1 ? u.region_code : NULL);
        return;
    }
    char token[CRYPTO_TOKEN_MAX], csrf[CRYPTO_TOKEN_MAX], token_hash[65];
    crypto_new_token("", token);
    crypto_new_token("", csrf);
    crypto_sha256_hex(token, strlen(token), token_hash);
    if (!(c = api_begin(req, app)))
        return;
    db_err_t err = {0};
    int64_t sid;
    principal_t *p = arena_calloc(req->arena, sizeof *p);
    if (p) { /* the audit entry's actor */
        p->user_id = u.id;
        p->name = u.name;
        p->grants = arena_calloc(req->arena, MAX_GRANTS * sizeof(grant_t));
        if (p->grants)
            grants_of(c, req->arena, u.id, p->grants, MAX_GRANTS, &p->ngrants, &err);
        req->auth = p;
    }
    const char *region = u.region_code ? u.region_code : p && p->ngrants ? p->grants[0].region_code : NULL;
    if (throttle_clear(c, acct_key, &err) != DB_OK ||
        sessions_create(c, token_hash, u.id, csrf, clock_now_ms() + app->session_max_ms, &sid, &err) != DB_OK ||
        api_audit(req, c, "auth.login", "session", sid, region, NULL, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    if (!api_commit(req, c))
        return;
    set_session_cookie(req, app, token, app->session_max_ms / 1000);
    api_reply_user(req, app, c, u.id, 200, true, true, csrf);
}

void api_auth_logout(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const principal_t *p = api_principal(req);
    if (p->session_id) {
        db_conn_t *c = api_begin(req, app);
        if (!c)
            return;
        db_err_t err = {0};
        if (sessions_delete(c, p->session_id, &err) != DB_OK ||
            api_audit(req, c, "auth.logout", "session", p->session_id, NULL, NULL, &err) != DB_OK) {
            api_abort(req, c, &err);
            return;
        }
        if (!api_commit(req, c))
            return;
    }
    set_session_cookie(req, app, "", 0);
    http_reply_take(req, 204, NULL, NULL, 0);
}

void api_auth_me(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const principal_t *p = api_principal(req);
    if (p->token_id) {
        json_t *g = json_array();
        for (int i = 0; i < p->ngrants; i++)
            json_array_append_new(g, api_grant_json(&p->grants[i]));
        json_t *user = json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)0, "kind", "token", "name", p->name,
                                 "grants", g);
        http_reply_json(req, 200, json_pack("{s:o}", "user", user));
        return;
    }
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    api_reply_user(req, app, c, p->user_id, 200, true, true, p->csrf_token);
}
