/* notify.c - see notify.h. */
#include "api/notify.h"

#include "api/people.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/net.h"
#include "lib/ticker.h"
#include "store/outbox.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ATTEMPTS 10
#define BATCH 50

static void texts(app_t *app, const application_t *a, const char *tpl, const char *comment, char *subject, size_t sl,
                  char *body, size_t bl)
{
    const char *what = strcmp(tpl, "submitted") == 0  ? "telah kami terima"
                       : strcmp(tpl, "returned") == 0 ? "dikembalikan kepada Anda untuk dilengkapi"
                       : strcmp(tpl, "issued") == 0   ? "telah selesai: dokumen sudah terbit"
                       : strcmp(tpl, "rejected") == 0 ? "ditolak"
                                                      : "diperbarui";
    snprintf(subject, sl, "Permohonan %s %s", a->tracking_no, what);
    snprintf(body, bl,
             "Permohonan %s nomor %s %s.\n%s%s%sPantau di %s/track/%s (dengan PIN atau NIK Anda).\n\n"
             "satupintu - Mal Pelayanan Publik Digital",
             a->service_name, a->tracking_no, what, comment ? "Catatan petugas: " : "", comment ? comment : "",
             comment ? "\n" : "", app->public_url, a->tracking_no);
}

int api_notify(http_req_t *req, app_t *app, db_conn_t *c, const application_t *a, const char *tpl,
               const char *comment, db_err_t *err)
{
    if (!a->applicant_id)
        return DB_OK; /* filed at the counter without contact details */
    user_t u;
    int rc = users_get(c, req->arena, a->applicant_id, &u, err);
    if (rc != 1)
        return rc < 0 ? rc : DB_OK;
    return api_notify_to(app, c, a, &u, tpl, comment, err);
}

int api_notify_to(app_t *app, db_conn_t *c, const application_t *a, const user_t *u, const char *tpl,
                  const char *comment, db_err_t *err)
{
    int rc;
    char subject[256], body[2048];
    texts(app, a, tpl, comment, subject, sizeof subject, body, sizeof body);
    outbox_msg_t m = {.application_id = a->id, .region_code = a->region_code, .template_name = tpl,
                      .subject = subject, .body = body};
    if (u->email.enc) {
        m.channel = "email";
        m.recipient_enc = u->email.enc; /* still sealed: opened only to deliver */
        m.recipient_masked = u->email.masked;
        if ((rc = outbox_add(c, &m, err)) != DB_OK)
            return rc;
    }
    if (u->phone.enc) {
        m.channel = "webhook";
        m.recipient_enc = u->phone.enc;
        m.recipient_masked = u->phone.masked;
        if ((rc = outbox_add(c, &m, err)) != DB_OK)
            return rc;
    }
    return DB_OK;
}

/* Delivers one message: 0 sent, 1 not now (channel not configured), -1 failed with why. */
static int deliver(app_t *app, const notify_config_t *cfg, const outbox_msg_t *m, char *why, size_t wl)
{
    bool email = strcmp(m->channel, "email") == 0;
    if (email ? !cfg->smtp_host : !cfg->webhook)
        return 1;
    char *to = keyring_open(app->keys, m->recipient_enc, email ? "email" : "phone");
    if (!to) {
        snprintf(why, wl, "the recipient cannot be decrypted with this key file");
        return -1;
    }
    int rc;
    if (email) {
        rc = net_smtp_send(cfg->smtp_host, cfg->smtp_port, cfg->smtp_from ? cfg->smtp_from : "satupintu@localhost", to,
                           m->subject, m->body, 10000, why, wl);
    } else {
        json_t *j = json_pack("{s:s, s:s, s:s, s:I}", "to", to, "text", m->body, "template", m->template_name, "id",
                              (json_int_t)m->id);
        char *payload = j ? json_dumps(j, JSON_COMPACT) : NULL;
        json_decref(j);
        int status = payload ? net_http_post(cfg->webhook, payload, 10000, why, wl) : -1;
        free(payload);
        rc = status >= 200 && status <= 299 ? 0 : -1;
    }
    memset(to, 0, strlen(to));
    free(to);
    return rc;
}

/* One batch; *more is set when the batch was full (more may be due). */
static int notify_batch(app_t *app, const notify_config_t *cfg, bool *more);

int notify_pass(app_t *app, const notify_config_t *cfg)
{
    int total = 0;
    bool more = true;
    for (int round = 0; more && round < 50; round++) { /* drain a backlog, but not forever */
        int sent = notify_batch(app, cfg, &more);
        if (sent < 0)
            return total ? total : -1;
        total += sent;
    }
    return total;
}

static int notify_batch(app_t *app, const notify_config_t *cfg, bool *more)
{
    *more = false;
    db_err_t err = {0};
    db_conn_t *c = db_conn(app->db, &err);
    arena_t *a = arena_new(16384);
    if (!c || !a) {
        arena_free(a);
        return -1;
    }
    outbox_msg_t rows[BATCH];
    int n = 0, sent = 0;
    int64_t now = clock_now_ms();
    if (outbox_due(c, a, now, cfg->smtp_host != NULL, cfg->webhook != NULL, rows, BATCH, &n, &err) != DB_OK) {
        arena_free(a);
        return -1;
    }
    *more = n == BATCH;
    for (int i = 0; i < n; i++) {
        char why[300] = "";
        int rc = deliver(app, cfg, &rows[i], why, sizeof why);
        if (rc == 0) {
            outbox_sent(c, rows[i].id, &err);
            sent++;
        } else if (rc < 0) {
            /* Backoff: 30 s, 1, 2, 4 ... minutes, at most an hour; failed for good after 10 tries. */
            int64_t delay = 30000LL << (rows[i].attempts < 7 ? rows[i].attempts : 7);
            if (delay > 3600000)
                delay = 3600000;
            bool final = rows[i].attempts + 1 >= MAX_ATTEMPTS;
            outbox_retry(c, rows[i].id, now + delay, final, why, &err);
            log_msgf(LOG_WARN, "notification %lld (%s) not delivered: %s", (long long)rows[i].id, rows[i].channel, why);
        }
    }
    arena_free(a);
    return sent;
}

struct notify_worker {
    app_t *app;
    notify_config_t cfg;
    ticker_t *ticker;
};

static void pass(void *ctx)
{
    notify_worker_t *w = ctx;
    notify_pass(w->app, &w->cfg);
}

notify_worker_t *notify_start(app_t *app, const notify_config_t *cfg)
{
    notify_worker_t *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->app = app;
    w->cfg = *cfg;
    w->ticker = ticker_start(pass, w, cfg->interval_s ? cfg->interval_s : 5);
    if (!w->ticker) {
        free(w);
        return NULL;
    }
    return w;
}

void notify_stop(notify_worker_t *w)
{
    if (!w)
        return;
    ticker_stop(w->ticker);
    free(w);
}

void api_notifications_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *region = http_query(req, "region"), *status = http_query(req, "status");
    json_t *fields = NULL;
    if (!region)
        api_field_error(&fields, "region", http_tr(req, "Wajib diisi (kode wilayah).", "Required (a region code)."));
    if (status && strcmp(status, "pending") && strcmp(status, "sent") && strcmp(status, "failed"))
        api_field_error(&fields, "status", http_tr(req, "pending, sent atau failed.", "pending, sent or failed."));
    long limit;
    int64_t before;
    db_conn_t *c = api_page_begin(req, app, fields, &limit, &before);
    if (!c)
        return;
    db_err_t err = {0};
    outbox_msg_t *rows = arena_alloc(req->arena, (size_t)(limit + 1) * sizeof *rows);
    int n = 0;
    if (!rows || outbox_list(c, req->arena, region, status, before, rows, (int)limit + 1, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    /* One more row than the page says whether another page follows. */
    int shown = n > limit ? (int)limit : n;
    json_t *data = json_array();
    for (int i = 0; i < shown; i++) {
        const outbox_msg_t *m = &rows[i];
        json_array_append_new(data, json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o}", "id", (json_int_t)m->id,
                                              "application_id", m->application_id ? json_integer(m->application_id) : json_null(),
                                              "channel", m->channel, "recipient", m->recipient_masked, "template",
                                              m->template_name, "status", m->status, "attempts", (json_int_t)m->attempts,
                                              "last_error", m->last_error && *m->last_error ? json_string(m->last_error) : json_null(),
                                              "created_at", api_time_json(m->created_at, m->region_code), "sent_at",
                                              api_time_json(m->sent_at, m->region_code)));
    }
    json_t *next = n > limit ? json_sprintf("%lld", (long long)rows[shown - 1].id) : json_null();
    http_reply_json(req, 200, json_pack("{s:o, s:o}", "data", data, "next_cursor", next));
}
