/* services.c - SQL for the service catalogue. */
#include "store/services.h"

#include "lib/clock.h"
#include "lib/uuid.h"

#include <stdio.h>
#include <string.h>

#define COLS                                                                                                  \
    "s.id, s.uuid, s.region_code, s.agency_id, a.name, a.short_name, s.code, s.name, s.description,"          \
    " s.standard, s.requirements, s.form, s.workflow, s.fee, s.channels, s.sla_minutes, s.breach_policy,"    \
    " s.status, s.version, s.created_at, s.updated_at"

static const char SQL_INSERT[] =
    "INSERT INTO services (uuid, region_code, agency_id, code, name, description, standard, requirements, form,"
    " fee, channels, sla_minutes, breach_policy, workflow, status, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'draft', $15, $15)"
    " ON CONFLICT (region_code, code) DO NOTHING RETURNING id"; /* no error: a PostgreSQL transaction survives */
static const char SQL_GET[] = "SELECT " COLS " FROM services s JOIN agencies a ON a.id = s.agency_id WHERE s.id = $1";
static const char SQL_LIST[] =
    "SELECT " COLS " FROM services s JOIN agencies a ON a.id = s.agency_id WHERE s.region_code = $1"
    " AND ($2 = '' OR s.status = $2) AND ($3 = 0 OR s.agency_id = $3) AND ($4 = '' OR s.channels LIKE $4)"
    " AND ($5 = '' OR LOWER(s.name) LIKE $5) ORDER BY a.name, s.name, s.id";
static const char SQL_UPDATE[] =
    "UPDATE services SET agency_id = $2, code = $3, name = $4, description = $5, standard = $6, requirements = $7,"
    " form = $8, fee = $9, channels = $10, sla_minutes = $11, breach_policy = $12, workflow = $13, status = $14,"
    " version = version + 1, updated_at = $16 WHERE id = $1 AND version = $15";

static void read_service(db_res_t *r, arena_t *a, service_t *s)
{
    s->id = db_int(r, 0);
    s->uuid = arena_strdup_opt(a, db_text(r, 1));
    s->region_code = arena_strdup_opt(a, db_text(r, 2));
    s->agency_id = db_int(r, 3);
    s->agency_name = arena_strdup_opt(a, db_text(r, 4));
    s->agency_short = arena_strdup_opt(a, db_text(r, 5));
    s->code = arena_strdup_opt(a, db_text(r, 6));
    s->name = arena_strdup_opt(a, db_text(r, 7));
    s->description = arena_strdup_opt(a, db_text(r, 8));
    s->standard = arena_strdup_opt(a, db_text(r, 9));
    s->requirements = arena_strdup_opt(a, db_text(r, 10));
    s->form = arena_strdup_opt(a, db_text(r, 11));
    s->workflow = arena_strdup_opt(a, db_text(r, 12));
    s->fee = db_int(r, 13);
    s->channels = arena_strdup_opt(a, db_text(r, 14));
    s->sla_minutes = db_int(r, 15);
    s->breach_policy = arena_strdup_opt(a, db_text(r, 16));
    s->status = arena_strdup_opt(a, db_text(r, 17));
    s->version = db_int(r, 18);
    s->created_at = db_int(r, 19);
    s->updated_at = db_int(r, 20);
}

int services_insert(db_conn_t *c, const service_t *s, int64_t *id, db_err_t *err)
{
    char uuid[UUID_STR_LEN];
    uuid_v4(uuid);
    db_param_t p[] = {DB_TEXT(s->uuid ? s->uuid : uuid), DB_TEXT(s->region_code), DB_INT(s->agency_id),
                      DB_TEXT(s->code),        DB_TEXT(s->name),       DB_TEXT(s->description ? s->description : ""),
                      DB_TEXT(s->standard),    DB_TEXT(s->requirements), DB_TEXT(s->form),
                      DB_INT(s->fee),          DB_TEXT(s->channels),   DB_INT(s->sla_minutes),
                      DB_TEXT(s->breach_policy), DB_TEXT(s->workflow), DB_INT(clock_now_ms())};
    bool found = false;
    int rc = db_query_int(c, SQL_INSERT, p, 15, id, &found, err);
    if (rc == DB_OK && !found) {
        if (err) {
            err->status = DB_CONFLICT;
            snprintf(err->msg, sizeof err->msg, "service code %s exists in %s", s->code, s->region_code);
        }
        return DB_CONFLICT;
    }
    return rc;
}

typedef struct {
    arena_t *a;
    service_t *out;
} row_ctx_t;

static void read_row(db_res_t *r, void *ctx)
{
    row_ctx_t *rc = ctx;
    read_service(r, rc->a, rc->out);
}

int services_get(db_conn_t *c, arena_t *a, int64_t id, service_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id)};
    row_ctx_t ctx = {a, out};
    return db_query_one(c, SQL_GET, p, 1, read_row, &ctx, err);
}

int services_list(db_conn_t *c, arena_t *a, const char *region, const char *status, int64_t agency_id,
                  const char *channel, const char *q, service_t *rows, int max, int *n, db_err_t *err)
{
    *n = 0;
    char chan[40] = "";
    if (channel)
        snprintf(chan, sizeof chan, "%%,%s,%%", channel);
    char *qlike = NULL;
    if (q && *q) {
        size_t ql = strlen(q);
        qlike = arena_alloc(a, ql + 3);
        if (!qlike)
            return DB_ERROR;
        char *o = qlike;
        *o++ = '%';
        for (const char *s = q; *s; s++)
            if (*s != '%' && *s != '_')
                *o++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
        *o++ = '%';
        *o = '\0';
    }
    db_param_t p[] = {DB_TEXT(region), DB_TEXT(status ? status : ""), DB_INT(agency_id), DB_TEXT(chan),
                      DB_TEXT(qlike ? qlike : "")};
    db_res_t *res;
    int rc = db_query(c, SQL_LIST, p, 5, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1)
        read_service(res, a, &rows[(*n)++]);
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int services_update(db_conn_t *c, const service_t *s, bool *changed, db_err_t *err)
{
    db_param_t p[] = {DB_INT(s->id),         DB_INT(s->agency_id),      DB_TEXT(s->code),
                      DB_TEXT(s->name),      DB_TEXT(s->description ? s->description : ""),
                      DB_TEXT(s->standard),  DB_TEXT(s->requirements),  DB_TEXT(s->form),
                      DB_INT(s->fee),        DB_TEXT(s->channels),      DB_INT(s->sla_minutes),
                      DB_TEXT(s->breach_policy), DB_TEXT(s->workflow),  DB_TEXT(s->status),
                      DB_INT(s->version),    DB_INT(clock_now_ms())};
    int64_t n = 0;
    int rc = db_exec(c, SQL_UPDATE, p, 16, &n, err);
    *changed = n > 0;
    return rc;
}
