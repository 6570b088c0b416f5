/* regions_import.c - loads the Kemendagri reference codes from the CSV files
 * of the npm package idn-area-data (data under ODbL) in one transaction. */
#include "store/regions.h"

#include "domain/region_code.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/csv.h"
#include "lib/utf8.h"
#include "store/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_ROWS 100
#define COLS 5

typedef struct {
    const char *file;
    int level;
    const char *header[3]; /* expected column names: code, parent, name */
    int ncols;
} source_t;

static const source_t sources[] = {
    {"provinces.csv", REGION_PROVINCE, {"code", "name", NULL}, 2},
    {"regencies.csv", REGION_REGENCY, {"code", "province_code", "name"}, 3},
    {"districts.csv", REGION_DISTRICT, {"code", "regency_code", "name"}, 3},
    {"villages.csv", REGION_VILLAGE, {"code", "district_code", "name"}, 3},
};

typedef struct {
    db_conn_t *c;
    int n;                        /* rows buffered */
    char *strings[BATCH_ROWS][4]; /* code, name, parent, search (owned) */
    int level[BATCH_ROWS];
    int64_t changed;
} batch_t;

static void batch_clear(batch_t *b)
{
    for (int i = 0; i < b->n; i++)
        for (int k = 0; k < 4; k++)
            free(b->strings[i][k]);
    b->n = 0;
}

static int batch_flush(batch_t *b, db_err_t *err)
{
    if (b->n == 0)
        return DB_OK;
    buf_t sql = BUF_INIT;
    buf_puts(&sql, "INSERT INTO regions (code, name, parent_code, level, search_name) VALUES ");
    db_param_t params[BATCH_ROWS * COLS];
    for (int i = 0; i < b->n; i++) {
        int base = i * COLS;
        buf_printf(&sql, "%s($%d, $%d, $%d, $%d, $%d)", i ? ", " : "", base + 1, base + 2, base + 3, base + 4,
                   base + 5);
        params[base] = DB_TEXT(b->strings[i][0]);
        params[base + 1] = DB_TEXT(b->strings[i][1]);
        params[base + 2] = b->strings[i][2] ? DB_TEXT(b->strings[i][2]) : DB_NULL;
        params[base + 3] = DB_INT(b->level[i]);
        params[base + 4] = DB_TEXT(b->strings[i][3]);
    }
    buf_puts(&sql, " ON CONFLICT (code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code,"
                   " level = excluded.level, search_name = excluded.search_name"
                   " WHERE regions.name <> excluded.name OR regions.level <> excluded.level"
                   " OR regions.parent_code IS DISTINCT FROM excluded.parent_code");
    int rc = sql.oom ? db_fail(err, DB_ERROR, "out of memory") : DB_OK;
    int64_t changes = 0;
    if (rc == DB_OK)
        rc = db_exec(b->c, sql.data, params, b->n * COLS, &changes, err);
    buf_free(&sql);
    b->changed += changes;
    batch_clear(b);
    return rc;
}

static char *lower_ascii(const char *s)
{
    char *d = strdup(s);
    if (!d)
        return NULL;
    for (char *p = d; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return d;
}

static int load_file(batch_t *b, const char *dir, const source_t *src, int64_t *rows, db_err_t *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, src->file);
    csv_reader_t *r = csv_open(path);
    if (!r)
        return db_fail(err, DB_ERROR, "cannot read %s (is the npm package idn-area-data installed?)", path);
    char *f[CSV_MAX_FIELDS];
    int rc = DB_OK;
    int nf = csv_next(r, f);
    if (nf < src->ncols || strcmp(f[0], src->header[0]) != 0 || strcmp(f[1], src->header[1]) != 0 ||
        (src->ncols == 3 && strcmp(f[2], src->header[2]) != 0)) {
        rc = db_fail(err, DB_ERROR, "%s: unexpected header (want %s,%s%s%s)", path, src->header[0],
                     src->header[1], src->ncols == 3 ? "," : "", src->ncols == 3 ? src->header[2] : "");
        goto out;
    }
    while ((nf = csv_next(r, f)) > 0) {
        if (nf != src->ncols) {
            rc = db_fail(err, DB_ERROR, "%s:%zu: %d fields, want %d", path, csv_line(r), nf, src->ncols);
            goto out;
        }
        const char *code = f[0];
        const char *name = src->ncols == 2 ? f[1] : f[2];
        const char *parent = src->ncols == 2 ? NULL : f[1];
        char want_parent[16];
        if ((int)region_code_level(code) != src->level) {
            rc = db_fail(err, DB_ERROR, "%s:%zu: malformed code '%.20s'", path, csv_line(r), code);
            goto out;
        }
        if (parent && (region_code_parent(code, want_parent, sizeof want_parent) == REGION_INVALID ||
                       strcmp(parent, want_parent) != 0)) {
            rc = db_fail(err, DB_ERROR, "%s:%zu: code %s does not belong to parent %.20s", path, csv_line(r),
                         code, parent);
            goto out;
        }
        if (!*name || !utf8_valid(name, strlen(name))) {
            rc = db_fail(err, DB_ERROR, "%s:%zu: empty or non-UTF-8 name", path, csv_line(r));
            goto out;
        }
        int i = b->n;
        b->strings[i][0] = strdup(code);
        b->strings[i][1] = strdup(name);
        b->strings[i][2] = parent ? strdup(parent) : NULL;
        b->strings[i][3] = lower_ascii(name);
        b->level[i] = src->level;
        b->n++;
        if (!b->strings[i][0] || !b->strings[i][1] || (parent && !b->strings[i][2]) || !b->strings[i][3]) {
            rc = db_fail(err, DB_ERROR, "out of memory");
            goto out;
        }
        (*rows)++;
        if (b->n == BATCH_ROWS && (rc = batch_flush(b, err)) != DB_OK)
            goto out;
    }
    if (nf < 0) {
        rc = db_fail(err, DB_ERROR, "%s:%zu: malformed CSV", path, csv_line(r));
        goto out;
    }
    rc = batch_flush(b, err);
out:
    csv_close(r);
    return rc;
}

static const char SQL_BUMP[] =
    "INSERT INTO meta (key, value) VALUES ('regions_version', $1)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value";

int regions_import(db_t *db, const char *dir, region_import_stats_t *stats, db_err_t *err)
{
    memset(stats, 0, sizeof *stats);
    db_conn_t *c = db_conn(db, err);
    if (!c)
        return err ? err->status : DB_ERROR;
    int rc = db_begin(c, true, err);
    if (rc != DB_OK)
        return rc;
    batch_t *b = calloc(1, sizeof *b);
    if (!b) {
        db_rollback(c);
        return db_fail(err, DB_ERROR, "out of memory");
    }
    b->c = c;
    for (size_t i = 0; i < sizeof sources / sizeof sources[0] && rc == DB_OK; i++)
        rc = load_file(b, dir, &sources[i], &stats->rows[sources[i].level], err);
    batch_clear(b);
    stats->changed = b->changed;
    free(b);
    if (rc == DB_OK && stats->changed > 0) {
        db_param_t v[] = {DB_INT(clock_now_ms())};
        char text[24];
        snprintf(text, sizeof text, "%lld", (long long)v[0].i);
        v[0] = DB_TEXT(text);
        rc = db_exec(c, SQL_BUMP, v, 1, NULL, err);
    }
    if (rc == DB_OK)
        rc = db_commit(c, err);
    if (rc != DB_OK)
        db_rollback(c);
    return rc;
}
