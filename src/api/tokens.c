/* tokens.c - API tokens (shown once, stored as SHA-256, scoped to roles and a
 * region) and the audit trail listing. */
#include "api/tokens.h"

#include "api/guard.h"
#include "api/people.h"
#include "domain/region_code.h"
#include "domain/roles.h"
#include "lib/buf.h"
#include "lib/crypto.h"
#include "lib/utf8.h"
#include "store/audit.h"
#include "store/sessions.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_PREFIX "sp_"

static json_t *token_json(const api_token_t *t)
{
    json_t *roles = json_array();
    char *copy = strdup(t->roles);
    for (char *save = NULL, *r = copy ? strtok_r(copy, ",", &save) : NULL; r; r = strtok_r(NULL, ",", &save))
        json_array_append_new(roles, json_string(r));
    free(copy);
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)t->id, "name", t->name, "roles", roles,
                     "region_code", t->region_code ? json_string(t->region_code) : json_null(), "created_at",
                     api_time_json(t->created_at, t->region_code), "last_used_at", api_time_json(t->last_used_at, t->region_code), "revoked_at",
                     api_time_json(t->revoked_at, t->region_code));
}

void api_tokens_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    json_t *fields = NULL;
    long limit;
    int64_t before;
    db_conn_t *c = api_page_begin(req, app, fields, &limit, &before);
    if (!c)
        return;
    db_err_t err = {0};
    api_token_t *rows = arena_alloc(req->arena, (size_t)(limit + 1) * sizeof *rows);
    int n = 0;
    if (!rows ||
        tokens_list(c, req->arena, http_query(req, "region"), before, rows, (int)limit + 1, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    /* One more row than the page says whether another page follows. */
    int shown = n > limit ? (int)limit : n;
    json_t *data = json_array();
    for (int i = 0; i < shown; i++)
        json_array_append_new(data, token_json(&rows[i]));
    json_t *next = n > limit ? json_sprintf("%lld", (long long)rows[shown - 1].id) : json_null();
    http_reply_json(req, 200, json_pack("{s:o, s:o}", "data", data, "next_cursor", next));
}

void api_tokens_create(http_req_t *req, void *appv)
{
    app_t *app = appv;
    static const char *const allowed[] = {"name", "roles", "region_code", NULL};
    json_t *b = req->json, *fields = NULL;
    api_unknown_fields(req, b, allowed, &fields);
    const char *name = api_json_text(json_object_get(b, "name"));
    const char *region = api_json_text(json_object_get(b, "region_code"));
    json_t *roles = json_object_get(b, "roles");
    if (!name || !*name || strlen(name) > 100 || !utf8_valid(name, strlen(name)))
        api_field_error(&fields, "name", http_tr(req, "Nama 1 sampai 100 karakter.", "The name needs 1 to 100 characters."));
    if (!region || region_code_level(region) == REGION_INVALID)
        api_field_error(&fields, "region_code", http_tr(req, "Kode wilayah wajib dan harus sah.", "A valid region code is required."));
    buf_t csv = BUF_INIT;
    size_t nr = json_is_array(roles) ? json_array_size(roles) : 0;
    if (nr < 1 || nr > 10) {
        api_field_error(&fields, "roles", http_tr(req, "Berisi 1 sampai 10 peran.", "Must hold 1 to 10 roles."));
    } else {
        for (size_t i = 0; i < nr; i++) {
            const char *r = api_json_text(json_array_get(roles, i));
            if (!role_valid(r) || strcmp(r, "platform_admin") == 0 || strcmp(r, "citizen") == 0) {
                char f[24];
                snprintf(f, sizeof f, "roles[%zu]", i);
                api_field_error(&fields, f, http_tr(req, "Peran tidak dikenal atau tidak boleh untuk token.",
                                                    "Unknown role, or not allowed for a token."));
                continue;
            }
            buf_printf(&csv, "%s%s", csv.len ? "," : "", r);
        }
    }
    if (fields) {
        buf_free(&csv);
        http_reply_invalid(req, fields);
        return;
    }
    if (!api_may(req, ROLE_REGION_ADMIN | ROLE_PLATFORM_ADMIN, region)) {
        buf_free(&csv);
        api_forbidden(req);
        return;
    }
    char token[CRYPTO_TOKEN_MAX], hash[65];
    crypto_new_token(TOKEN_PREFIX, token);
    crypto_sha256_hex(token, strlen(token), hash);
    db_conn_t *c = api_begin(req, app);
    if (!c) {
        buf_free(&csv);
        return;
    }
    db_err_t err = {0};
    int64_t id;
    api_token_t t;
    const principal_t *p = api_principal(req);
    int rc = tokens_create(c, name, hash, csv.data, region, p->user_id, &id, &err);
    buf_free(&csv);
    if (rc != DB_OK || tokens_get(c, req->arena, id, &t, &err) != 1) {
        api_abort(req, c, &err);
        return;
    }
    json_t *out = token_json(&t);
    if (!api_finish(req, c, "token.create", "api_token", id, region, out)) {
        json_decref(out);
        return;
    }
    json_object_set_new(out, "token", json_string(token));
    http_reply_json(req, 201, out);
}

void api_tokens_revoke(http_req_t *req, void *appv)
{
    app_t *app = appv;
    int64_t id = api_id_param(req, "id");
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    api_token_t t;
    int rc = id ? tokens_get(c, req->arena, id, &t, &err) : 0;
    if (rc <= 0) {
        db_rollback(c);
        if (rc < 0)
            api_db_failed(req, &err);
        else
            http_reply_not_found(req);
        return;
    }
    if (!api_may(req, ROLE_REGION_ADMIN | ROLE_PLATFORM_ADMIN, t.region_code)) {
        db_rollback(c);
        api_forbidden(req);
        return;
    }
    bool changed;
    if (tokens_revoke(c, id, &changed, &err) != DB_OK ||
        (changed && api_audit(req, c, "token.revoke", "api_token", id, t.region_code, NULL, &err) != DB_OK)) {
        api_abort(req, c, &err);
        return;
    }
    if (!api_commit(req, c))
        return;
    http_reply_take(req, 204, NULL, NULL, 0);
}

void api_audit_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *region = http_query(req, "region");
    json_t *fields = NULL;
    long limit;
    int64_t before;
    db_conn_t *c = api_page_begin(req, app, fields, &limit, &before);
    if (!c)
        return;
    db_err_t err = {0};
    audit_row_t *rows = arena_alloc(req->arena, (size_t)(limit + 1) * sizeof *rows);
    int n = 0;
    if (!rows || audit_list(c, req->arena, region, before, (int)limit + 1, rows, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    json_t *data = json_array();
    int shown = n > limit ? (int)limit : n;
    for (int i = 0; i < shown; i++) {
        const audit_row_t *r = &rows[i];
        json_array_append_new(
            data, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:s, s:s}", "id", (json_int_t)r->id,
                            "at", api_time_json(r->at, r->region_code), "actor_id", r->actor_id ? json_integer(r->actor_id) : json_null(),
                            "actor_name", r->actor_name ? json_string(r->actor_name) : json_null(), "role",
                            r->role ? json_string(r->role) : json_null(), "region_code",
                            r->region_code ? json_string(r->region_code) : json_null(), "action", r->action, "entity",
                            r->entity, "entity_id", r->entity_id ? json_string(r->entity_id) : json_null(), "ip",
                            r->ip ? json_string(r->ip) : json_null(), "digest", r->digest, "hash", r->hash));
    }
    json_t *next = n > limit ? json_sprintf("%lld", (long long)rows[shown - 1].id) : json_null();
    http_reply_json(req, 200, json_pack("{s:o, s:o}", "data", data, "next_cursor", next));
}
