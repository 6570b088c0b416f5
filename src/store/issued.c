/* issued.c - SQL for issued documents and breach handling. */
#include "store/issued.h"

#include "lib/clock.h"

static const char SQL_INSERT[] =
    "INSERT INTO issued_documents (code, application_id, region_code, content, pdf_sha256, signature, public_key,"
    " issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
#define COLS "code, application_id, region_code, content, pdf_sha256, signature, public_key, issued_at"
static const char SQL_GET[] = "SELECT " COLS " FROM issued_documents WHERE code = $1";
static const char SQL_OF[] = "SELECT " COLS " FROM issued_documents WHERE application_id = $1";
static const char SQL_CANDIDATES[] =
    "SELECT id FROM applications WHERE breach_handled_at IS NULL AND state NOT IN ('issued', 'rejected')"
    " ORDER BY submitted_at LIMIT $1";
static const char SQL_MARK[] =
    "UPDATE applications SET breach_handled_at = $2 WHERE id = $1 AND breach_handled_at IS NULL";

int issued_insert(db_conn_t *c, const issued_doc_t *d, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(d->code),    DB_INT(d->application_id), DB_TEXT(d->region_code), DB_TEXT(d->content),
                      DB_TEXT(d->pdf_sha256), DB_TEXT(d->signature),   DB_TEXT(d->public_key),  DB_INT(d->issued_at)};
    return db_exec(c, SQL_INSERT, p, 8, NULL, err);
}

typedef struct {
    arena_t *a;
    issued_doc_t *out;
} row_ctx_t;

static void read_row(db_res_t *r, void *ctx)
{
    row_ctx_t *x = ctx;
    issued_doc_t *d = x->out;
    d->code = arena_strdup_opt(x->a, db_text(r, 0));
    d->application_id = db_int(r, 1);
    d->region_code = arena_strdup_opt(x->a, db_text(r, 2));
    d->content = arena_strdup_opt(x->a, db_text(r, 3));
    d->pdf_sha256 = arena_strdup_opt(x->a, db_text(r, 4));
    d->signature = arena_strdup_opt(x->a, db_text(r, 5));
    d->public_key = arena_strdup_opt(x->a, db_text(r, 6));
    d->issued_at = db_int(r, 7);
}

int issued_get(db_conn_t *c, arena_t *a, const char *code, issued_doc_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(code)};
    row_ctx_t ctx = {a, out};
    return db_query_one(c, SQL_GET, p, 1, read_row, &ctx, err);
}

int issued_of_application(db_conn_t *c, arena_t *a, int64_t application_id, issued_doc_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_INT(application_id)};
    row_ctx_t ctx = {a, out};
    return db_query_one(c, SQL_OF, p, 1, read_row, &ctx, err);
}

int breach_candidates(db_conn_t *c, int64_t *ids, int max, int *n, db_err_t *err)
{
    *n = 0;
    db_param_t p[] = {DB_INT(max)};
    db_res_t *res;
    int rc = db_query(c, SQL_CANDIDATES, p, 1, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1)
        ids[(*n)++] = db_int(res, 0);
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int breach_mark(db_conn_t *c, int64_t application_id, bool *marked, db_err_t *err)
{
    db_param_t p[] = {DB_INT(application_id), DB_INT(clock_now_ms())};
    int64_t n = 0;
    int rc = db_exec(c, SQL_MARK, p, 2, &n, err);
    *marked = n > 0;
    return rc;
}
