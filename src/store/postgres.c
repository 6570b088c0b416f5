/* postgres.c - the PostgreSQL engine behind db.h (libpq): one connection per
 * thread, statements prepared once per connection as "s<N>", parameters sent
 * as text. A lost connection is reset once and its statement cache dropped. */
#include "store/db_internal.h"
#include "store/stmt_cache.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_MAX_PARAMS 1024

typedef struct pg_conn pg_conn_t;

typedef struct {
    db_res_t hdr;
    pg_conn_t *conn;
    PGresult *res;  /* rows of the running query */
    int row;        /* current row, -1 before the first */
    int nrows;
    int serial;     /* the prepared statement is "s<serial>" */
    bool busy;      /* a query on it is open (between db_query and db_done) */
    bool transient; /* a second use of a busy statement: freed by done */
    bool orphan;    /* dropped from the cache while busy: freed by done */
} pg_stmt_t;

struct pg_conn {
    db_conn_t hdr;
    PGconn *h;
    stmt_cache_t cache;
};

static void drop_stmt(void *handle)
{
    pg_stmt_t *s = handle;
    if (s->busy) {
        s->orphan = true; /* an open result still points here: done frees it */
        return;
    }
    PQclear(s->res);
    free(s);
}

static void quiet_notice(void *arg, const char *message);

/* Session settings every connection needs, after connect and after a reset. */
static bool setup_session(PGconn *h)
{
    PQsetNoticeProcessor(h, quiet_notice, NULL);
    PGresult *r = PQexec(h, "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok;
}

/* Classifies a failure. res (may be NULL) must not be used by the caller
 * afterwards when the answer is DB_DOWN: the statement cache is dropped. */
static int pg_fail_res(pg_conn_t *c, PGresult *res, db_err_t *err, const char *what)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = PQerrorMessage(c->h);
    if (res && PQresultErrorMessage(res)[0])
        msg = PQresultErrorMessage(res);
    char clean[200];
    snprintf(clean, sizeof clean, "%s", msg ? msg : "unknown error");
    size_t n = strlen(clean);
    while (n && (clean[n - 1] == '\n' || clean[n - 1] == ' '))
        clean[--n] = '\0';
    db_status_t st = DB_ERROR;
    if (state && strcmp(state, "23505") == 0)
        st = DB_CONFLICT;
    else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
        st = DB_BUSY;
    if (PQstatus(c->h) == CONNECTION_BAD) {
        st = DB_DOWN;
        /* Try once to get the connection back; its prepared statements are gone. */
        stmt_cache_clear(&c->cache, drop_stmt);
        PQreset(c->h);
        if (PQstatus(c->h) == CONNECTION_OK)
            setup_session(c->h);
    }
    return db_fail(err, st, "postgres %s: %s", what, clean);
}

static void pg_close(db_conn_t *base)
{
    pg_conn_t *c = (pg_conn_t *)base;
    stmt_cache_clear(&c->cache, drop_stmt);
    stmt_cache_free(&c->cache);
    PQfinish(c->h);
    free(c);
}

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message; /* NOTICEs ("relation already exists, skipping") are not errors */
}

static db_conn_t *pg_open(db_t *db, const char *url, db_err_t *err)
{
    (void)db;
    pg_conn_t *c = calloc(1, sizeof *c);
    if (!c) {
        db_fail(err, DB_ERROR, "out of memory");
        return NULL;
    }
    c->h = PQconnectdb(url);
    if (!c->h || PQstatus(c->h) != CONNECTION_OK) {
        char msg[200];
        snprintf(msg, sizeof msg, "%s", c->h ? PQerrorMessage(c->h) : "out of memory");
        size_t n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        db_fail(err, DB_DOWN, "cannot connect to PostgreSQL: %s", msg);
        PQfinish(c->h);
        free(c);
        return NULL;
    }
    if (!setup_session(c->h)) {
        pg_fail_res(c, NULL, err, "setup");
        PQfinish(c->h);
        free(c);
        return NULL;
    }
    return &c->hdr;
}

/* Prepares (once) and runs sql; returns the statement holding the result. */
static int run(pg_conn_t *c, const char *sql, const db_param_t *p, int n, pg_stmt_t **out, db_err_t *err)
{
    if (n > PG_MAX_PARAMS)
        return db_fail(err, DB_ERROR, "too many parameters (%d)", n);
    stmt_entry_t *e = stmt_cache_find(&c->cache, sql);
    if (!e) {
        pg_stmt_t *s = calloc(1, sizeof *s);
        if (!s)
            return db_fail(err, DB_ERROR, "out of memory");
        e = stmt_cache_add(&c->cache, sql, s);
        if (!e) {
            free(s);
            return db_fail(err, DB_ERROR, "out of memory");
        }
        s->hdr.engine = &db_postgres_engine;
        s->conn = c;
        s->serial = e->serial;
        char name[24];
        snprintf(name, sizeof name, "s%d", e->serial);
        PGresult *r = PQprepare(c->h, name, sql, 0, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            int rc = pg_fail_res(c, r, err, "prepare");
            PQclear(r);
            /* forget it so the next call prepares again */
            if (rc != DB_DOWN) {
                drop_stmt(s);
                stmt_cache_remove(&c->cache, e);
            }
            return rc;
        }
        PQclear(r);
    }
    pg_stmt_t *s = e->handle;
    if (s->busy) { /* the same SQL inside its own open loop: a result of its own */
        pg_stmt_t *t = calloc(1, sizeof *t);
        if (!t)
            return db_fail(err, DB_ERROR, "out of memory");
        t->hdr.engine = &db_postgres_engine;
        t->conn = c;
        t->serial = s->serial;
        t->transient = true;
        s = t;
    }
    const char *values[PG_MAX_PARAMS > 0 ? PG_MAX_PARAMS : 1];
    char ints[PG_MAX_PARAMS][24];
    for (int i = 0; i < n; i++) {
        switch (p[i].type) {
        case DBP_TEXT: values[i] = p[i].text; break;
        case DBP_INT:
            snprintf(ints[i], sizeof ints[i], "%lld", (long long)p[i].i);
            values[i] = ints[i];
            break;
        default: values[i] = NULL;
        }
    }
    char name[24];
    snprintf(name, sizeof name, "s%d", s->serial);
    PGresult *r = PQexecPrepared(c->h, name, n, values, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        bool transient = s->transient; /* read before pg_fail_res may free a cached s */
        int rc = pg_fail_res(c, r, err, "query");
        PQclear(r);
        if (transient)
            free(s);
        return rc;
    }
    s->res = r;
    s->row = -1;
    s->nrows = PQntuples(r);
    s->busy = true;
    *out = s;
    return DB_OK;
}

static void pg_done(db_res_t *res);

static int pg_exec(db_conn_t *base, const char *sql, const db_param_t *p, int n, int64_t *changes, db_err_t *err)
{
    pg_stmt_t *s;
    int rc = run((pg_conn_t *)base, sql, p, n, &s, err);
    if (rc != DB_OK)
        return rc;
    if (changes) {
        const char *t = PQcmdTuples(s->res);
        *changes = t && *t ? strtoll(t, NULL, 10) : 0;
    }
    pg_done(&s->hdr);
    return DB_OK;
}

static int pg_query(db_conn_t *base, const char *sql, const db_param_t *p, int n, db_res_t **res, db_err_t *err)
{
    pg_stmt_t *s;
    int rc = run((pg_conn_t *)base, sql, p, n, &s, err);
    if (rc != DB_OK)
        return rc;
    *res = &s->hdr;
    return DB_OK;
}

static int pg_next(db_res_t *res, db_err_t *err)
{
    (void)err;
    pg_stmt_t *s = (pg_stmt_t *)res;
    if (s->row + 1 >= s->nrows)
        return 0;
    s->row++;
    return 1;
}

static const char *pg_text(db_res_t *res, int col)
{
    pg_stmt_t *s = (pg_stmt_t *)res;
    if (s->row < 0 || s->row >= s->nrows || PQgetisnull(s->res, s->row, col))
        return NULL;
    return PQgetvalue(s->res, s->row, col);
}

static int64_t pg_int(db_res_t *res, int col)
{
    const char *t = pg_text(res, col);
    return t ? strtoll(t, NULL, 10) : 0;
}

static bool pg_is_null(db_res_t *res, int col)
{
    return pg_text(res, col) == NULL;
}

static void pg_done(db_res_t *res)
{
    pg_stmt_t *s = (pg_stmt_t *)res;
    PQclear(s->res);
    s->res = NULL;
    s->nrows = 0;
    s->row = -1;
    s->busy = false;
    if (s->transient || s->orphan)
        free(s);
}

static int pg_script(db_conn_t *base, const char *sql, db_err_t *err)
{
    pg_conn_t *c = (pg_conn_t *)base;
    PGresult *r = PQexec(c->h, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = DB_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        rc = pg_fail_res(c, r, err, "script");
    PQclear(r);
    return rc;
}

const db_engine_t db_postgres_engine = {
    .name = "postgres",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .query = pg_query,
    .next = pg_next,
    .text = pg_text,
    .integer = pg_int,
    .is_null = pg_is_null,
    .done = pg_done,
    .script = pg_script,
    .begin_read = "BEGIN",
    .begin_write = "BEGIN",
};
