/* applications.c - SQL for applications, events, documents, idempotency keys. */
#include "store/applications.h"

#include "lib/clock.h"
#include "lib/uuid.h"

#include <stdio.h>
#include <string.h>

#define COLS                                                                                                   \
    "a.id, a.uuid, a.region_code, a.service_id, s.code, s.name, s.agency_id, g.name, COALESCE(w.body, a.workflow), a.sla_minutes," \
    " a.tracking_no, a.pin_hash, a.applicant_id, a.applicant_name, a.applicant_nik_enc, a.applicant_nik_bidx,"   \
    " a.applicant_nik_masked, a.channel, a.answers, a.state, a.version, a.created_by, a.submitted_at, a.updated_at," \
    " a.breach_handled_at"
#define FROM                                                                                                   \
    " FROM applications a JOIN services s ON s.id = a.service_id JOIN agencies g ON g.id = s.agency_id"         \
    " LEFT JOIN workflows w ON w.id = a.workflow_id"

static const char SQL_INSERT[] =
    "INSERT INTO applications (uuid, region_code, service_id, workflow, workflow_id, sla_minutes, tracking_no,"
    " pin_hash, applicant_id, applicant_name, applicant_nik_enc, applicant_nik_bidx, applicant_nik_masked, channel,"
    " answers, state, created_by, submitted_at, updated_at)"
    " VALUES ($1, $2, $3, '', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)"
    " ON CONFLICT (tracking_no) DO NOTHING RETURNING id";
static const char SQL_WORKFLOW[] = "SELECT id FROM workflows WHERE sha256 = $1";
static const char SQL_WORKFLOW_ADD[] =
    "INSERT INTO workflows (sha256, body) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING RETURNING id";
static const char SQL_TAKEN[] = "SELECT COUNT(*) FROM applications WHERE tracking_no = $1";
static const char SQL_GET[] = "SELECT " COLS FROM " WHERE a.id = $1";
static const char SQL_BY_TRACKING[] = "SELECT " COLS FROM " WHERE a.tracking_no = $1";
static const char SQL_OF[] =
    "SELECT " COLS FROM " WHERE a.applicant_id = $1 AND ($2 = 0 OR a.id < $2) ORDER BY a.id DESC LIMIT $3";
static const char SQL_OPEN[] =
    "SELECT " COLS FROM " WHERE (a.region_code = $1 OR a.region_code LIKE $3) AND ($2 = 0 OR s.agency_id = $2)"
    " AND a.state NOT IN ('issued', 'rejected') ORDER BY a.submitted_at";
static const char SQL_MOVE[] =
    "UPDATE applications SET state = $2, version = version + 1, updated_at = $4 WHERE id = $1 AND version = $3";
static const char SQL_EVENT[] =
    "INSERT INTO application_events (application_id, at, actor_id, actor_name, role, action, from_state, to_state,"
    " comment) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char SQL_EVENTS[] =
    "SELECT id, at, actor_id, actor_name, role, action, from_state, to_state, comment FROM application_events"
    " WHERE application_id = $1 ORDER BY id";
static const char SQL_DOC_PUT[] =
    "INSERT INTO application_documents (application_id, requirement, sha256, size, type, uploaded_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (application_id, requirement) DO UPDATE SET"
    " sha256 = excluded.sha256, size = excluded.size, type = excluded.type, uploaded_at = excluded.uploaded_at";
static const char SQL_DOCS[] =
    "SELECT requirement, sha256, size, type, uploaded_at FROM application_documents WHERE application_id = $1"
    " ORDER BY requirement";
static const char SQL_IDEM_GET[] = "SELECT request_hash, status, body FROM idempotency_keys WHERE owner = $1 AND key = $2";
static const char SQL_IDEM_PUT[] =
    "INSERT INTO idempotency_keys (owner, key, request_hash, status, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (owner, key) DO NOTHING";

static db_param_t text_or_null(const char *s)
{
    return s ? DB_TEXT(s) : DB_NULL;
}

static void read_app(db_res_t *r, arena_t *a, application_t *x)
{
    x->id = db_int(r, 0);
    x->uuid = arena_strdup_opt(a, db_text(r, 1));
    x->region_code = arena_strdup_opt(a, db_text(r, 2));
    x->service_id = db_int(r, 3);
    x->service_code = arena_strdup_opt(a, db_text(r, 4));
    x->service_name = arena_strdup_opt(a, db_text(r, 5));
    x->agency_id = db_int(r, 6);
    x->agency_name = arena_strdup_opt(a, db_text(r, 7));
    x->workflow = arena_strdup_opt(a, db_text(r, 8));
    x->sla_minutes = db_int(r, 9);
    x->tracking_no = arena_strdup_opt(a, db_text(r, 10));
    x->pin_hash = arena_strdup_opt(a, db_text(r, 11));
    x->applicant_id = db_int(r, 12);
    x->applicant_name = arena_strdup_opt(a, db_text(r, 13));
    x->nik_enc = arena_strdup_opt(a, db_text(r, 14));
    x->nik_bidx = arena_strdup_opt(a, db_text(r, 15));
    x->nik_masked = arena_strdup_opt(a, db_text(r, 16));
    x->channel = arena_strdup_opt(a, db_text(r, 17));
    x->answers = arena_strdup_opt(a, db_text(r, 18));
    x->state = arena_strdup_opt(a, db_text(r, 19));
    x->version = db_int(r, 20);
    x->created_by = db_int(r, 21);
    x->submitted_at = db_int(r, 22);
    x->updated_at = db_int(r, 23);
    x->breach_handled_at = db_int(r, 24);
}

int applications_insert(db_conn_t *c, const application_t *x, int64_t *id, db_err_t *err)
{
    char uuid[UUID_STR_LEN];
    if (!x->uuid)
        uuid_v7(clock_now_ms(), uuid);
    db_param_t p[] = {DB_TEXT(x->uuid ? x->uuid : uuid), DB_TEXT(x->region_code), DB_INT(x->service_id),
                      DB_INT(x->workflow_id),  DB_INT(x->sla_minutes),   DB_TEXT(x->tracking_no),
                      DB_TEXT(x->pin_hash),  x->applicant_id ? DB_INT(x->applicant_id) : DB_NULL,
                      DB_TEXT(x->applicant_name), text_or_null(x->nik_enc), text_or_null(x->nik_bidx),
                      text_or_null(x->nik_masked), DB_TEXT(x->channel), DB_TEXT(x->answers), DB_TEXT(x->state),
                      x->created_by ? DB_INT(x->created_by) : DB_NULL, DB_INT(x->submitted_at)};
    bool found = false;
    int rc = db_query_int(c, SQL_INSERT, p, 17, id, &found, err);
    if (rc == DB_OK && !found) {
        if (err) {
            err->status = DB_CONFLICT;
            snprintf(err->msg, sizeof err->msg, "tracking number taken");
        }
        return DB_CONFLICT;
    }
    return rc;
}

int workflows_find(db_conn_t *c, const char *sha256, int64_t *id, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(sha256)};
    bool found = false;
    int rc = db_query_int(c, SQL_WORKFLOW, p, 1, id, &found, err);
    return rc != DB_OK ? rc : found;
}

int workflows_id(db_conn_t *c, const char *sha256, const char *body, int64_t *id, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(sha256), DB_TEXT(body)};
    bool found = false;
    int rc = workflows_find(c, sha256, id, err);
    if (rc != 0)
        return rc < 0 ? rc : DB_OK;
    if ((rc = db_query_int(c, SQL_WORKFLOW_ADD, p, 2, id, &found, err)) != DB_OK || found)
        return rc;
    return db_query_int(c, SQL_WORKFLOW, p, 1, id, &found, err); /* added by another meanwhile */
}

int applications_tracking_taken(db_conn_t *c, const char *tracking_no, bool *taken, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(tracking_no)};
    int64_t n = 0;
    int rc = db_query_int(c, SQL_TAKEN, p, 1, &n, NULL, err);
    *taken = n > 0;
    return rc;
}

typedef struct {
    arena_t *a;
    application_t *out;
} row_ctx_t;

static void read_row(db_res_t *r, void *ctx)
{
    row_ctx_t *rc = ctx;
    read_app(r, rc->a, rc->out);
}

int applications_get(db_conn_t *c, arena_t *ar, int64_t id, application_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id)};
    row_ctx_t ctx = {ar, out};
    return db_query_one(c, SQL_GET, p, 1, read_row, &ctx, err);
}

int applications_by_tracking(db_conn_t *c, arena_t *ar, const char *tracking_no, application_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(tracking_no)};
    row_ctx_t ctx = {ar, out};
    return db_query_one(c, SQL_BY_TRACKING, p, 1, read_row, &ctx, err);
}

static int many(db_conn_t *c, arena_t *ar, const char *sql, const db_param_t *p, int np, application_t *rows,
                int max, int *n, db_err_t *err)
{
    *n = 0;
    db_res_t *res;
    int rc = db_query(c, sql, p, np, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1)
        read_app(res, ar, &rows[(*n)++]);
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int applications_of(db_conn_t *c, arena_t *ar, int64_t applicant_id, int64_t before_id, application_t *rows, int max,
                    int *n, db_err_t *err)
{
    db_param_t p[] = {DB_INT(applicant_id), DB_INT(before_id), DB_INT(max)};
    return many(c, ar, SQL_OF, p, 3, rows, max, n, err);
}

int applications_open(db_conn_t *c, arena_t *ar, const char *region, int64_t agency_id, application_t *rows, int max,
                      int *n, db_err_t *err)
{
    char like[32];
    snprintf(like, sizeof like, "%s.%%", region);
    db_param_t p[] = {DB_TEXT(region), DB_INT(agency_id), DB_TEXT(like)};
    return many(c, ar, SQL_OPEN, p, 3, rows, max, n, err);
}

int applications_move(db_conn_t *c, int64_t id, const char *state, int64_t version, bool *changed, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), DB_TEXT(state), DB_INT(version), DB_INT(clock_now_ms())};
    int64_t n = 0;
    int rc = db_exec(c, SQL_MOVE, p, 4, &n, err);
    *changed = n > 0;
    return rc;
}

int app_events_add(db_conn_t *c, int64_t application_id, const app_event_t *e, db_err_t *err)
{
    db_param_t p[] = {DB_INT(application_id), DB_INT(e->at), e->actor_id ? DB_INT(e->actor_id) : DB_NULL,
                      text_or_null(e->actor_name), text_or_null(e->role), DB_TEXT(e->action),
                      text_or_null(e->from_state), DB_TEXT(e->to_state), text_or_null(e->comment)};
    return db_exec(c, SQL_EVENT, p, 9, NULL, err);
}

int app_events_of(db_conn_t *c, arena_t *ar, int64_t application_id, app_event_t *rows, int max, int *n,
                  db_err_t *err)
{
    *n = 0;
    db_param_t p[] = {DB_INT(application_id)};
    db_res_t *res;
    int rc = db_query(c, SQL_EVENTS, p, 1, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1) {
        app_event_t *e = &rows[(*n)++];
        e->id = db_int(res, 0);
        e->at = db_int(res, 1);
        e->actor_id = db_int(res, 2);
        e->actor_name = arena_strdup_opt(ar, db_text(res, 3));
        e->role = arena_strdup_opt(ar, db_text(res, 4));
        e->action = arena_strdup_opt(ar, db_text(res, 5));
        e->from_state = arena_strdup_opt(ar, db_text(res, 6));
        e->to_state = arena_strdup_opt(ar, db_text(res, 7));
        e->comment = arena_strdup_opt(ar, db_text(res, 8));
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int app_documents_put(db_conn_t *c, int64_t application_id, const app_document_t *d, db_err_t *err)
{
    db_param_t p[] = {DB_INT(application_id), DB_TEXT(d->requirement), DB_TEXT(d->sha256), DB_INT(d->size),
                      DB_TEXT(d->type), DB_INT(d->uploaded_at)};
    return db_exec(c, SQL_DOC_PUT, p, 6, NULL, err);
}

int app_documents_of(db_conn_t *c, arena_t *ar, int64_t application_id, app_document_t *rows, int max, int *n,
                     db_err_t *err)
{
    *n = 0;
    db_param_t p[] = {DB_INT(application_id)};
    db_res_t *res;
    int rc = db_query(c, SQL_DOCS, p, 1, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1) {
        app_document_t *d = &rows[(*n)++];
        d->requirement = arena_strdup_opt(ar, db_text(res, 0));
        d->sha256 = arena_strdup_opt(ar, db_text(res, 1));
        d->size = db_int(res, 2);
        d->type = arena_strdup_opt(ar, db_text(res, 3));
        d->uploaded_at = db_int(res, 4);
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

typedef struct {
    arena_t *a;
    const char **hash, **body;
    int *status;
} idem_ctx_t;

static void read_idem(db_res_t *r, void *ctx)
{
    idem_ctx_t *x = ctx;
    *x->hash = arena_strdup_opt(x->a, db_text(r, 0));
    *x->status = (int)db_int(r, 1);
    *x->body = arena_strdup_opt(x->a, db_text(r, 2));
}

int idempotency_get(db_conn_t *c, arena_t *ar, const char *owner, const char *key, const char **hash, int *status,
                    const char **body, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(owner), DB_TEXT(key)};
    idem_ctx_t ctx = {ar, hash, body, status};
    return db_query_one(c, SQL_IDEM_GET, p, 2, read_idem, &ctx, err);
}

int idempotency_put(db_conn_t *c, const char *owner, const char *key, const char *hash, int status, const char *body,
                    bool *stored, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(owner), DB_TEXT(key), DB_TEXT(hash), DB_INT(status), DB_TEXT(body), DB_INT(clock_now_ms())};
    int64_t n = 0;
    int rc = db_exec(c, SQL_IDEM_PUT, p, 6, &n, err);
    *stored = n > 0;
    return rc;
}
