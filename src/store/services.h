/* services.h - the service catalogue. The structured parts (standard,
 * requirements, form, workflow) are stored as JSON documents that api/
 * validates; the store only keeps them. Results are copied into an arena. */
#ifndef SATUPINTU_STORE_SERVICES_H
#define SATUPINTU_STORE_SERVICES_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int64_t id;
    const char *uuid, *region_code;
    int64_t agency_id;
    const char *agency_name, *agency_short; /* read only (joined) */
    const char *code, *name, *description;
    const char *standard, *requirements, *form, *workflow; /* JSON texts */
    int64_t fee;
    const char *channels; /* ",online,counter," */
    int64_t sla_minutes;
    const char *breach_policy, *status;
    int64_t version, created_at, updated_at;
} service_t;

/* Inserts s as a draft; *id gets the id. DB_CONFLICT when the code is taken in the region. */
int services_insert(db_conn_t *c, const service_t *s, int64_t *id, db_err_t *err);

/* One service: 1 found, 0 not. */
int services_get(db_conn_t *c, arena_t *a, int64_t id, service_t *out, db_err_t *err);

/* The services of a region with status (NULL: any), agency (0: any), a
 * channel (NULL: any) and q in the name (NULL: any); at most max. */
int services_list(db_conn_t *c, arena_t *a, const char *region_code, const char *status, int64_t agency_id,
                  const char *channel, const char *q, service_t *rows, int max, int *n, db_err_t *err);

/* Writes every field of s (status included) when s->version matches the
 * stored one; *changed is false when stale. */
int services_update(db_conn_t *c, const service_t *s, bool *changed, db_err_t *err);

#endif
