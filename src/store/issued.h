/* issued.h - issued documents and the handling of SLA breaches. */
#ifndef SATUPINTU_STORE_ISSUED_H
#define SATUPINTU_STORE_ISSUED_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *code;
    int64_t application_id;
    const char *region_code, *content, *pdf_sha256, *signature, *public_key;
    int64_t issued_at;
} issued_doc_t;

/* Records an issued document (inside the caller's transaction). */
int issued_insert(db_conn_t *c, const issued_doc_t *d, db_err_t *err);

/* One document by its code / by its application: 1 found, 0 not. */
int issued_get(db_conn_t *c, arena_t *a, const char *code, issued_doc_t *out, db_err_t *err);
int issued_of_application(db_conn_t *c, arena_t *a, int64_t application_id, issued_doc_t *out, db_err_t *err);

/* Ids of open applications whose breach is not handled yet (at most max). */
int breach_candidates(db_conn_t *c, int64_t *ids, int max, int *n, db_err_t *err);

/* Marks an application's breach handled; *marked false when it already was. */
int breach_mark(db_conn_t *c, int64_t application_id, bool *marked, db_err_t *err);

#endif
