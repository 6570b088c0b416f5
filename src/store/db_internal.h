/* db_internal.h - what db.c shares with the engine files; only store/ includes it. */
#ifndef SATUPINTU_STORE_DB_INTERNAL_H
#define SATUPINTU_STORE_DB_INTERNAL_H

#include "store/db.h"

typedef struct db_engine {
    const char *name;
    /* Opens a connection for target (a path or a libpq URL); NULL with err. */
    db_conn_t *(*open)(db_t *db, const char *target, db_err_t *err);
    void (*close)(db_conn_t *c);
    int (*exec)(db_conn_t *c, const char *sql, const db_param_t *p, int n, int64_t *changes, db_err_t *err);
    int (*query)(db_conn_t *c, const char *sql, const db_param_t *p, int n, db_res_t **res, db_err_t *err);
    int (*next)(db_res_t *res, db_err_t *err);
    const char *(*text)(db_res_t *res, int col);
    int64_t (*integer)(db_res_t *res, int col);
    bool (*is_null)(db_res_t *res, int col);
    void (*done)(db_res_t *res);
    int (*script)(db_conn_t *c, const char *sql, db_err_t *err);
    const char *begin_read, *begin_write;
} db_engine_t;

/* Every engine's connection and result start with these headers. */
struct db_conn {
    const db_engine_t *engine;
    db_t *db;
    struct db_conn *next_in_db;
};

struct db_res {
    const db_engine_t *engine;
};

extern const db_engine_t db_sqlite_engine;
extern const db_engine_t db_postgres_engine;

/* Records an error: sets err (may be NULL), counts it, returns status. */
int db_fail(db_err_t *err, db_status_t status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* FNV-1a hash of a statement's length and the ends of its text, for the
 * statement caches (which compare the whole text on equal hashes). */
uint64_t db_sql_hash(const char *sql);

#endif
