/* calendars.c - SQL for region calendars. */
#include "store/calendars.h"


static const char SQL_GET[] = "SELECT doc, version, updated_at FROM region_calendars WHERE region_code = $1";
static const char SQL_INSERT[] =
    "INSERT INTO region_calendars (region_code, doc, version, updated_at, updated_by) VALUES ($1, $2, 1, $3, $4)"
    " ON CONFLICT (region_code) DO NOTHING";
static const char SQL_UPDATE[] =
    "UPDATE region_calendars SET doc = $2, version = version + 1, updated_at = $3, updated_by = $4"
    " WHERE region_code = $1 AND version = $5";

int calendars_get(db_conn_t *c, arena_t *a, const char *region, const char **doc, int64_t *version,
                  int64_t *updated_at, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(region)};
    db_res_t *res;
    int rc = db_query(c, SQL_GET, p, 1, &res, err);
    if (rc != DB_OK)
        return rc;
    rc = db_next(res, err);
    if (rc == 1) {
        *doc = arena_strdup_opt(a, db_text(res, 0));
        *version = db_int(res, 1);
        *updated_at = db_int(res, 2);
    }
    db_done(res);
    return rc;
}

int calendars_put(db_conn_t *c, const char *region, const char *doc, int64_t expected, int64_t user_id,
                  int64_t now, bool *changed, db_err_t *err)
{
    int64_t n = 0;
    int rc;
    if (expected == 0) {
        db_param_t p[] = {DB_TEXT(region), DB_TEXT(doc), DB_INT(now), user_id ? DB_INT(user_id) : DB_NULL};
        rc = db_exec(c, SQL_INSERT, p, 4, &n, err);
    } else {
        db_param_t p[] = {DB_TEXT(region), DB_TEXT(doc), DB_INT(now),
                          user_id ? DB_INT(user_id) : DB_NULL, DB_INT(expected)};
        rc = db_exec(c, SQL_UPDATE, p, 5, &n, err);
    }
    *changed = n > 0;
    return rc;
}
