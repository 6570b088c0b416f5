/* common.c - helpers shared by the handlers. */
#include "api/app.h"
#include "api/cache.h"

#include "lib/buf.h"
#include "api/guard.h"
#include "lib/log.h"
#include "store/audit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

db_conn_t *api_conn(http_req_t *req, app_t *app)
{
    db_err_t err;
    db_conn_t *c = db_conn(app->db, &err);
    if (!c)
        api_db_failed(req, &err);
    return c;
}

void api_db_failed(http_req_t *req, const db_err_t *err)
{
    buf_t extra = BUF_INIT;
    buf_printf(&extra, "\"request_id\":\"%s\",\"error\":", req->request_id);
    buf_json_string(&extra, err->msg, strlen(err->msg));
    log_msg(LOG_ERROR, "database error", extra.oom ? NULL : extra.data);
    buf_free(&extra);
    if (err->status == DB_DOWN || err->status == DB_BUSY) {
        http_add_header(req, "Retry-After", "5");
        http_reply_error(req, 503, "unavailable",
                         http_tr(req, "Basis data sedang tidak dapat dijangkau. Coba lagi sebentar.",
                                 "The database is unreachable. Try again shortly."),
                         NULL);
        return;
    }
    http_reply_internal(req);
}

void api_field_error(json_t **fields, const char *field, const char *message)
{
    if (!*fields)
        *fields = json_object();
    if (*fields && !json_object_get(*fields, field))
        json_object_set_new(*fields, field, json_string(message));
}

const char *api_json_text(const json_t *v)
{
    if (!json_is_string(v))
        return NULL;
    const char *s = json_string_value(v);
    return strlen(s) == json_string_length(v) ? s : NULL;
}

db_conn_t *api_begin(http_req_t *req, app_t *app)
{
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return NULL;
    db_err_t err = {0};
    if (db_begin(c, true, &err) != DB_OK) {
        api_db_failed(req, &err);
        return NULL;
    }
    return c;
}

bool api_commit(http_req_t *req, db_conn_t *c)
{
    db_err_t err = {0};
    int rc = db_commit(c, &err);
    api_cache_bump(); /* whatever it changed, no thread answers from an older copy */
    if (rc == DB_OK)
        return true;
    api_abort(req, c, &err);
    return false;
}

void api_abort(http_req_t *req, db_conn_t *c, const db_err_t *err)
{
    db_rollback(c);
    if (err)
        api_db_failed(req, err);
}

int api_audit(http_req_t *req, db_conn_t *c, const char *action, const char *entity, int64_t entity_id,
              const char *region, const json_t *change, db_err_t *err)
{
    const principal_t *p = api_principal(req);
    char ip[64];
    http_client_ip(req, ip, sizeof ip);
    char *change_text = change ? json_dumps(change, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    audit_entry_t e = {
        .actor_id = p ? p->user_id : 0,
        .actor_name = p ? p->name : NULL,
        .role = api_acting_role(req, 0),
        .region_code = region,
        .action = action,
        .entity = entity,
        .entity_id = entity_id ? arena_printf(req->arena, "%lld", (long long)entity_id) : NULL,
        .ip = ip,
        .change = change_text,
    };
    int rc = audit_append(c, &e, err);
    free(change_text);
    return rc;
}

bool api_finish(http_req_t *req, db_conn_t *c, const char *action, const char *entity, int64_t entity_id,
                const char *region_code, const json_t *change)
{
    db_err_t err = {0};
    if (api_audit(req, c, action, entity, entity_id, region_code, change, &err) != DB_OK) {
        api_abort(req, c, &err);
        return false;
    }
    return api_commit(req, c);
}

void api_unknown_fields(http_req_t *req, json_t *body, const char *const allowed[], json_t **fields)
{
    const char *key;
    json_t *v;
    json_object_foreach(body, key, v) {
        bool ok = false;
        for (int i = 0; allowed[i] && !ok; i++)
            ok = strcmp(key, allowed[i]) == 0;
        if (!ok)
            api_field_error(fields, key, http_tr(req, "Kolom tidak dikenal.", "Unknown field."));
    }
}

int64_t api_id_param(http_req_t *req, const char *name)
{
    const char *s = http_param(req, name);
    if (!s || !*s || strlen(s) > 18)
        return 0;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return strtoll(s, NULL, 10);
}

db_conn_t *api_page_begin(http_req_t *req, app_t *app, json_t *fields, long *limit, int64_t *cursor)
{
    api_page_query(req, API_PAGE_DEFAULT, API_PAGE_MAX, limit, cursor, &fields);
    if (fields) {
        http_reply_invalid(req, fields);
        return NULL;
    }
    return api_conn(req, app);
}

void api_page_query(http_req_t *req, long dflt, long max, long *limit, int64_t *cursor, json_t **fields)
{
    const char *lq = http_query(req, "limit"), *cq = http_query(req, "cursor");
    char *end;
    *limit = dflt;
    *cursor = 0;
    if (lq) {
        errno = 0;
        *limit = strtol(lq, &end, 10);
        if (errno || *end || !*lq || *limit < 1 || *limit > max) {
            char en[64], id[64];
            snprintf(en, sizeof en, "limit must be a whole number from 1 to %ld.", max);
            snprintf(id, sizeof id, "limit harus bilangan bulat 1 sampai %ld.", max);
            api_field_error(fields, "limit", http_tr(req, id, en));
            *limit = dflt;
        }
    }
    if (cq) {
        errno = 0;
        *cursor = strtoll(cq, &end, 10);
        if (errno || *end || !*cq || *cursor < 1) {
            api_field_error(fields, "cursor", http_tr(req, "cursor tidak sah.", "Invalid cursor."));
            *cursor = 0;
        }
    }
}
