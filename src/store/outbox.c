/* outbox.c - SQL for the notification outbox. */
#include "store/outbox.h"

#include "lib/clock.h"

#include <stdio.h>

#define COLS                                                                                              \
    "id, application_id, region_code, channel, recipient_enc, recipient_masked, template, subject, body," \
    " status, attempts, next_attempt_at, last_error, created_at, sent_at"

static const char SQL_ADD[] =
    "INSERT INTO outbox (application_id, region_code, channel, recipient_enc, recipient_masked, template, subject,"
    " body, status, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $9)";
static const char SQL_DUE[] =
    "SELECT " COLS " FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1"
    " AND ((channel = 'email' AND $3 = 1) OR (channel = 'webhook' AND $4 = 1)) ORDER BY next_attempt_at, id LIMIT $2";
static const char SQL_SENT[] = "UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1 WHERE id = $1";
static const char SQL_RETRY[] =
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3,"
    " status = CASE WHEN $4 = 1 THEN 'failed' ELSE 'pending' END WHERE id = $1";
static const char SQL_LIST[] =
    "SELECT " COLS " FROM outbox WHERE (region_code = $1 OR region_code LIKE $4) AND ($2 = '' OR status = $2)"
    " AND ($5 = 0 OR id < $5) ORDER BY id DESC LIMIT $3";

int outbox_add(db_conn_t *c, const outbox_msg_t *m, db_err_t *err)
{
    db_param_t p[] = {m->application_id ? DB_INT(m->application_id) : DB_NULL, DB_TEXT(m->region_code),
                      DB_TEXT(m->channel), DB_TEXT(m->recipient_enc), DB_TEXT(m->recipient_masked),
                      DB_TEXT(m->template_name), DB_TEXT(m->subject), DB_TEXT(m->body), DB_INT(clock_now_ms())};
    return db_exec(c, SQL_ADD, p, 9, NULL, err);
}

static int many(db_conn_t *c, arena_t *a, const char *sql, const db_param_t *p, int np, outbox_msg_t *rows, int max,
                int *n, db_err_t *err)
{
    *n = 0;
    db_res_t *res;
    int rc = db_query(c, sql, p, np, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1) {
        outbox_msg_t *m = &rows[(*n)++];
        m->id = db_int(res, 0);
        m->application_id = db_int(res, 1);
        m->region_code = arena_strdup_opt(a, db_text(res, 2));
        m->channel = arena_strdup_opt(a, db_text(res, 3));
        m->recipient_enc = arena_strdup_opt(a, db_text(res, 4));
        m->recipient_masked = arena_strdup_opt(a, db_text(res, 5));
        m->template_name = arena_strdup_opt(a, db_text(res, 6));
        m->subject = arena_strdup_opt(a, db_text(res, 7));
        m->body = arena_strdup_opt(a, db_text(res, 8));
        m->status = arena_strdup_opt(a, db_text(res, 9));
        m->attempts = db_int(res, 10);
        m->next_attempt_at = db_int(res, 11);
        m->last_error = arena_strdup_opt(a, db_text(res, 12));
        m->created_at = db_int(res, 13);
        m->sent_at = db_int(res, 14);
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int outbox_due(db_conn_t *c, arena_t *a, int64_t now, bool email, bool webhook, outbox_msg_t *rows, int max, int *n,
               db_err_t *err)
{
    db_param_t p[] = {DB_INT(now), DB_INT(max), DB_INT(email ? 1 : 0), DB_INT(webhook ? 1 : 0)};
    return many(c, a, SQL_DUE, p, 4, rows, max, n, err);
}

int outbox_sent(db_conn_t *c, int64_t id, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), DB_INT(clock_now_ms())};
    return db_exec(c, SQL_SENT, p, 2, NULL, err);
}

int outbox_retry(db_conn_t *c, int64_t id, int64_t next, bool final, const char *error, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), DB_INT(next), DB_TEXT(error ? error : ""), DB_INT(final ? 1 : 0)};
    return db_exec(c, SQL_RETRY, p, 4, NULL, err);
}

int outbox_list(db_conn_t *c, arena_t *a, const char *region, const char *status, int64_t before_id, outbox_msg_t *rows,
                int max, int *n, db_err_t *err)
{
    char like[32];
    snprintf(like, sizeof like, "%s.%%", region);
    db_param_t p[] = {DB_TEXT(region), DB_TEXT(status ? status : ""), DB_INT(max), DB_TEXT(like), DB_INT(before_id)};
    return many(c, a, SQL_LIST, p, 5, rows, max, n, err);
}
