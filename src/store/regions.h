/* regions.h - the reference region table (Kemendagri codes). */
#ifndef SATUPINTU_STORE_REGIONS_H
#define SATUPINTU_STORE_REGIONS_H

#include "store/db.h"

#include <stdint.h>

typedef struct {
    const char *code;
    const char *name;
    const char *parent_code; /* NULL for provinces */
    int level;               /* region_level_t */
} region_t;

/* Called once per row; the strings are valid only during the call. Return 0
 * to go on, non-zero to stop (that value is returned by the caller). */
typedef int (*region_fn)(void *ctx, const region_t *r);

/* One region by code: returns 1 (fn was called), 0 (no such code) or a DB error. */
int regions_get(db_conn_t *c, const char *code, region_fn fn, void *ctx, db_err_t *err);

/* The children of code ordered by code: DB_OK or a DB error. */
int regions_children(db_conn_t *c, const char *code, region_fn fn, void *ctx, db_err_t *err);

/* All provinces ordered by code. */
int regions_provinces(db_conn_t *c, region_fn fn, void *ctx, db_err_t *err);

/* Regions whose name contains q (case-insensitive), at level (0: any),
 * ordered by (level, code), strictly after (after_level, after_code), at most
 * limit rows. */
int regions_search(db_conn_t *c, const char *q, int level, int after_level, const char *after_code, int limit,
                   region_fn fn, void *ctx, db_err_t *err);

/* A number that changes whenever the reference data changes (0 before any import). */
int regions_version(db_conn_t *c, int64_t *version, db_err_t *err);

typedef struct {
    int64_t rows[5];    /* rows read per level (1..4) */
    int64_t changed;    /* rows inserted or updated */
} region_import_stats_t;

/* Loads provinces.csv, regencies.csv, districts.csv and villages.csv of the
 * npm package idn-area-data from dir in one transaction, checking every
 * code and parent; running it again changes nothing. On failure nothing is
 * written and err says which file and line. */
int regions_import(db_t *db, const char *dir, region_import_stats_t *stats, db_err_t *err);

#endif
