/* regions.c - SQL for the reference region table. */
#include "store/regions.h"

#include <stdlib.h>
#include <string.h>

static const char SQL_GET[] = "SELECT code, name, parent_code, level FROM regions WHERE code = $1";
static const char SQL_CHILDREN[] =
    "SELECT code, name, parent_code, level FROM regions WHERE parent_code = $1 ORDER BY code";
static const char SQL_PROVINCES[] =
    "SELECT code, name, parent_code, level FROM regions WHERE level = 1 ORDER BY code";
static const char SQL_SEARCH[] =
    "SELECT code, name, parent_code, level FROM regions"
    " WHERE search_name LIKE $1 ESCAPE '\\'"
    " AND ($2 = 0 OR level = $2)"
    " AND (level > $3 OR (level = $3 AND code > $4))"
    " ORDER BY level, code LIMIT $5";
static const char SQL_VERSION[] = "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'regions_version'";

/* Streams the rows of a running query to fn; returns DB_OK, fn's non-zero, or a DB error. */
static int each_row(db_conn_t *c, const char *sql, const db_param_t *p, int n, region_fn fn, void *ctx,
                    int *count, db_err_t *err)
{
    db_res_t *res;
    int rc = db_query(c, sql, p, n, &res, err);
    if (rc != DB_OK)
        return rc;
    int rows = 0;
    while ((rc = db_next(res, err)) == 1) {
        region_t r = {db_text(res, 0), db_text(res, 1), db_text(res, 2), (int)db_int(res, 3)};
        rows++;
        int stop = fn(ctx, &r);
        if (stop) {
            db_done(res);
            return stop;
        }
    }
    db_done(res);
    if (count)
        *count = rows;
    return rc < 0 ? rc : DB_OK;
}

int regions_get(db_conn_t *c, const char *code, region_fn fn, void *ctx, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(code)};
    int rows = 0;
    int rc = each_row(c, SQL_GET, p, 1, fn, ctx, &rows, err);
    if (rc != DB_OK)
        return rc;
    return rows > 0 ? 1 : 0;
}

int regions_children(db_conn_t *c, const char *code, region_fn fn, void *ctx, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(code)};
    return each_row(c, SQL_CHILDREN, p, 1, fn, ctx, NULL, err);
}

int regions_provinces(db_conn_t *c, region_fn fn, void *ctx, db_err_t *err)
{
    return each_row(c, SQL_PROVINCES, NULL, 0, fn, ctx, NULL, err);
}

/* Builds the LIKE pattern "%q%" with %, _ and \ escaped, lower-cased (ASCII). */
static char *like_pattern(const char *q)
{
    size_t n = strlen(q);
    char *out = malloc(2 * n + 3);
    if (!out)
        return NULL;
    char *o = out;
    *o++ = '%';
    for (const char *p = q; *p; p++) {
        char ch = *p;
        if (ch == '%' || ch == '_' || ch == '\\')
            *o++ = '\\';
        *o++ = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    *o++ = '%';
    *o = '\0';
    return out;
}

int regions_search(db_conn_t *c, const char *q, int level, int after_level, const char *after_code, int limit,
                   region_fn fn, void *ctx, db_err_t *err)
{
    char *pattern = like_pattern(q);
    if (!pattern)
        return DB_ERROR;
    db_param_t p[] = {DB_TEXT(pattern), DB_INT(level), DB_INT(after_level), DB_TEXT(after_code ? after_code : ""),
                      DB_INT(limit)};
    int rc = each_row(c, SQL_SEARCH, p, 5, fn, ctx, NULL, err);
    free(pattern);
    return rc;
}

int regions_version(db_conn_t *c, int64_t *version, db_err_t *err)
{
    return db_query_int(c, SQL_VERSION, NULL, 0, version, NULL, err);
}
