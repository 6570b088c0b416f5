/* test_store_postgres.c - store/db.h, migrations and the region store on a
 * real PostgreSQL, plus what only PostgreSQL does.
 *
 * The server comes from SATUPINTU_TEST_PG_URL (tests/pg/start.sh prints one).
 * Without it every test FAILS: a suite that silently skips its database is a
 * suite that lies. Each test works in its own schema (dropped afterwards), set
 * through the URL's options so every connection of every thread uses it;
 * tests can run in parallel and reruns start clean. */
#include "helpers.h"
#include "store/db.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char schema[64];

static const char *base_url(void)
{
    const char *url = getenv("SATUPINTU_TEST_PG_URL");
    if (!url || !*url)
        cr_assert_fail("SATUPINTU_TEST_PG_URL is not set: the PostgreSQL store tests need a server "
                       "(PGURL=$(tests/pg/start.sh | tail -1); SATUPINTU_TEST_PG_URL=$PGURL tests/run-unit.sh)");
    return url;
}

/* url with "options=-c<setting>" appended (setting already percent-encoded). */
static void url_with_option(char *out, size_t len, const char *setting)
{
    const char *base = base_url();
    int n = snprintf(out, len, "%s%coptions=-c%s", base, strchr(base, '?') ? '&' : '?', setting);
    cr_assert(n > 0 && (size_t)n < len);
}

static void admin_script(const char *sql)
{
    db_t *db = NULL;
    db_err_t err = {0};
    int rc = db_open(base_url(), &db, &err);
    cr_assert_eq(rc, DB_OK, "cannot reach PostgreSQL at SATUPINTU_TEST_PG_URL: %s", err.msg);
    db_conn_t *c = db_conn(db, &err);
    cr_assert_eq(db_exec_script(c, sql, &err), DB_OK, "%s: %s", sql, err.msg);
    db_close(db);
}

static db_t *store_open_with(const char *extra_setting)
{
    snprintf(schema, sizeof schema, "unit_%ld_%ld", (long)getpid(), (long)time(NULL) % 100000);
    char sql[256];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s;", schema, schema);
    admin_script(sql);
    char setting[160], url[1024];
    snprintf(setting, sizeof setting, "search_path%%3D%s%s", schema, extra_setting ? extra_setting : "");
    url_with_option(url, sizeof url, setting);
    db_t *db = NULL;
    db_err_t err = {0};
    cr_assert_eq(db_open(url, &db, &err), DB_OK, "db_open %s: %s", url, err.msg);
    /* make sure the schema really is the one in use */
    db_res_t *res;
    db_conn_t *c = db_conn(db, &err);
    cr_assert_eq(db_query(c, "SELECT current_schema()", NULL, 0, &res, &err), DB_OK, "%s", err.msg);
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), schema);
    db_done(res);
    return db;
}

static db_t *store_open(void)
{
    return store_open_with(NULL);
}

static void store_close(db_t *db)
{
    db_close(db);
    char sql[128];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE;", schema);
    admin_script(sql);
}

#include "regions_cases.h"
#include "store_cases.h"

STORE_CASES(postgres)
MIGRATE_CASES(postgres)
REGIONS_CASES(postgres)

/* ---- PostgreSQL only ---------------------------------------------------------- */

Test(postgres, server_url_is_given)
{
    const char *url = base_url();
    cr_assert(strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0,
              "SATUPINTU_TEST_PG_URL must be a postgres:// URL, is '%s'", url);
}

Test(postgres, kind_and_password_redaction)
{
    const char *base = base_url();
    const char *scheme = strstr(base, "://");
    const char *at = strchr(scheme + 3, '@');
    cr_assert_not_null(at, "this test needs a user@host URL");
    const char *colon = memchr(scheme + 3, ':', (size_t)(at - scheme - 3));
    char url[1024];
    /* the test server trusts local connections, so any password connects */
    if (colon)
        snprintf(url, sizeof url, "%.*s:s3cr3t-pw%s", (int)(colon - base), base, at);
    else
        snprintf(url, sizeof url, "%.*s:s3cr3t-pw%s", (int)(at - base), base, at);
    db_t *db = NULL;
    db_err_t err = {0};
    cr_assert_eq(db_open(url, &db, &err), DB_OK, "%s", err.msg);
    cr_assert_eq(db_kind(db), DB_POSTGRES);
    const char *safe = db_url_safe(db);
    cr_assert_null(strstr(safe, "s3cr3t-pw"), "password leaked: %s", safe);
    cr_assert_not_null(strstr(safe, ":***@"), "redacted form expected: %s", safe);
    cr_assert_not_null(strstr(safe, at + 1), "host part kept: %s", safe);
    db_close(db);
}

Test(postgres, password_in_the_query_string_is_redacted)
{
    /* libpq also takes the password as a URI parameter */
    const char *base = base_url();
    char url[1024];
    snprintf(url, sizeof url, "%s%cpassword=qs-s3cr3t", base, strchr(base, '?') ? '&' : '?');
    db_t *db = NULL;
    db_err_t err = {0};
    cr_assert_eq(db_open(url, &db, &err), DB_OK, "%s", err.msg);
    const char *safe = db_url_safe(db);
    bool leaked = strstr(safe, "qs-s3cr3t") != NULL;
    char copy[1024];
    snprintf(copy, sizeof copy, "%s", safe);
    db_close(db);
    cr_assert_not(leaked, "db_url_safe() leaks the password: %s", copy);
}

Test(postgres, unreachable_server_is_down)
{
    (void)base_url(); /* like every test here: fail without a server configured */
    db_t *db = (db_t *)&db;
    db_err_t err = {0};
    int rc = db_open("postgres://nobody@127.0.0.1:1/none?connect_timeout=2", &db, &err);
    cr_assert_eq(rc, DB_DOWN, "rc %d: %s", rc, err.msg);
    cr_assert_null(db);
    cr_assert_not_null(strstr(err.msg, "PostgreSQL"), "%s", err.msg);
}

Test(postgres, backup_is_sqlite_only)
{
    db_t *db = store_open();
    db_err_t err = {0};
    char path[PATH_MAX];
    snprintf(path, sizeof path, "/tmp/satupintu-unit-pg-backup-%ld.db", (long)getpid());
    int rc = db_backup(db_conn(db, &err), path, &err);
    cr_assert_eq(rc, DB_ERROR);
    cr_assert_not_null(strstr(err.msg, "pg_dump"), "%s", err.msg);
    cr_assert_neq(access(path, F_OK), 0, "no file written");
    store_close(db);
}

Test(postgres, session_is_utc_and_utf8)
{
    db_t *db = store_open();
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    db_res_t *res;
    cr_assert_eq(db_query(c, "SELECT current_setting('TimeZone'), current_setting('client_encoding')", NULL, 0, &res,
                          &err),
                 DB_OK);
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), "UTC");
    cr_assert_str_eq(db_text(res, 1), "UTF8");
    db_done(res);
    store_close(db);
}

typedef struct {
    db_t *db;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int stage;
} locker_t;

static void *hold_row_lock(void *p)
{
    locker_t *l = p;
    db_err_t err = {0};
    db_conn_t *c = db_conn(l->db, &err);
    db_begin(c, true, &err);
    db_exec(c, "UPDATE kv SET i = 1 WHERE k = 'locked'", NULL, 0, NULL, &err);
    pthread_mutex_lock(&l->mu);
    l->stage = 1;
    pthread_cond_broadcast(&l->cv);
    while (l->stage < 2)
        pthread_cond_wait(&l->cv, &l->mu);
    pthread_mutex_unlock(&l->mu);
    db_rollback(c);
    return NULL;
}

Test(postgres, lock_timeout_is_busy)
{
    db_t *db = store_open();
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    cr_assert_eq(db_exec(c, "INSERT INTO kv (k, i) VALUES ('locked', 0)", NULL, 0, NULL, &err), DB_OK);
    locker_t l = {.db = db, .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
    pthread_t th;
    pthread_create(&th, NULL, hold_row_lock, &l);
    pthread_mutex_lock(&l.mu);
    while (l.stage < 1)
        pthread_cond_wait(&l.cv, &l.mu);
    pthread_mutex_unlock(&l.mu);
    cr_assert_eq(db_exec_script(c, "SET lock_timeout = '150ms'", &err), DB_OK);
    int rc = db_exec(c, "UPDATE kv SET i = 2 WHERE k = 'locked'", NULL, 0, NULL, &err);
    pthread_mutex_lock(&l.mu);
    l.stage = 2;
    pthread_cond_broadcast(&l.cv);
    pthread_mutex_unlock(&l.mu);
    pthread_join(th, NULL);
    cr_assert_eq(rc, DB_BUSY, "a lock timeout is retryable: rc %d (%s)", rc, err.msg);
    store_close(db);
}

static void *kill_backend(void *p)
{
    int64_t *pid = p;
    db_t *db = NULL;
    db_err_t err = {0};
    if (db_open(base_url(), &db, &err) != DB_OK) {
        *pid = -1;
        return NULL;
    }
    db_conn_t *c = db_conn(db, &err);
    int64_t ok = 0;
    if (db_query_int(c, "SELECT CAST(pg_terminate_backend(CAST($1 AS INTEGER)) AS INTEGER)",
                     (db_param_t[]){DB_INT(*pid)}, 1, &ok, NULL, &err) != DB_OK || !ok)
        *pid = -1;
    db_close(db);
    return NULL;
}

/* A connection the server drops is reported as DB_DOWN once, then reset:
 * the next statement works again, with the session set up as before. */
Test(postgres, lost_connection_is_down_then_recovers)
{
    /* the server default time zone differs from UTC, as on a server in Jakarta */
    db_t *db = store_open_with("%20-cTimeZone%3DAsia/Jakarta");
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    static const char Q[] = "SELECT COUNT(*) FROM kv WHERE k <> $1";
    int64_t n = -1;
    cr_assert_eq(db_query_int(c, Q, (db_param_t[]){DB_TEXT("x")}, 1, &n, NULL, &err), DB_OK, "%s", err.msg);
    int64_t pid = 0;
    cr_assert_eq(db_query_int(c, "SELECT pg_backend_pid()", NULL, 0, &pid, NULL, &err), DB_OK);
    pthread_t th;
    pthread_create(&th, NULL, kill_backend, &pid);
    pthread_join(th, NULL);
    cr_assert_gt(pid, 0, "could not terminate our backend");
    usleep(100000);
    int rc = db_query_int(c, Q, (db_param_t[]){DB_TEXT("x")}, 1, &n, NULL, &err);
    cr_assert_eq(rc, DB_DOWN, "a dropped connection is DB_DOWN: rc %d (%s)", rc, err.msg);
    cr_assert_neq(err.msg[0], '\0');
    /* reset: the cached statement is prepared again on the new session */
    rc = db_query_int(c, Q, (db_param_t[]){DB_TEXT("x")}, 1, &n, NULL, &err);
    cr_assert_eq(rc, DB_OK, "after the reset: rc %d (%s)", rc, err.msg);
    cr_assert_eq(n, 0);
    db_res_t *res;
    cr_assert_eq(db_query(c, "SELECT current_setting('TimeZone')", NULL, 0, &res, &err), DB_OK);
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), "UTC", "the reconnected session must be set up like a new one");
    db_done(res);
    store_close(db);
}
