/* users.c - staff accounts and their grants, administered by region and
 * platform admins. A region admin acts only inside the regions he holds. */
#include "api/users.h"

#include "api/auth.h"
#include "api/guard.h"
#include "api/people.h"
#include "domain/contact.h"
#include "domain/region_code.h"
#include "domain/roles.h"
#include "lib/crypto.h"
#include "lib/utf8.h"
#include "store/agencies.h"
#include "store/sessions.h"

#include <stdio.h>
#include <string.h>

#define ADMINS (ROLE_REGION_ADMIN | ROLE_PLATFORM_ADMIN)
#define MAX_GRANTS 32

static bool valid_username(const char *u)
{
    size_t n = u ? strlen(u) : 0;
    if (n < 3 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = u[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

/* True when the caller may administer a user holding these grants: a
 * platform admin anyone; a region admin only users all of whose grants lie in
 * his regions (so he can never lock out an admin of another region or a
 * platform admin). */
static bool may_admin_user(http_req_t *req, const grant_t *g, int n)
{
    if (api_may(req, ROLE_PLATFORM_ADMIN, NULL))
        return true;
    if (n == 0)
        return false;
    for (int i = 0; i < n; i++)
        if (!g[i].region_code || strcmp(g[i].role, "platform_admin") == 0 ||
            !api_may(req, ROLE_REGION_ADMIN, g[i].region_code))
            return false;
    return true;
}

void api_users_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *region = http_query(req, "region");
    const char *role = http_query(req, "role");
    const char *q = http_query(req, "q");
    const char *kind = http_query(req, "kind");
    json_t *fields = NULL;
    if (!kind)
        kind = "staff";
    if (strcmp(kind, "staff") != 0 && strcmp(kind, "citizen") != 0)
        api_field_error(&fields, "kind", http_tr(req, "staff atau citizen.", "staff or citizen."));
    if (role && !role_valid(role))
        api_field_error(&fields, "role", http_tr(req, "Peran tidak dikenal.", "Unknown role."));
    if (q && (strlen(q) > 100 || !utf8_valid(q, strlen(q))))
        api_field_error(&fields, "q", http_tr(req, "Kata kunci tidak sah.", "Invalid search text."));
    long limit;
    int64_t before;
    db_conn_t *c = api_page_begin(req, app, fields, &limit, &before);
    if (!c)
        return;
    db_err_t err = {0};
    user_t *rows = arena_alloc(req->arena, (size_t)(limit + 1) * sizeof *rows);
    int n = 0;
    if (!rows ||
        users_list_region(c, req->arena, region, role, q, kind, before, (int)limit + 1, rows, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    /* One more row than the page says whether another page follows. */
    int shown = n > limit ? (int)limit : n;
    json_t *data = json_array();
    for (int i = 0; i < shown; i++) {
        grant_t g[MAX_GRANTS];
        int ng = 0;
        if (grants_of(c, req->arena, rows[i].id, g, MAX_GRANTS, &ng, &err) != DB_OK) {
            json_decref(data);
            api_db_failed(req, &err);
            return;
        }
        json_array_append_new(data, api_user_json(req, app, &rows[i], g, ng, false));
    }
    json_t *next = n > limit ? json_sprintf("%lld", (long long)rows[shown - 1].id) : json_null();
    http_reply_json(req, 200, json_pack("{s:o, s:o}", "data", data, "next_cursor", next));
}

/* Validates one grant object; on success fills g (strings borrowed from v). */
static bool read_grant(http_req_t *req, json_t *v, const char *prefix, grant_t *g, json_t **fields)
{
    char f[48];
    if (!json_is_object(v)) {
        api_field_error(fields, prefix, http_tr(req, "Harus berupa objek.", "Must be an object."));
        return false;
    }
    bool ok = true;
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val) {
        if (strcmp(key, "role") && strcmp(key, "region_code") && strcmp(key, "agency_id")) {
            snprintf(f, sizeof f, "%s.%s", prefix, key);
            api_field_error(fields, f, http_tr(req, "Kolom tidak dikenal.", "Unknown field."));
            ok = false;
        }
    }
    g->role = api_json_text(json_object_get(v, "role"));
    json_t *rc = json_object_get(v, "region_code");
    g->region_code = json_is_null(rc) ? NULL : api_json_text(rc);
    json_t *ag = json_object_get(v, "agency_id");
    g->agency_id = json_is_integer(ag) ? json_integer_value(ag) : 0;
    if (!role_valid(g->role)) {
        snprintf(f, sizeof f, "%s.role", prefix);
        api_field_error(fields, f, http_tr(req, "Peran tidak dikenal.", "Unknown role."));
        ok = false;
    }
    bool platform = g->role && strcmp(g->role, "platform_admin") == 0;
    if ((!platform && (!g->region_code || region_code_level(g->region_code) == REGION_INVALID)) ||
        (platform && g->region_code)) {
        snprintf(f, sizeof f, "%s.region_code", prefix);
        api_field_error(fields, f, platform ? http_tr(req, "platform_admin tidak memakai wilayah.", "platform_admin takes no region.")
                                            : http_tr(req, "Kode wilayah wajib dan harus sah.", "A valid region code is required."));
        ok = false;
    }
    if (ag && !json_is_null(ag) && (!json_is_integer(ag) || json_integer_value(ag) <= 0)) {
        snprintf(f, sizeof f, "%s.agency_id", prefix);
        api_field_error(fields, f, http_tr(req, "Harus berupa id instansi.", "Must be an agency id."));
        ok = false;
    }
    return ok;
}

/* The caller may hand out g: platform_admin anything; region_admin any role
 * but platform_admin inside his regions. */
static bool may_grant(http_req_t *req, const grant_t *g)
{
    if (api_may(req, ROLE_PLATFORM_ADMIN, NULL))
        return true;
    if (strcmp(g->role, "platform_admin") == 0)
        return false;
    return api_may(req, ROLE_REGION_ADMIN, g->region_code);
}

/* The agency of a grant must exist in the grant's region. 1 ok, 0 not, <0 answered. */
static int agency_fits(http_req_t *req, db_conn_t *c, const grant_t *g)
{
    if (!g->agency_id)
        return 1;
    db_err_t err = {0};
    agency_t a;
    int rc = agencies_get(c, req->arena, g->agency_id, &a, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    return rc == 1 && g->region_code && strcmp(a.region_code, g->region_code) == 0;
}

void api_users_create(http_req_t *req, void *appv)
{
    app_t *app = appv;
    static const char *const allowed[] = {"username", "name", "password", "email", "phone", "grants", NULL};
    json_t *body = req->json, *fields = NULL;
    api_unknown_fields(req, body, allowed, &fields);
    const char *username = api_json_text(json_object_get(body, "username"));
    const char *name = api_json_text(json_object_get(body, "name"));
    const char *password = api_json_text(json_object_get(body, "password"));
    json_t *grants_in = json_object_get(body, "grants");
    if (!valid_username(username))
        api_field_error(&fields, "username", http_tr(req, "3-64 karakter: a-z 0-9 . _ -", "3-64 characters: a-z 0-9 . _ -"));
    api_check_name(req, "name", name, &fields);
    const char *pw_problem = api_password_problem(req, password);
    if (pw_problem)
        api_field_error(&fields, "password", pw_problem);
    char email[256], phone[24];
    api_read_contact(req, body, phone, email, &fields);
    grant_t grants[10];
    size_t ng = json_is_array(grants_in) ? json_array_size(grants_in) : 0;
    if (ng < 1 || ng > 10) {
        api_field_error(&fields, "grants", http_tr(req, "Berisi 1 sampai 10 hak akses.", "Must hold 1 to 10 grants."));
    } else {
        for (size_t i = 0; i < ng; i++) {
            char prefix[24];
            snprintf(prefix, sizeof prefix, "grants[%zu]", i);
            read_grant(req, json_array_get(grants_in, i), prefix, &grants[i], &fields);
        }
    }
    if (fields) {
        http_reply_invalid(req, fields);
        return;
    }
    for (size_t i = 0; i < ng; i++)
        if (!may_grant(req, &grants[i])) {
            api_forbidden(req);
            return;
        }
    char hash[CRYPTO_PWHASH_LEN];
    if (crypto_password_hash(password, hash) != 0) {
        http_reply_internal(req);
        return;
    }
    user_t u = {.kind = "staff", .username = username, .name = name, .password_hash = hash};
    if (!api_seal_contact(app, req->arena, phone, email, &u)) {
        http_reply_internal(req);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    const char *taken = NULL;
    if (users_taken(c, &u, &taken, &err) != DB_OK)
        goto db_fail;
    if (taken) {
        db_rollback(c);
        api_field_error(&fields, taken, http_tr(req, "Sudah dipakai.", "Already taken."));
        http_reply_error(req, 409, "conflict", http_tr(req, "Data ini sudah terdaftar.", "This is registered already."), fields);
        return;
    }
    for (size_t i = 0; i < ng; i++) {
        int fit = agency_fits(req, c, &grants[i]);
        if (fit < 0) {
            db_rollback(c);
            return;
        }
        if (!fit) {
            db_rollback(c);
            char f[40];
            snprintf(f, sizeof f, "grants[%zu].agency_id", i);
            api_field_error(&fields, f, http_tr(req, "Instansi tidak ada di wilayah ini.", "No such agency in this region."));
            http_reply_invalid(req, fields);
            return;
        }
    }
    int64_t id;
    if (users_insert(c, &u, &id, &err) != DB_OK)
        goto db_fail;
    json_t *change = json_pack("{s:s, s:s, s:[]}", "username", username, "kind", "staff", "grants");
    for (size_t i = 0; i < ng; i++) {
        int64_t gid;
        if (grants_insert(c, id, grants[i].role, grants[i].region_code, grants[i].agency_id, &gid, &err) != DB_OK) {
            json_decref(change);
            goto db_fail;
        }
        json_array_append_new(json_object_get(change, "grants"), api_grant_json(&(grant_t){.id = gid, .role = grants[i].role,
                              .region_code = grants[i].region_code, .agency_id = grants[i].agency_id}));
    }
    bool done = api_finish(req, c, "user.create", "user", id, grants[0].region_code, change);
    json_decref(change);
    if (!done)
        return;
    api_reply_user(req, app, c, id, 201, false, false, NULL);
    return;
db_fail:
    if (err.status == DB_CONFLICT) {
        db_rollback(c);
        http_reply_error(req, 409, "conflict", http_tr(req, "Data ini sudah terdaftar.", "This is registered already."), NULL);
        return;
    }
    api_abort(req, c, &err);
}

/* Loads the target user's grants and checks the caller may see (self) or
 * administer him. Returns 1 allowed, 0 answered (403/404), -1 answered. */
static int load_target(http_req_t *req, db_conn_t *c, int64_t id, bool allow_self, user_t *u, grant_t *g, int *ng)
{
    db_err_t err = {0};
    int rc = id ? users_get(c, req->arena, id, u, &err) : 0;
    if (rc == 1)
        rc = grants_of(c, req->arena, id, g, MAX_GRANTS, ng, &err) == DB_OK ? 1 : -1;
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    const principal_t *p = api_principal(req);
    if (rc == 0) {
        /* Admins learn that it does not exist; others are not told either way. */
        if (api_may(req, ADMINS, NULL))
            http_reply_not_found(req);
        else
            api_forbidden(req);
        return 0;
    }
    if (allow_self && p->user_id == id)
        return 1;
    /* Reading (allow_self) a citizen: officers of his region may, to serve him. */
    if (allow_self && strcmp(u->kind, "citizen") == 0 &&
        api_may(req, ROLE_FRONT_OFFICE | ROLE_BACK_OFFICE | ROLE_APPROVER, u->region_code))
        return 1;
    if (!may_admin_user(req, g, *ng)) {
        api_forbidden(req);
        return 0;
    }
    return 1;
}

void api_users_get(http_req_t *req, void *appv)
{
    app_t *app = appv;
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    user_t u;
    grant_t g[MAX_GRANTS];
    int ng = 0;
    int64_t id = api_id_param(req, "id");
    if (load_target(req, c, id, true, &u, g, &ng) != 1)
        return;
    bool self = api_principal(req)->user_id == id;
    json_t *out = api_user_json(req, app, &u, g, ng, self);
    /* The full NIK only to the holder and to officers who verify identities in
     * the citizen's region (UU 27/2022: need to know); every reveal is audited. */
    bool officer = u.nik.enc && !self &&
                   api_may(req, ROLE_FRONT_OFFICE | ROLE_BACK_OFFICE | ROLE_APPROVER, u.region_code);
    if (u.nik.enc && (self || officer)) {
        const char *nik = api_unseal(app, req->arena, &u.nik, "nik");
        if (nik)
            json_object_set_new(out, "nik", json_string(nik));
        if (officer) {
            db_err_t err = {0};
            db_conn_t *w = api_begin(req, app);
            if (!w || api_audit(req, w, "user.reveal_nik", "user", id, u.region_code, NULL, &err) != DB_OK ||
                !api_commit(req, w)) {
                if (w && !req->status)
                    api_abort(req, w, &err);
                json_decref(out);
                return;
            }
        }
    }
    http_reply_json(req, 200, out);
}

void api_users_update(http_req_t *req, void *appv)
{
    app_t *app = appv;
    static const char *const allowed[] = {"name", "disabled", "version", NULL};
    json_t *body = req->json, *fields = NULL;
    api_unknown_fields(req, body, allowed, &fields);
    json_t *jname = json_object_get(body, "name"), *jdis = json_object_get(body, "disabled"),
           *jver = json_object_get(body, "version");
    const char *name = jname ? api_json_text(jname) : NULL;
    if (jname)
        api_check_name(req, "name", name, &fields);
    if (jdis && !json_is_boolean(jdis))
        api_field_error(&fields, "disabled", http_tr(req, "Harus true atau false.", "Must be true or false."));
    if (!json_is_integer(jver) || json_integer_value(jver) < 1)
        api_field_error(&fields, "version", http_tr(req, "Wajib: versi yang terakhir dibaca.", "Required: the version you read."));
    if (fields) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    user_t u;
    grant_t g[MAX_GRANTS];
    int ng = 0;
    int64_t id = api_id_param(req, "id");
    if (load_target(req, c, id, false, &u, g, &ng) != 1) {
        db_rollback(c);
        return;
    }
    db_err_t err = {0};
    bool changed;
    int disabled = jdis ? json_is_true(jdis) : -1;
    if (users_update(c, id, name, disabled, json_integer_value(jver), &changed, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    if (!changed) {
        db_rollback(c);
        http_reply_error(req, 409, "stale_version",
                         http_tr(req, "Data sudah diubah orang lain; muat ulang.", "Changed by someone else; reload."), NULL);
        return;
    }
    json_t *change = json_object();
    if (name)
        json_object_set_new(change, "name", json_string(name));
    if (disabled >= 0) {
        json_object_set_new(change, "disabled", json_boolean(disabled));
        if (disabled && sessions_delete_user(c, id, &err) != DB_OK) {
            json_decref(change);
            api_abort(req, c, &err);
            return;
        }
    }
    bool done = api_finish(req, c, "user.update", "user", id, ng ? g[0].region_code : NULL, change);
    json_decref(change);
    if (!done)
        return;
    api_reply_user(req, app, c, id, 200, api_principal(req)->user_id == id, false, NULL);
}

void api_grants_create(http_req_t *req, void *appv)
{
    app_t *app = appv;
    json_t *fields = NULL;
    grant_t g = {0};
    read_grant(req, req->json, "grant", &g, &fields);
    if (fields) {
        /* report "role", not "grant.role": the body is the grant */
        json_t *flat = json_object();
        const char *k;
        json_t *v;
        json_object_foreach(fields, k, v) json_object_set(flat, strncmp(k, "grant.", 6) == 0 ? k + 6 : k, v);
        json_decref(fields);
        http_reply_invalid(req, flat);
        return;
    }
    if (!may_grant(req, &g)) {
        api_forbidden(req);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    user_t u;
    grant_t cur[MAX_GRANTS];
    int ncur = 0;
    int64_t id = api_id_param(req, "id");
    db_err_t err = {0};
    if (load_target(req, c, id, false, &u, cur, &ncur) != 1) {
        db_rollback(c);
        return;
    }
    int fit = agency_fits(req, c, &g);
    if (fit <= 0) {
        db_rollback(c);
        if (fit == 0) {
            api_field_error(&fields, "agency_id", http_tr(req, "Instansi tidak ada di wilayah ini.", "No such agency in this region."));
            http_reply_invalid(req, fields);
        }
        return;
    }
    int64_t gid;
    int rc = grants_insert(c, id, g.role, g.region_code, g.agency_id, &gid, &err);
    if (rc == DB_CONFLICT) {
        db_rollback(c);
        http_reply_error(req, 409, "conflict", http_tr(req, "Hak akses ini sudah ada.", "The user has this grant already."), NULL);
        return;
    }
    g.id = gid;
    g.user_id = id;
    if (rc != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    json_t *change = api_grant_json(&g);
    bool done = api_finish(req, c, "grant.create", "user", id, g.region_code, change);
    json_decref(change);
    if (!done)
        return;
    http_reply_json(req, 201, api_grant_json(&g));
}

void api_grants_delete(http_req_t *req, void *appv)
{
    app_t *app = appv;
    int64_t id = api_id_param(req, "id"), gid = api_id_param(req, "grant_id");
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    grant_t g;
    int rc = id && gid ? grants_get(c, req->arena, id, gid, &g, &err) : 0;
    if (rc <= 0) {
        db_rollback(c);
        if (rc < 0)
            api_db_failed(req, &err);
        else if (api_may(req, ADMINS, NULL))
            http_reply_not_found(req);
        else
            api_forbidden(req);
        return;
    }
    grant_t cur[MAX_GRANTS];
    int ncur = 0;
    user_t u;
    if (!may_grant(req, &g) || load_target(req, c, id, false, &u, cur, &ncur) != 1) {
        db_rollback(c);
        if (!req->status)
            api_forbidden(req);
        return;
    }
    bool removed;
    if (grants_delete(c, id, gid, &removed, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    json_t *change = api_grant_json(&g);
    bool done = api_finish(req, c, "grant.delete", "user", id, g.region_code, change);
    json_decref(change);
    if (!done)
        return;
    http_reply_take(req, 204, NULL, NULL, 0);
}
