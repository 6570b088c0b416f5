/* agencies.c - SQL for agencies. */
#include "store/agencies.h"

#include "lib/clock.h"
#include "lib/uuid.h"

#define COLS "id, uuid, region_code, kind, name, short_name, active, version, created_at, updated_at"

static const char SQL_ENSURE[] =
    "INSERT INTO agencies (uuid, region_code, kind, name, short_name, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (region_code, name) DO NOTHING";
static const char SQL_INSERT[] =
    "INSERT INTO agencies (uuid, region_code, kind, name, short_name, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
static const char SQL_GET[] = "SELECT " COLS " FROM agencies WHERE id = $1";
static const char SQL_LIST[] =
    "SELECT " COLS " FROM agencies WHERE region_code = $1 AND ($2 < 0 OR active = $2) ORDER BY name, id";
static const char SQL_UPDATE[] =
    "UPDATE agencies SET kind = $2, name = $3, short_name = $4, active = $5, version = version + 1,"
    " updated_at = $7 WHERE id = $1 AND version = $6";

int agencies_ensure(db_conn_t *c, const char *region, const char *kind, const char *name, const char *short_name,
                    bool *created, db_err_t *err)
{
    char uuid[UUID_STR_LEN];
    uuid_v4(uuid);
    db_param_t p[] = {DB_TEXT(uuid), DB_TEXT(region), DB_TEXT(kind), DB_TEXT(name),
                      short_name ? DB_TEXT(short_name) : DB_NULL, DB_INT(clock_now_ms())};
    int64_t changes = 0;
    int rc = db_exec(c, SQL_ENSURE, p, 6, &changes, err);
    *created = changes > 0;
    return rc;
}

int agencies_insert(db_conn_t *c, const agency_t *a, int64_t *id, db_err_t *err)
{
    char uuid[UUID_STR_LEN];
    uuid_v4(uuid);
    db_param_t p[] = {DB_TEXT(a->uuid ? a->uuid : uuid), DB_TEXT(a->region_code), DB_TEXT(a->kind), DB_TEXT(a->name),
                      a->short_name ? DB_TEXT(a->short_name) : DB_NULL, DB_INT(clock_now_ms())};
    bool found;
    return db_query_int(c, SQL_INSERT, p, 6, id, &found, err);
}

static void read_agency(db_res_t *r, arena_t *a, agency_t *g)
{
    g->id = db_int(r, 0);
    g->uuid = arena_strdup_opt(a, db_text(r, 1));
    g->region_code = arena_strdup_opt(a, db_text(r, 2));
    g->kind = arena_strdup_opt(a, db_text(r, 3));
    g->name = arena_strdup_opt(a, db_text(r, 4));
    g->short_name = arena_strdup_opt(a, db_text(r, 5));
    g->active = (int)db_int(r, 6);
    g->version = db_int(r, 7);
    g->created_at = db_int(r, 8);
    g->updated_at = db_int(r, 9);
}

typedef struct {
    arena_t *a;
    agency_t *out;
} row_ctx_t;

static void read_agency_row(db_res_t *r, void *ctx)
{
    row_ctx_t *rc = ctx;
    read_agency(r, rc->a, rc->out);
}

int agencies_get(db_conn_t *c, arena_t *ar, int64_t id, agency_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id)};
    row_ctx_t ctx = {ar, out};
    return db_query_one(c, SQL_GET, p, 1, read_agency_row, &ctx, err);
}

int agencies_list(db_conn_t *c, arena_t *ar, const char *region, int active, agency_t *rows, int max, int *n,
                  db_err_t *err)
{
    *n = 0;
    db_param_t p[] = {DB_TEXT(region), DB_INT(active)};
    db_res_t *res;
    int rc = db_query(c, SQL_LIST, p, 2, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1)
        read_agency(res, ar, &rows[(*n)++]);
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int agencies_update(db_conn_t *c, const agency_t *a, bool *changed, db_err_t *err)
{
    db_param_t p[] = {DB_INT(a->id),     DB_TEXT(a->kind),      DB_TEXT(a->name),
                      a->short_name ? DB_TEXT(a->short_name) : DB_NULL,
                      DB_INT(a->active), DB_INT(a->version),    DB_INT(clock_now_ms())};
    int64_t n = 0;
    int rc = db_exec(c, SQL_UPDATE, p, 7, &n, err);
    *changed = n > 0;
    return rc;
}
