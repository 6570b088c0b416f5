/* common.c - helpers shared by the handlers. */
#include "api/app.h"

#include "lib/buf.h"
#include "lib/log.h"

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
