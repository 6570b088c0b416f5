/* system.c - health, readiness, metrics and the OpenAPI document. */
#include "api/system.h"

#include "http/metrics.h"
#include "lib/buf.h"
#include "lib/embedded.h"
#include "store/migrate.h"
#include "store/writer.h"

#include <stdio.h>

void api_healthz(http_req_t *req, void *app)
{
    (void)app;
    http_reply_json(req, 200, json_pack("{s:s}", "status", "ok"));
}

void api_readyz(http_req_t *req, void *appv)
{
    app_t *app = appv;
    db_err_t err;
    int version = 0;
    int want = migrate_latest(app->db);
    if (migrate_current(app->db, &version, &err) != DB_OK) {
        http_reply_error(req, 503, "not_ready",
                         http_tr(req, "Basis data tidak dapat dijangkau.", "The database is unreachable."), NULL);
        return;
    }
    if (version < want) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 req->lang == LANG_EN ? "The database schema is at version %d; this build needs %d (run satupintu migrate)."
                                      : "Skema basis data pada versi %d; versi ini memerlukan %d (jalankan satupintu migrate).",
                 version, want);
        http_reply_error(req, 503, "not_ready", msg, NULL);
        return;
    }
    http_reply_json(req, 200, json_pack("{s:s, s:i}", "status", "ready", "schema_version", version));
}

void api_metrics(http_req_t *req, void *appv)
{
    app_t *app = appv;
    buf_t out = BUF_INIT;
    metrics_render(app->router, &out);
    buf_printf(&out,
               "# HELP satupintu_db_errors_total Database calls that returned an error.\n"
               "# TYPE satupintu_db_errors_total counter\n"
               "satupintu_db_errors_total %llu\n",
               (unsigned long long)db_error_count());
    uint64_t batches, jobs;
    writer_stats(app->writer, &batches, &jobs);
    buf_printf(&out,
               "# HELP satupintu_writer_batches_total Transactions the group-commit writer committed.\n"
               "# TYPE satupintu_writer_batches_total counter\n"
               "satupintu_writer_batches_total %llu\n"
               "# HELP satupintu_writer_jobs_total Writes (filings) those transactions carried.\n"
               "# TYPE satupintu_writer_jobs_total counter\n"
               "satupintu_writer_jobs_total %llu\n",
               (unsigned long long)batches, (unsigned long long)jobs);
    if (out.oom) {
        buf_free(&out);
        http_reply_internal(req);
        return;
    }
    size_t len;
    char *text = buf_detach(&out, &len);
    http_reply_take(req, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
}

void api_openapi(http_req_t *req, void *app)
{
    (void)app;
    req->cache_control = "public, max-age=300";
    http_reply_copy(req, 200, "application/json", openapi_json, openapi_json_len);
}
