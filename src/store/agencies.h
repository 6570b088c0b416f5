/* agencies.h - agencies (instansi) of a region: OPD, vertical agencies, BUMN. */
#ifndef SATUPINTU_STORE_AGENCIES_H
#define SATUPINTU_STORE_AGENCIES_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int64_t id;
    const char *uuid, *region_code, *kind, *name, *short_name;
    int active;
    int64_t version, created_at, updated_at;
} agency_t;

/* Adds an agency to a region unless one of that name exists there; *created tells which. */
int agencies_ensure(db_conn_t *c, const char *region_code, const char *kind, const char *name,
                    const char *short_name, bool *created, db_err_t *err);

/* Inserts; DB_CONFLICT when the name exists in the region. *id gets the new id. */
int agencies_insert(db_conn_t *c, const agency_t *a, int64_t *id, db_err_t *err);

/* One agency: 1 found, 0 not. Strings copied into ar. */
int agencies_get(db_conn_t *c, arena_t *ar, int64_t id, agency_t *out, db_err_t *err);

/* The agencies of a region ordered by name (active: -1 all, 0/1 filter), at most max. */
int agencies_list(db_conn_t *c, arena_t *ar, const char *region_code, int active, agency_t *rows, int max, int *n,
                  db_err_t *err);

/* Writes the fields of a when a->version matches the stored one; *changed false when stale. */
int agencies_update(db_conn_t *c, const agency_t *a, bool *changed, db_err_t *err);

#endif
