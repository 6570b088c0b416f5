/* sqlite.c - the SQLite engine behind db.h: one connection per thread
 * (SQLITE_OPEN_NOMUTEX), WAL, synchronous=FULL, cached prepared statements,
 * $N parameters bound by name. */
#include "store/db_internal.h"
#include "store/group_sync.h"
#include "store/stmt_cache.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct sq_conn sq_conn_t;

typedef struct {
    db_res_t hdr;
    sqlite3_stmt *st;
    sq_conn_t *conn;
    bool busy;      /* a query on it is open (between db_query and db_done) */
    bool finished;  /* stepped to the end: db_next stays at 0 */
    bool transient; /* not cached: made because the cached one was busy; freed by done */
    int nslots;     /* parameters the statement has */
    int *slot_arg;  /* owned: for each of them (0-based), which $N it is (1-based); 0 when not $N */
} sq_stmt_t;

struct sq_conn {
    db_conn_t hdr;
    sqlite3 *h;
    stmt_cache_t cache;
    group_sync_t *sync; /* shared WAL flush: commits are durable before they return */
};

static int sq_fail(sq_conn_t *c, db_err_t *err, int rc, const char *what)
{
    int ext = sqlite3_extended_errcode(c->h);
    db_status_t st = DB_ERROR;
    if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY)
        st = DB_CONFLICT;
    else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        st = DB_BUSY;
    return db_fail(err, st, "sqlite %s: %s", what, sqlite3_errmsg(c->h));
}

/* Creates the parent folders of path, like mkdir -p on its dirname. */
static void make_parent_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(copy, 0750);
        *p = '/';
    }
    free(copy);
}

static void free_stmt(sq_stmt_t *s)
{
    sqlite3_finalize(s->st);
    free(s->slot_arg);
    free(s);
}

static void sq_close(db_conn_t *base)
{
    sq_conn_t *c = (sq_conn_t *)base;
    for (size_t i = 0; i < c->cache.cap; i++) {
        sq_stmt_t *s = c->cache.slots[i].handle;
        if (c->cache.slots[i].sql && s) {
            free_stmt(s);
            c->cache.slots[i].handle = NULL;
        }
    }
    stmt_cache_clear(&c->cache, NULL);
    stmt_cache_free(&c->cache);
    sqlite3_close_v2(c->h);
    free(c);
}

static pthread_once_t configured = PTHREAD_ONCE_INIT;

/* Process-wide settings, before the first connection: no allocation
 * statistics (they take a global mutex on every malloc of every connection). */
static void configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static db_conn_t *sq_open(db_t *db, const char *path, db_err_t *err)
{
    (void)db;
    make_parent_dirs(path);
    pthread_once(&configured, configure);
    sq_conn_t *c = calloc(1, sizeof *c);
    if (!c) {
        db_fail(err, DB_ERROR, "out of memory");
        return NULL;
    }
    int rc = sqlite3_open_v2(path, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        db_fail(err, DB_DOWN, "cannot open %s: %s", path, c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
        sqlite3_close_v2(c->h);
        free(c);
        return NULL;
    }
    sqlite3_extended_result_codes(c->h, 1);
    sqlite3_busy_timeout(c->h, 10000);
    char *msg = NULL;
    rc = sqlite3_exec(c->h,
                      /* NORMAL writes the WAL without flushing it; the group flush
                       * after every COMMIT (group_sync.c) makes commits durable. */
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                      "PRAGMA temp_store=MEMORY;"
                      /* An 8 MiB page cache per connection (it fills only as used). No
                       * memory map: a growing file is mapped anew by every reader. */
                      "PRAGMA cache_size=-8192; PRAGMA wal_autocheckpoint=4000;",
                      NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        db_fail(err, DB_DOWN, "cannot set up %s: %s", path, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        sqlite3_close_v2(c->h);
        free(c);
        return NULL;
    }
    c->sync = group_sync_for(path);
    if (!c->sync) {
        db_fail(err, DB_ERROR, "out of memory");
        sqlite3_close_v2(c->h);
        free(c);
        return NULL;
    }
    return &c->hdr;
}

/* Reads once which $N each of the statement's parameters is. false on OOM. */
static bool map_slots(sq_stmt_t *s)
{
    s->nslots = sqlite3_bind_parameter_count(s->st);
    s->slot_arg = calloc((size_t)(s->nslots ? s->nslots : 1), sizeof *s->slot_arg);
    if (!s->slot_arg)
        return false;
    for (int j = 1; j <= s->nslots; j++) {
        const char *name = sqlite3_bind_parameter_name(s->st, j);
        char *end = NULL;
        long k = name && name[0] == '$' ? strtol(name + 1, &end, 10) : 0;
        s->slot_arg[j - 1] = end && !*end && k >= 1 && k <= 999 ? (int)k : 0;
    }
    return true;
}

static int bind_all(sq_conn_t *c, sq_stmt_t *s, const db_param_t *p, int n, db_err_t *err)
{
    for (int j = 1; j <= s->nslots; j++) {
        int k = s->slot_arg[j - 1];
        if (k < 1 || k > n)
            return db_fail(err, DB_ERROR, "statement parameter %s has no value (%d given)",
                           sqlite3_bind_parameter_name(s->st, j) ? sqlite3_bind_parameter_name(s->st, j) : "?", n);
        const db_param_t *v = &p[k - 1];
        int rc;
        switch (v->type) {
        case DBP_TEXT: rc = sqlite3_bind_text(s->st, j, v->text, -1, SQLITE_TRANSIENT); break; /* borrowed only for the call */
        case DBP_INT: rc = sqlite3_bind_int64(s->st, j, v->i); break;
        default: rc = sqlite3_bind_null(s->st, j);
        }
        if (rc != SQLITE_OK)
            return sq_fail(c, err, rc, "bind");
    }
    return DB_OK;
}

static sq_stmt_t *new_stmt(sq_conn_t *c, const char *sql, unsigned flags, db_err_t *err)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v3(c->h, sql, -1, flags, &st, NULL);
    if (rc != SQLITE_OK) {
        sq_fail(c, err, rc, "prepare");
        return NULL;
    }
    sq_stmt_t *s = calloc(1, sizeof *s);
    if (!s) {
        sqlite3_finalize(st);
        db_fail(err, DB_ERROR, "out of memory");
        return NULL;
    }
    s->hdr.engine = &db_sqlite_engine;
    s->st = st;
    s->conn = c;
    if (!map_slots(s)) {
        free_stmt(s);
        db_fail(err, DB_ERROR, "out of memory");
        return NULL;
    }
    return s;
}


/* Finds or prepares sql, binds p; returns the statement ready to step. A
 * statement whose cached copy is busy (the same SQL nested in its own loop)
 * gets a transient copy of its own. */
static int prepare(sq_conn_t *c, const char *sql, const db_param_t *p, int n, sq_stmt_t **out, db_err_t *err)
{
    stmt_entry_t *e = stmt_cache_find(&c->cache, sql);
    sq_stmt_t *s = e ? e->handle : NULL;
    if (s && s->busy) {
        s = new_stmt(c, sql, 0, err);
        if (!s)
            return err ? err->status : DB_ERROR;
        s->transient = true;
    } else if (!s) {
        s = new_stmt(c, sql, SQLITE_PREPARE_PERSISTENT, err);
        if (!s)
            return err ? err->status : DB_ERROR;
        if (!stmt_cache_add(&c->cache, sql, s)) {
            free_stmt(s);
            return db_fail(err, DB_ERROR, "out of memory");
        }
    }
    int rc = bind_all(c, s, p, n, err);
    if (rc != DB_OK) {
        sqlite3_clear_bindings(s->st);
        if (s->transient)
            free_stmt(s);
        return rc;
    }
    s->busy = true;
    s->finished = false;
    *out = s;
    return DB_OK;
}

static void sq_done(db_res_t *res)
{
    sq_stmt_t *s = (sq_stmt_t *)res;
    if (s->transient) {
        free_stmt(s);
        return;
    }
    sqlite3_reset(s->st);
    sqlite3_clear_bindings(s->st);
    s->busy = false;
    s->finished = false;
}

static int sq_exec(db_conn_t *base, const char *sql, const db_param_t *p, int n, int64_t *changes, db_err_t *err)
{
    sq_conn_t *c = (sq_conn_t *)base;
    sq_stmt_t *s;
    int rc = prepare(c, sql, p, n, &s, err);
    if (rc != DB_OK)
        return rc;
    int step;
    while ((step = sqlite3_step(s->st)) == SQLITE_ROW)
        ;
    if (step != SQLITE_DONE) {
        rc = sq_fail(c, err, step, "exec");
        sq_done(&s->hdr);
        return rc;
    }
    if (changes)
        *changes = sqlite3_changes64(c->h);
    /* A transaction is acknowledged only once its WAL frames are on disk; a
     * writing statement outside a transaction is its own commit. */
    bool flush = strcmp(sql, "COMMIT") == 0 || (sqlite3_get_autocommit(c->h) && !sqlite3_stmt_readonly(s->st));
    sq_done(&s->hdr);
    if (flush && !group_sync_wait(c->sync))
        return db_fail(err, DB_ERROR, "sqlite: cannot flush the WAL to disk");
    return DB_OK;
}

static int sq_query(db_conn_t *base, const char *sql, const db_param_t *p, int n, db_res_t **res, db_err_t *err)
{
    sq_stmt_t *s;
    int rc = prepare((sq_conn_t *)base, sql, p, n, &s, err);
    if (rc != DB_OK)
        return rc;
    *res = &s->hdr;
    return DB_OK;
}

static int sq_next(db_res_t *res, db_err_t *err)
{
    sq_stmt_t *s = (sq_stmt_t *)res;
    if (s->finished)
        return 0; /* SQLite would start over; the interface stays at the end */
    int rc = sqlite3_step(s->st);
    if (rc == SQLITE_ROW)
        return 1;
    s->finished = true;
    if (rc == SQLITE_DONE)
        return 0;
    return sq_fail(s->conn, err, rc, "step");
}

static const char *sq_text(db_res_t *res, int col)
{
    return (const char *)sqlite3_column_text(((sq_stmt_t *)res)->st, col);
}

static int64_t sq_int(db_res_t *res, int col)
{
    return sqlite3_column_int64(((sq_stmt_t *)res)->st, col);
}

static bool sq_is_null(db_res_t *res, int col)
{
    return sqlite3_column_type(((sq_stmt_t *)res)->st, col) == SQLITE_NULL;
}

static int sq_script(db_conn_t *base, const char *sql, db_err_t *err)
{
    sq_conn_t *c = (sq_conn_t *)base;
    char *msg = NULL;
    int rc = sqlite3_exec(c->h, sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        return DB_OK;
    int st = db_fail(err, DB_ERROR, "sqlite script: %s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    return st;
}

/* In WAL mode one backup step of all pages reads a single snapshot while
 * writers go on, so the copy is consistent and the server keeps serving. */
int db_backup(db_conn_t *base, const char *dest, db_err_t *err)
{
    if (base->engine != &db_sqlite_engine)
        return db_fail(err, DB_ERROR, "backup works on SQLite databases only (use pg_dump for PostgreSQL)");
    sq_conn_t *c = (sq_conn_t *)base;
    sqlite3 *out;
    int rc = sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        db_fail(err, DB_ERROR, "cannot create %s: %s", dest, out ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
        sqlite3_close_v2(out);
        return DB_ERROR;
    }
    sqlite3_backup *b = sqlite3_backup_init(out, "main", c->h, "main");
    if (!b) {
        db_fail(err, DB_ERROR, "backup: %s", sqlite3_errmsg(out));
        sqlite3_close_v2(out);
        return DB_ERROR;
    }
    for (int tries = 0; tries < 500; tries++) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sqlite3_sleep(20);
    }
    sqlite3_backup_finish(b);
    int final = sqlite3_errcode(out);
    sqlite3_close_v2(out);
    if (rc != SQLITE_DONE || final != SQLITE_OK)
        return db_fail(err, DB_ERROR, "backup to %s failed: %s", dest, sqlite3_errstr(rc));
    return DB_OK;
}

const db_engine_t db_sqlite_engine = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .query = sq_query,
    .next = sq_next,
    .text = sq_text,
    .integer = sq_int,
    .is_null = sq_is_null,
    .done = sq_done,
    .script = sq_script,
    .begin_read = "BEGIN",
    .begin_write = "BEGIN IMMEDIATE",
};
