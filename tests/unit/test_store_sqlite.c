/* test_store_sqlite.c - store/db.h on SQLite in a temp file: the shared cases
 * of store_cases.h plus what only SQLite does (URLs, WAL, BEGIN IMMEDIATE,
 * online backup). */
#include "sqlite_db.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "store_cases.h"

STORE_CASES(sqlite)

/* ---- SQLite only ------------------------------------------------------------ */

Test(sqlite, url_forms_and_kind)
{
    char d[PATH_MAX];
    th_tmpdir(d, sizeof d);
    char url[PATH_MAX + 64];
    db_t *db = NULL;
    db_err_t err = {0};
    /* sqlite://PATH works too, and missing parent folders are created */
    snprintf(url, sizeof url, "sqlite://%s/a/b/c.db", d);
    cr_assert_eq(db_open(url, &db, &err), DB_OK, "%s: %s", url, err.msg);
    cr_assert_eq(db_kind(db), DB_SQLITE);
    cr_assert_str_eq(db_url_safe(db), url);
    db_close(db);
    char file[PATH_MAX + 16];
    snprintf(file, sizeof file, "%s/a/b/c.db", d);
    cr_assert_eq(access(file, F_OK), 0, "database file created");
    th_rmtree(d);
}

Test(sqlite, bad_urls)
{
    db_t *db = (db_t *)&db; /* must be reset to NULL */
    db_err_t err = {0};
    cr_assert_eq(db_open("mysql://localhost/x", &db, &err), DB_ERROR);
    cr_assert_null(db);
    cr_assert_neq(err.msg[0], '\0');
    cr_assert_eq(db_open("sqlite:", &db, &err), DB_ERROR);
    cr_assert_null(db);
    cr_assert_eq(db_open("", &db, &err), DB_ERROR);
    /* a path below a regular file cannot be opened */
    int rc = db_open("sqlite:/etc/hostname/x.db", &db, &err);
    cr_assert_lt(rc, 0);
    cr_assert_null(db);
    cr_assert_eq(err.status, rc);
}

Test(sqlite, wal_and_foreign_keys_are_on)
{
    db_t *db = store_open();
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    db_res_t *res;
    cr_assert_eq(db_query(c, "PRAGMA journal_mode", NULL, 0, &res, &err), DB_OK);
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), "wal");
    db_done(res);
    cr_assert_eq(db_exec_script(c,
                                "CREATE TABLE p (id INTEGER PRIMARY KEY);"
                                "CREATE TABLE ch (id INTEGER PRIMARY KEY, p INTEGER REFERENCES p (id));",
                                &err),
                 DB_OK, "%s", err.msg);
    int rc = db_exec(c, "INSERT INTO ch (id, p) VALUES (1, 99)", NULL, 0, NULL, &err);
    cr_assert_eq(rc, DB_ERROR, "foreign keys are enforced (rc %d)", rc);
    store_close(db);
}

Test(sqlite, dollar_names_are_required)
{
    db_t *db = store_open();
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    db_res_t *res;
    /* "?" and ":name" have no value in the $N scheme: refused, not bound by position */
    cr_assert_lt(db_query(c, "SELECT ?", (db_param_t[]){DB_INT(1)}, 1, &res, &err), 0);
    cr_assert_lt(db_query(c, "SELECT :a", (db_param_t[]){DB_INT(1)}, 1, &res, &err), 0);
    cr_assert_lt(db_query(c, "SELECT $0", (db_param_t[]){DB_INT(1)}, 1, &res, &err), 0);
    cr_assert_eq(db_query(c, "SELECT $1", (db_param_t[]){DB_INT(5)}, 1, &res, &err), DB_OK);
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_eq(db_int(res, 0), 5);
    db_done(res);
    store_close(db);
}

/* A text parameter is "borrowed for the call" (db.h): the caller may reuse
 * its buffer once db_query() has returned. */
Test(sqlite, text_params_are_only_borrowed_for_the_call)
{
    db_t *db = store_open();
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    cr_assert_eq(db_exec_script(c, "CREATE TABLE w (name TEXT); INSERT INTO w VALUES ('kota'), ('desa');", &err), DB_OK);
    char name[16] = "kota";
    db_res_t *res;
    cr_assert_eq(db_query(c, "SELECT COUNT(*) FROM w WHERE name = $1", (db_param_t[]){DB_TEXT(name)}, 1, &res, &err),
                 DB_OK);
    strcpy(name, "desa"); /* the call is over: the buffer is the caller's again */
    strcpy(name, "zzzz");
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_eq(db_int(res, 0), 1, "the query must count the value given to db_query ('kota'), got %lld",
                 (long long)db_int(res, 0));
    db_done(res);
    store_close(db);
}

typedef struct {
    db_t *db;
    int rounds;
    int failures;
    char msg[256];
} rmw_arg_t;

/* Read-modify-write in a write transaction, as the app does. */
static void *rmw(void *p)
{
    rmw_arg_t *a = p;
    db_err_t err = {0};
    db_conn_t *c = db_conn(a->db, &err);
    if (!c) {
        a->failures = a->rounds;
        return NULL;
    }
    for (int i = 0; i < a->rounds; i++) {
        int64_t v = 0;
        if (db_begin(c, true, &err) != DB_OK ||
            db_query_int(c, "SELECT n FROM counter WHERE id = 1", NULL, 0, &v, NULL, &err) != DB_OK ||
            db_exec(c, "UPDATE counter SET n = $1 WHERE id = 1", (db_param_t[]){DB_INT(v + 1)}, 1, NULL, &err) != DB_OK ||
            db_commit(c, &err) != DB_OK) {
            db_rollback(c);
            a->failures++;
            snprintf(a->msg, sizeof a->msg, "%s", err.msg);
        }
    }
    return NULL;
}

Test(sqlite, write_transactions_serialise_read_modify_write)
{
    db_t *db = store_open();
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    cr_assert_eq(db_exec_script(c, "PRAGMA synchronous=OFF; CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER);"
                                   "INSERT INTO counter VALUES (1, 0);",
                                &err),
                 DB_OK, "%s", err.msg);
    rmw_arg_t a[3];
    pthread_t th[3];
    for (int i = 0; i < 3; i++) {
        a[i] = (rmw_arg_t){.db = db, .rounds = 40};
        pthread_create(&th[i], NULL, rmw, &a[i]);
    }
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 3; i++)
        cr_assert_eq(a[i].failures, 0, "thread %d: %d failures (%s)", i, a[i].failures, a[i].msg);
    int64_t n = 0;
    cr_assert_eq(db_query_int(c, "SELECT n FROM counter WHERE id = 1", NULL, 0, &n, NULL, &err), DB_OK);
    cr_assert_eq(n, 120, "no lost update");
    store_close(db);
}

static void backup_and_check(db_conn_t *c, const char *dest, int64_t want_rows)
{
    db_err_t err = {0};
    cr_assert_eq(db_backup(c, dest, &err), DB_OK, "backup: %s", err.msg);
    char url[PATH_MAX + 16];
    snprintf(url, sizeof url, "sqlite:%s", dest);
    db_t *copy = NULL;
    cr_assert_eq(db_open(url, &copy, &err), DB_OK, "open the copy: %s", err.msg);
    db_conn_t *cc = db_conn(copy, &err);
    int64_t n = -1;
    cr_assert_eq(db_query_int(cc, "SELECT COUNT(*) FROM kv", NULL, 0, &n, NULL, &err), DB_OK, "%s", err.msg);
    cr_assert_eq(n, want_rows);
    db_res_t *res;
    cr_assert_eq(db_query(cc, "SELECT t FROM kv WHERE k = 'r7'", NULL, 0, &res, &err), DB_OK);
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), "Ω row 7");
    db_done(res);
    db_res_t *ic;
    cr_assert_eq(db_query(cc, "PRAGMA integrity_check", NULL, 0, &ic, &err), DB_OK);
    cr_assert_eq(db_next(ic, &err), 1);
    cr_assert_str_eq(db_text(ic, 0), "ok");
    db_done(ic);
    db_close(copy);
}

Test(sqlite, backup_holds_the_rows)
{
    db_t *db = store_open();
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    for (int i = 0; i < 50; i++) {
        char k[16], t[32];
        snprintf(k, sizeof k, "r%d", i);
        snprintf(t, sizeof t, "Ω row %d", i);
        cr_assert_eq(db_exec(c, "INSERT INTO kv (k, t) VALUES ($1, $2)", (db_param_t[]){DB_TEXT(k), DB_TEXT(t)}, 2,
                             NULL, &err),
                     DB_OK);
    }
    char dest[PATH_MAX + 16];
    snprintf(dest, sizeof dest, "%s/backup.db", sqlite_dir);
    backup_and_check(db_conn(db, &err), dest, 50);
    /* a second backup over the first file replaces it */
    cr_assert_eq(db_exec(db_conn(db, &err), "DELETE FROM kv WHERE k = 'r0'", NULL, 0, NULL, &err), DB_OK);
    backup_and_check(db_conn(db, &err), dest, 49);
    store_close(db);
}

typedef struct {
    db_t *db;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stage; /* 1: writer holds an uncommitted row; 2: backup done */
} holder_t;

static void *hold_write(void *p)
{
    holder_t *h = p;
    db_err_t err = {0};
    db_conn_t *c = db_conn(h->db, &err);
    db_begin(c, true, &err);
    db_exec(c, "INSERT INTO kv (k, t) VALUES ('uncommitted', 'x')", NULL, 0, NULL, &err);
    pthread_mutex_lock(&h->mu);
    h->stage = 1;
    pthread_cond_broadcast(&h->cv);
    while (h->stage < 2)
        pthread_cond_wait(&h->cv, &h->mu);
    pthread_mutex_unlock(&h->mu);
    db_rollback(c);
    return NULL;
}

Test(sqlite, backup_while_a_writer_holds_the_lock)
{
    db_t *db = store_open();
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    for (int i = 0; i < 10; i++) {
        char k[16], t[32];
        snprintf(k, sizeof k, "r%d", i);
        snprintf(t, sizeof t, "Ω row %d", i);
        db_exec(c, "INSERT INTO kv (k, t) VALUES ($1, $2)", (db_param_t[]){DB_TEXT(k), DB_TEXT(t)}, 2, NULL, &err);
    }
    holder_t h = {.db = db, .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
    pthread_t th;
    pthread_create(&th, NULL, hold_write, &h);
    pthread_mutex_lock(&h.mu);
    while (h.stage < 1)
        pthread_cond_wait(&h.cv, &h.mu);
    pthread_mutex_unlock(&h.mu);
    char dest[PATH_MAX + 16];
    snprintf(dest, sizeof dest, "%s/online.db", sqlite_dir);
    backup_and_check(c, dest, 10); /* the uncommitted row is not in the copy */
    pthread_mutex_lock(&h.mu);
    h.stage = 2;
    pthread_cond_broadcast(&h.cv);
    pthread_mutex_unlock(&h.mu);
    pthread_join(th, NULL);
    store_close(db);
}

Test(sqlite, backup_to_an_impossible_path_fails)
{
    db_t *db = store_open();
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    int rc = db_backup(c, "/nonexistent-satupintu-dir/x/backup.db", &err);
    cr_assert_eq(rc, DB_ERROR);
    cr_assert_neq(err.msg[0], '\0');
    store_close(db);
}
