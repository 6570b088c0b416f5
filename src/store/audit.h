/* audit.h - the hash-chained audit trail. Every write appends one entry in
 * the same transaction as the write; entry n holds
 * SHA-256(hash of entry n-1 | canonical content of n). */
#ifndef SATUPINTU_STORE_AUDIT_H
#define SATUPINTU_STORE_AUDIT_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdint.h>

typedef struct {
    int64_t actor_id;        /* 0: none (e.g. a failed login) */
    const char *actor_name;  /* may be NULL */
    const char *role;        /* the role acted in, may be NULL */
    const char *region_code; /* the region the record belongs to, may be NULL */
    const char *action;      /* "user.create" */
    const char *entity;      /* "user" */
    const char *entity_id;   /* may be NULL */
    const char *ip;          /* may be NULL */
    const char *change;      /* JSON of the change, without personal data; digested, not stored */
} audit_entry_t;

/* Appends e inside the caller's open write transaction. */
int audit_append(db_conn_t *c, const audit_entry_t *e, db_err_t *err);

typedef struct {
    int64_t id, at, actor_id;
    const char *actor_name, *role, *region_code, *action, *entity, *entity_id, *ip, *digest, *hash;
} audit_row_t;

/* Entries newest first, id < before_id (0: from the newest), of region_code
 * and the codes below it (NULL: all), at most limit; rows copied into a. */
int audit_list(db_conn_t *c, arena_t *a, const char *region_code, int64_t before_id, int limit, audit_row_t *rows,
               int *n, db_err_t *err);

/* Walks the whole chain; *count gets the entries checked, *bad_id the first
 * broken entry (0 when intact) and why says how. */
int audit_verify(db_conn_t *c, int64_t *count, int64_t *bad_id, char *why, size_t whylen, db_err_t *err);

#endif
