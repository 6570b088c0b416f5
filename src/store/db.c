/* db.c - engine dispatch, the per-thread connection registry, errors. */
#include "store/db_internal.h"

#include "lib/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct db {
    const db_engine_t *engine;
    db_kind_t kind;
    uint64_t id;         /* tells this thread's cached connection apart from a closed db's */
    char *target;        /* path or libpq URL (owned) */
    char *url_safe;      /* for messages (owned) */
    pthread_mutex_t lock; /* guards conns */
    db_conn_t *conns;
};

static _Atomic uint64_t next_db_id = 1;
static _Atomic uint64_t error_count;
static _Thread_local db_conn_t *tls_conn;
static _Thread_local uint64_t tls_db_id;

int db_fail(db_err_t *err, db_status_t status, const char *fmt, ...)
{
    atomic_fetch_add_explicit(&error_count, 1, memory_order_relaxed);
    if (err) {
        err->status = status;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return status;
}

uint64_t db_error_count(void)
{
    return atomic_load_explicit(&error_count, memory_order_relaxed);
}

#define SQL_HASH_END 48 /* bytes hashed at each end of a statement */

static uint64_t fnv(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t db_sql_hash(const char *sql)
{
    /* The length and both ends tell statements apart (they differ in their
     * tables and conditions); hashing the middle of long ones bought nothing
     * but time on every statement. Equal hashes are told apart by strcmp. */
    size_t n = strlen(sql);
    const unsigned char *p = (const unsigned char *)sql;
    uint64_t h = fnv(1469598103934665603ull, (const unsigned char *)&n, sizeof n);
    if (n <= 2 * SQL_HASH_END)
        return fnv(h, p, n);
    return fnv(fnv(h, p, SQL_HASH_END), p + n - SQL_HASH_END, SQL_HASH_END);
}

/* Replaces the characters from p up to the first of stop (or the end) by "***". */
static void mask_from(char *p, const char *stop)
{
    size_t n = strcspn(p, stop);
    size_t tail = strlen(p + n);
    memcpy(p, "***", 3);
    memmove(p + 3, p + n, tail + 1);
}

/* Hides passwords in a postgres URL: "postgres://u:secret@h/db?password=x"
 * becomes "postgres://u:***@h/db?password=***". The copy is malloc'd. */
static char *redact_url(const char *url)
{
    size_t n = strlen(url);
    char *copy = malloc(n + 8 * 4 + 1); /* each mask may grow by up to 3 */
    if (!copy)
        return NULL;
    memcpy(copy, url, n + 1);
    char *scheme = strstr(copy, "://");
    if (scheme) {
        char *at = strchr(scheme + 3, '@');
        char *colon = strchr(scheme + 3, ':');
        char *slash = strchr(scheme + 3, '/');
        if (at && colon && colon < at && (!slash || at < slash))
            mask_from(colon + 1, "@");
    }
    for (int i = 0; i < 8; i++) {
        char *pw = strstr(copy, "password=");
        if (!pw || (pw != copy && pw[-1] != '?' && pw[-1] != '&' && pw[-1] != ' '))
            break;
        if (strncmp(pw + 9, "***", 3) == 0 && (pw[12] == '\0' || pw[12] == '&' || pw[12] == ' '))
            break;
        mask_from(pw + 9, "& ");
    }
    return copy;
}

int db_open(const char *url, db_t **out, db_err_t *err)
{
    *out = NULL;
    const db_engine_t *engine;
    db_kind_t kind;
    const char *target;
    if (strncmp(url, "sqlite:", 7) == 0) {
        engine = &db_sqlite_engine;
        kind = DB_SQLITE;
        target = url + 7;
        if (strncmp(target, "//", 2) == 0)
            target += 2; /* sqlite://path is accepted too */
        if (!*target)
            return db_fail(err, DB_ERROR, "sqlite URL without a path: %s", url);
    } else if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0) {
        engine = &db_postgres_engine;
        kind = DB_POSTGRES;
        target = url;
    } else {
        return db_fail(err, DB_ERROR, "unknown database URL (want sqlite:PATH or postgres://...)");
    }
    db_t *db = calloc(1, sizeof *db);
    if (!db)
        return db_fail(err, DB_ERROR, "out of memory");
    db->engine = engine;
    db->kind = kind;
    db->id = atomic_fetch_add(&next_db_id, 1);
    db->target = strdup(target);
    db->url_safe = redact_url(url);
    pthread_mutex_init(&db->lock, NULL);
    if (!db->target || !db->url_safe) {
        db_close(db);
        return db_fail(err, DB_ERROR, "out of memory");
    }
    if (!db_conn(db, err)) {
        db_close(db);
        return err ? err->status : DB_ERROR;
    }
    *out = db;
    return DB_OK;
}

void db_close(db_t *db)
{
    if (!db)
        return;
    db_conn_t *c = db->conns;
    while (c) {
        db_conn_t *next = c->next_in_db;
        db->engine->close(c);
        c = next;
    }
    if (tls_db_id == db->id) {
        tls_conn = NULL;
        tls_db_id = 0;
    }
    pthread_mutex_destroy(&db->lock);
    free(db->target);
    free(db->url_safe);
    free(db);
}

db_kind_t db_kind(const db_t *db)
{
    return db->kind;
}

const char *db_url_safe(const db_t *db)
{
    return db->url_safe;
}

db_conn_t *db_conn(db_t *db, db_err_t *err)
{
    if (tls_conn && tls_db_id == db->id)
        return tls_conn;
    db_conn_t *c = db->engine->open(db, db->target, err);
    if (!c)
        return NULL;
    c->engine = db->engine;
    c->db = db;
    pthread_mutex_lock(&db->lock);
    c->next_in_db = db->conns;
    db->conns = c;
    pthread_mutex_unlock(&db->lock);
    tls_conn = c;
    tls_db_id = db->id;
    return c;
}

int db_exec(db_conn_t *c, const char *sql, const db_param_t *p, int n, int64_t *changes, db_err_t *err)
{
    return c->engine->exec(c, sql, p, n, changes, err);
}

int db_query(db_conn_t *c, const char *sql, const db_param_t *p, int n, db_res_t **res, db_err_t *err)
{
    return c->engine->query(c, sql, p, n, res, err);
}

int db_next(db_res_t *res, db_err_t *err)
{
    return res->engine->next(res, err);
}

const char *db_text(db_res_t *res, int col)
{
    return res->engine->text(res, col);
}

int64_t db_int(db_res_t *res, int col)
{
    return res->engine->integer(res, col);
}

bool db_is_null(db_res_t *res, int col)
{
    return res->engine->is_null(res, col);
}

void db_done(db_res_t *res)
{
    if (res)
        res->engine->done(res);
}

int db_query_int(db_conn_t *c, const char *sql, const db_param_t *p, int n, int64_t *out, bool *found, db_err_t *err)
{
    *out = 0;
    if (found)
        *found = false;
    db_res_t *res;
    int rc = db_query(c, sql, p, n, &res, err);
    if (rc != DB_OK)
        return rc;
    rc = db_next(res, err);
    if (rc == 1) {
        if (found)
            *found = !db_is_null(res, 0);
        *out = db_int(res, 0);
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int db_query_one(db_conn_t *c, const char *sql, const db_param_t *p, int n, void (*read)(db_res_t *res, void *ctx),
                 void *ctx, db_err_t *err)
{
    db_res_t *res;
    int rc = db_query(c, sql, p, n, &res, err);
    if (rc != DB_OK)
        return rc;
    rc = db_next(res, err);
    if (rc == 1)
        read(res, ctx);
    db_done(res);
    return rc;
}

int db_begin(db_conn_t *c, bool write, db_err_t *err)
{
    return c->engine->exec(c, write ? c->engine->begin_write : c->engine->begin_read, NULL, 0, NULL, err);
}

int db_commit(db_conn_t *c, db_err_t *err)
{
    return c->engine->exec(c, "COMMIT", NULL, 0, NULL, err);
}

void db_rollback(db_conn_t *c)
{
    db_err_t err;
    if (c->engine->exec(c, "ROLLBACK", NULL, 0, NULL, &err) != DB_OK)
        log_msgf(LOG_WARN, "rollback failed: %s", err.msg);
}

int db_exec_script(db_conn_t *c, const char *sql, db_err_t *err)
{
    return c->engine->script(c, sql, err);
}
