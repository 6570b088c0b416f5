/* db.h - the one storage interface; SQLite and PostgreSQL (libpq) behind it.
 *
 * SQL is written once with $1, $2 ... placeholders (SQLite binds them by
 * name). A db_t is shared by all threads; each thread gets its own
 * connection from db_conn(), opened on first use and closed by db_close().
 * Statements are prepared once per connection and cached by their text.
 *
 * Ownership: db_open() returns a db_t the caller frees with db_close().
 * Connections belong to the db_t. A db_res_t belongs to its connection and
 * is valid until db_done(); text from db_text() is valid until the next
 * db_next() or db_done(). Errors are values: functions return DB_OK (0) or a
 * negative db_status_t and fill a db_err_t when one is given.
 */
#ifndef SATUPINTU_STORE_DB_H
#define SATUPINTU_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { DB_SQLITE, DB_POSTGRES } db_kind_t;

typedef enum {
    DB_OK = 0,
    DB_ERROR = -1,    /* anything else: the message says */
    DB_CONFLICT = -2, /* unique or primary key violation */
    DB_BUSY = -3,     /* lock timeout, serialization failure: retryable */
    DB_DOWN = -4,     /* the connection is lost or cannot be made */
} db_status_t;

typedef struct {
    db_status_t status;
    char msg[256];
} db_err_t;

typedef enum { DBP_NULL, DBP_TEXT, DBP_INT } db_ptype_t;

typedef struct {
    db_ptype_t type;
    const char *text; /* DBP_TEXT: NUL-terminated, borrowed for the call */
    int64_t i;        /* DBP_INT */
} db_param_t;

#define DB_TEXT(s) ((db_param_t){DBP_TEXT, (s), 0})
#define DB_INT(v) ((db_param_t){DBP_INT, NULL, (int64_t)(v)})
#define DB_NULL ((db_param_t){DBP_NULL, NULL, 0})

typedef struct db db_t;
typedef struct db_conn db_conn_t;
typedef struct db_res db_res_t;

/* Parses url ("sqlite:PATH" or "postgres://..."), opens and checks one
 * connection. Returns DB_OK and *out, or an error in err. */
int db_open(const char *url, db_t **out, db_err_t *err);

/* Closes every connection and frees db. Call after all threads stopped using it. */
void db_close(db_t *db);

/* Which engine. */
db_kind_t db_kind(const db_t *db);

/* The URL with any password removed, for messages (owned by db). */
const char *db_url_safe(const db_t *db);

/* This thread's connection, opened on first use; NULL with err on failure. */
db_conn_t *db_conn(db_t *db, db_err_t *err);

/* Runs a statement that returns no rows; *changes (may be NULL) gets the row count. */
int db_exec(db_conn_t *c, const char *sql, const db_param_t *params, int nparams, int64_t *changes, db_err_t *err);

/* Runs a query; on DB_OK *res is ready for db_next() and must be db_done()'d. */
int db_query(db_conn_t *c, const char *sql, const db_param_t *params, int nparams, db_res_t **res, db_err_t *err);

/* Advances to the next row: 1 a row, 0 no more rows, negative on error. */
int db_next(db_res_t *res, db_err_t *err);

/* Column values of the current row (0-based). NULL columns: NULL text, 0. */
const char *db_text(db_res_t *res, int col);
int64_t db_int(db_res_t *res, int col);
bool db_is_null(db_res_t *res, int col);

/* Finishes the query and releases its rows. NULL is a no-op. */
void db_done(db_res_t *res);

/* Runs a query expected to return at most one row with one integer column;
 * *out is set (0 when there is no row or it is NULL); *found tells which. */
int db_query_int(db_conn_t *c, const char *sql, const db_param_t *params, int nparams, int64_t *out, bool *found, db_err_t *err);

/* Runs a query expected to return at most one row and hands that row to
 * read(res, ctx). Returns 1 (read was called), 0 (no row) or a DB error. */
int db_query_one(db_conn_t *c, const char *sql, const db_param_t *params, int nparams,
                 void (*read)(db_res_t *res, void *ctx), void *ctx, db_err_t *err);

/* Transactions. write=true takes the write lock at once (SQLite BEGIN IMMEDIATE). */
int db_begin(db_conn_t *c, bool write, db_err_t *err);
int db_commit(db_conn_t *c, db_err_t *err);
/* Rolls back; never fails visibly (a failed rollback is logged). */
void db_rollback(db_conn_t *c);

/* Runs a script of several statements without parameters (migrations). */
int db_exec_script(db_conn_t *c, const char *sql, db_err_t *err);

/* Writes a consistent copy of a SQLite database to the file dest while
 * other connections keep reading and writing (online backup API). */
int db_backup(db_conn_t *c, const char *dest, db_err_t *err);

/* Count of errors returned by any connection since start (for /metrics). */
uint64_t db_error_count(void);

#endif
