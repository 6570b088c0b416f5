/* store_cases.h - engine-independent checks of store/db.h, run on SQLite by
 * test_store_sqlite.c and on PostgreSQL by test_store_postgres.c.
 *
 * The including file defines, before including this:
 *   static db_t *store_open(void);      a fresh, empty database
 *   static void store_close(db_t *db);  closes it and cleans up
 * and then writes STORE_CASES(suite) to get one Criterion test per case. */
#ifndef SATUPINTU_TESTS_STORE_CASES_H
#define SATUPINTU_TESTS_STORE_CASES_H

#include "helpers.h"
#include "store/db.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

static db_t *store_open(void);
static void store_close(db_t *db);

static const char KV_DDL[] =
    "CREATE TABLE kv (k TEXT PRIMARY KEY, i BIGINT, t TEXT, u TEXT UNIQUE, n TEXT NOT NULL DEFAULT 'x')";

static TH_UNUSED db_conn_t *conn_with_kv(db_t *db)
{
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    cr_assert_not_null(c, "db_conn: %s", err.msg);
    cr_assert_eq(db_exec_script(c, KV_DDL, &err), DB_OK, "create kv: %s", err.msg);
    return c;
}

static TH_UNUSED void ok(int rc, const db_err_t *err, const char *what)
{
    cr_assert_eq(rc, DB_OK, "%s: rc %d: %s", what, rc, err->msg);
}

static TH_UNUSED int64_t count_rows(db_conn_t *c, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", table);
    int64_t n = -1;
    bool found = false;
    db_err_t err = {0};
    ok(db_query_int(c, sql, NULL, 0, &n, &found, &err), &err, sql);
    cr_assert(found);
    return n;
}

/* The one text column of the one row a query gives, copied into out. */
static TH_UNUSED void query_text(db_conn_t *c, const char *sql, const db_param_t *p, int n, char *out, size_t len)
{
    db_res_t *res = NULL;
    db_err_t err = {0};
    ok(db_query(c, sql, p, n, &res, &err), &err, sql);
    cr_assert_eq(db_next(res, &err), 1, "%s: no row", sql);
    const char *t = db_text(res, 0);
    cr_assert_not_null(t, "%s: NULL", sql);
    snprintf(out, len, "%s", t);
    cr_assert_eq(db_next(res, &err), 0, "%s: more than one row", sql);
    db_done(res);
}

static TH_UNUSED void case_params_bound_by_name(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    /* $2 appears before $1: it must still get the second value */
    db_param_t p[] = {DB_TEXT("first"), DB_TEXT("second")};
    ok(db_exec(c, "INSERT INTO kv (t, k) VALUES ($2, $1)", p, 2, NULL, &err), &err, "insert");
    char out[64];
    query_text(c, "SELECT t FROM kv WHERE k = $1", (db_param_t[]){DB_TEXT("first")}, 1, out, sizeof out);
    cr_assert_str_eq(out, "second", "$2 got the value of $1");

    query_text(c, "SELECT CAST($2 AS TEXT) || '-' || CAST($1 AS TEXT)", (db_param_t[]){DB_TEXT("a"), DB_TEXT("b")}, 2,
               out, sizeof out);
    cr_assert_str_eq(out, "b-a");

    /* three parameters, mixed types, out of order */
    db_res_t *res;
    db_param_t q[] = {DB_INT(40), DB_TEXT("x"), DB_INT(2)};
    ok(db_query(c, "SELECT CAST($3 AS INTEGER) + CAST($1 AS INTEGER), CAST($2 AS TEXT)", q, 3, &res, &err), &err,
       "mixed");
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_eq(db_int(res, 0), 42);
    cr_assert_str_eq(db_text(res, 1), "x");
    db_done(res);

    /* a WHERE with $2 before $1 */
    ok(db_query(c, "SELECT k FROM kv WHERE t = $2 AND k = $1", p, 2, &res, &err), &err, "where");
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), "first");
    db_done(res);
}

static TH_UNUSED void case_param_used_twice(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    char out[64];
    query_text(c, "SELECT CAST($1 AS TEXT) || CAST($1 AS TEXT) || CAST($2 AS TEXT)",
               (db_param_t[]){DB_TEXT("ab"), DB_TEXT("!")}, 2, out, sizeof out);
    cr_assert_str_eq(out, "abab!");
}

static TH_UNUSED void case_missing_param_is_an_error(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    int rc = db_exec(c, "INSERT INTO kv (k, t) VALUES ($1, $2)", (db_param_t[]){DB_TEXT("only")}, 1, NULL, &err);
    cr_assert_lt(rc, 0, "a statement with $2 and one value must fail");
    cr_assert_eq(err.status, rc);
    cr_assert_neq(err.msg[0], '\0');
    cr_assert_eq(count_rows(c, "kv"), 0);
    /* the connection is fine afterwards */
    ok(db_exec(c, "INSERT INTO kv (k, t) VALUES ($1, $2)", (db_param_t[]){DB_TEXT("a"), DB_TEXT("b")}, 2, NULL, &err),
       &err, "insert after error");
    cr_assert_eq(count_rows(c, "kv"), 1);
}

static TH_UNUSED void case_null_int_text_roundtrip(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    static const char INS[] = "INSERT INTO kv (k, i, t) VALUES ($1, $2, $3)";
    struct {
        const char *k;
        db_param_t i, t;
    } rows[] = {
        {"nulls", DB_NULL, DB_NULL},
        {"max", DB_INT(INT64_MAX), DB_TEXT("Pidië 東京 😀")},
        {"min", DB_INT(INT64_MIN), DB_TEXT("")},
        {"neg", DB_INT(-7), DB_TEXT("it's \"quoted\" \\ %_")},
        {"zero", DB_INT(0), DB_TEXT("0")},
    };
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        db_param_t p[] = {DB_TEXT(rows[r].k), rows[r].i, rows[r].t};
        ok(db_exec(c, INS, p, 3, NULL, &err), &err, rows[r].k);
    }
    db_res_t *res;
    ok(db_query(c, "SELECT i, t FROM kv WHERE k = $1", (db_param_t[]){DB_TEXT("nulls")}, 1, &res, &err), &err, "q");
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert(db_is_null(res, 0));
    cr_assert(db_is_null(res, 1));
    cr_assert_null(db_text(res, 0));
    cr_assert_null(db_text(res, 1));
    cr_assert_eq(db_int(res, 0), 0);
    db_done(res);
    for (size_t r = 1; r < sizeof rows / sizeof rows[0]; r++) {
        ok(db_query(c, "SELECT i, t FROM kv WHERE k = $1", (db_param_t[]){DB_TEXT(rows[r].k)}, 1, &res, &err), &err,
           "q");
        cr_assert_eq(db_next(res, &err), 1);
        cr_assert_not(db_is_null(res, 0));
        cr_assert_not(db_is_null(res, 1), "%s: empty text is not NULL", rows[r].k);
        cr_assert_eq(db_int(res, 0), rows[r].i.i, "%s: int", rows[r].k);
        cr_assert_str_eq(db_text(res, 1), rows[r].t.text, "%s: text", rows[r].k);
        cr_assert_eq(db_next(res, &err), 0);
        db_done(res);
    }
    /* an INT parameter compared with an integer column, a TEXT with a text column */
    int64_t n;
    bool found;
    ok(db_query_int(c, "SELECT COUNT(*) FROM kv WHERE i < $1", (db_param_t[]){DB_INT(0)}, 1, &n, &found, &err), &err,
       "cmp");
    cr_assert_eq(n, 2);
}

static TH_UNUSED void case_unique_violation_is_conflict(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    static const char INS[] = "INSERT INTO kv (k, u) VALUES ($1, $2)";
    ok(db_exec(c, INS, (db_param_t[]){DB_TEXT("a"), DB_TEXT("u1")}, 2, NULL, &err), &err, "first");
    int rc = db_exec(c, INS, (db_param_t[]){DB_TEXT("a"), DB_TEXT("u2")}, 2, NULL, &err);
    cr_assert_eq(rc, DB_CONFLICT, "primary key: rc %d (%s)", rc, err.msg);
    cr_assert_eq(err.status, DB_CONFLICT);
    memset(&err, 0, sizeof err);
    rc = db_exec(c, INS, (db_param_t[]){DB_TEXT("b"), DB_TEXT("u1")}, 2, NULL, &err);
    cr_assert_eq(rc, DB_CONFLICT, "unique column: rc %d (%s)", rc, err.msg);
    cr_assert_neq(err.msg[0], '\0');
    /* other constraint failures are not conflicts */
    rc = db_exec(c, "INSERT INTO kv (k, n) VALUES ($1, $2)", (db_param_t[]){DB_TEXT("c"), DB_NULL}, 2, NULL, &err);
    cr_assert_eq(rc, DB_ERROR, "NOT NULL violation: rc %d (%s)", rc, err.msg);
    /* still usable */
    ok(db_exec(c, INS, (db_param_t[]){DB_TEXT("b"), DB_TEXT("u2")}, 2, NULL, &err), &err, "after conflicts");
    cr_assert_eq(count_rows(c, "kv"), 2);
    /* ON CONFLICT DO NOTHING: no error, no change */
    int64_t changes = -1;
    ok(db_exec(c, "INSERT INTO kv (k) VALUES ($1) ON CONFLICT (k) DO NOTHING", (db_param_t[]){DB_TEXT("a")}, 1,
               &changes, &err),
       &err, "do nothing");
    cr_assert_eq(changes, 0);
}

static TH_UNUSED void case_changes_are_counted(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    int64_t changes = -1;
    for (int i = 0; i < 3; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%d", i);
        ok(db_exec(c, "INSERT INTO kv (k, i) VALUES ($1, $2)", (db_param_t[]){DB_TEXT(k), DB_INT(i)}, 2, &changes, &err),
           &err, "insert");
        cr_assert_eq(changes, 1);
    }
    ok(db_exec(c, "UPDATE kv SET i = i + 1", NULL, 0, &changes, &err), &err, "update");
    cr_assert_eq(changes, 3);
    ok(db_exec(c, "UPDATE kv SET i = 0 WHERE k = $1", (db_param_t[]){DB_TEXT("none")}, 1, &changes, &err), &err, "u0");
    cr_assert_eq(changes, 0);
    ok(db_exec(c, "DELETE FROM kv WHERE i >= $1", (db_param_t[]){DB_INT(2)}, 1, &changes, &err), &err, "delete");
    cr_assert_eq(changes, 2);
    ok(db_exec(c, "DELETE FROM kv", NULL, 0, NULL, &err), &err, "NULL changes pointer");
}

static TH_UNUSED void case_transactions(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    static const char INS[] = "INSERT INTO kv (k) VALUES ($1)";
    /* rolled back: gone */
    ok(db_begin(c, true, &err), &err, "begin");
    ok(db_exec(c, INS, (db_param_t[]){DB_TEXT("r1")}, 1, NULL, &err), &err, "ins");
    ok(db_exec(c, INS, (db_param_t[]){DB_TEXT("r2")}, 1, NULL, &err), &err, "ins");
    cr_assert_eq(count_rows(c, "kv"), 2, "visible inside the transaction");
    db_rollback(c);
    cr_assert_eq(count_rows(c, "kv"), 0, "rollback discards");
    /* committed: kept */
    ok(db_begin(c, true, &err), &err, "begin");
    ok(db_exec(c, INS, (db_param_t[]){DB_TEXT("c1")}, 1, NULL, &err), &err, "ins");
    ok(db_commit(c, &err), &err, "commit");
    cr_assert_eq(count_rows(c, "kv"), 1);
    /* a failure inside a transaction, then rollback: the earlier write goes too */
    ok(db_begin(c, true, &err), &err, "begin");
    ok(db_exec(c, INS, (db_param_t[]){DB_TEXT("c2")}, 1, NULL, &err), &err, "ins");
    cr_assert_eq(db_exec(c, INS, (db_param_t[]){DB_TEXT("c1")}, 1, NULL, &err), DB_CONFLICT);
    db_rollback(c);
    cr_assert_eq(count_rows(c, "kv"), 1);
    /* a read transaction */
    ok(db_begin(c, false, &err), &err, "begin read");
    cr_assert_eq(count_rows(c, "kv"), 1);
    ok(db_commit(c, &err), &err, "commit read");
    /* rollback without a transaction is harmless */
    db_rollback(c);
    cr_assert_eq(count_rows(c, "kv"), 1);
}

static TH_UNUSED void case_query_int(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    ok(db_exec(c, "INSERT INTO kv (k, i) VALUES ('a', 42), ('n', NULL)", NULL, 0, NULL, &err), &err, "ins");
    int64_t v = -1;
    bool found = false;
    static const char Q[] = "SELECT i FROM kv WHERE k = $1";
    ok(db_query_int(c, Q, (db_param_t[]){DB_TEXT("a")}, 1, &v, &found, &err), &err, "a");
    cr_assert(found);
    cr_assert_eq(v, 42);
    v = -1;
    ok(db_query_int(c, Q, (db_param_t[]){DB_TEXT("n")}, 1, &v, &found, &err), &err, "n");
    cr_assert_not(found, "a NULL value is not found");
    cr_assert_eq(v, 0);
    v = -1;
    found = true;
    ok(db_query_int(c, Q, (db_param_t[]){DB_TEXT("missing")}, 1, &v, &found, &err), &err, "missing");
    cr_assert_not(found);
    cr_assert_eq(v, 0);
    ok(db_query_int(c, Q, (db_param_t[]){DB_TEXT("a")}, 1, &v, NULL, &err), &err, "found may be NULL");
    cr_assert_eq(v, 42);
    /* the statement is finished: running it again works */
    ok(db_query_int(c, Q, (db_param_t[]){DB_TEXT("a")}, 1, &v, &found, &err), &err, "again");
    cr_assert_eq(v, 42);
}

static TH_UNUSED void case_sql_errors(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    uint64_t before = db_error_count();
    int rc = db_exec(c, "SELEC 1", NULL, 0, NULL, &err);
    cr_assert_eq(rc, DB_ERROR);
    cr_assert_eq(err.status, DB_ERROR);
    cr_assert_neq(err.msg[0], '\0');
    cr_assert_gt(db_error_count(), before);
    db_res_t *res = (db_res_t *)&err; /* must not be touched on failure */
    rc = db_query(c, "SELECT nope FROM nowhere", NULL, 0, &res, &err);
    cr_assert_lt(rc, 0);
    /* failing again (not cached as good) */
    cr_assert_lt(db_exec(c, "SELEC 1", NULL, 0, NULL, &err), 0);
    /* err may be NULL */
    cr_assert_lt(db_exec(c, "SELEC 1", NULL, 0, NULL, NULL), 0);
    /* still usable */
    cr_assert_eq(count_rows(c, "kv"), 0);
    /* a script error */
    cr_assert_lt(db_exec_script(c, "CREATE TABLE kv (x INTEGER)", &err), 0, "table exists");
    cr_assert_neq(err.msg[0], '\0');
}

static TH_UNUSED void case_statement_reuse(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    char k[16];
    for (int i = 0; i < 300; i++) {
        snprintf(k, sizeof k, "key%03d", i);
        ok(db_exec(c, "INSERT INTO kv (k, i) VALUES ($1, $2)", (db_param_t[]){DB_TEXT(k), DB_INT(i * 3)}, 2, NULL, &err),
           &err, "ins");
    }
    for (int i = 0; i < 300; i += 7) {
        snprintf(k, sizeof k, "key%03d", i);
        int64_t v;
        bool found;
        ok(db_query_int(c, "SELECT i FROM kv WHERE k = $1", (db_param_t[]){DB_TEXT(k)}, 1, &v, &found, &err), &err,
           "q");
        cr_assert(found);
        cr_assert_eq(v, i * 3);
    }
    /* a NULL after a value on the same cached statement really binds NULL */
    ok(db_exec(c, "INSERT INTO kv (k, i) VALUES ($1, $2)", (db_param_t[]){DB_TEXT("nul"), DB_NULL}, 2, NULL, &err), &err,
       "null");
    int64_t v;
    bool found;
    ok(db_query_int(c, "SELECT i FROM kv WHERE k = $1", (db_param_t[]){DB_TEXT("nul")}, 1, &v, &found, &err), &err, "q");
    cr_assert_not(found);
}

static TH_UNUSED void case_rows_and_abandoned_queries(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    ok(db_exec(c, "INSERT INTO kv (k, i) VALUES ('a', 1), ('b', 2), ('c', 3)", NULL, 0, NULL, &err), &err, "ins");
    static const char Q[] = "SELECT k, i FROM kv ORDER BY k";
    db_res_t *res;
    ok(db_query(c, Q, NULL, 0, &res, &err), &err, "q");
    const char *want[] = {"a", "b", "c"};
    for (int i = 0; i < 3; i++) {
        cr_assert_eq(db_next(res, &err), 1);
        cr_assert_str_eq(db_text(res, 0), want[i]);
        cr_assert_eq(db_int(res, 1), i + 1);
    }
    cr_assert_eq(db_next(res, &err), 0);
    db_done(res);
    /* abandon after one row, then run it again from the start */
    ok(db_query(c, Q, NULL, 0, &res, &err), &err, "q2");
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), "a");
    db_done(res);
    ok(db_query(c, Q, NULL, 0, &res, &err), &err, "q3");
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_str_eq(db_text(res, 0), "a", "a re-run starts from the first row");
    db_done(res);
    /* a query with no rows */
    ok(db_query(c, "SELECT k FROM kv WHERE k = $1", (db_param_t[]){DB_TEXT("zz")}, 1, &res, &err), &err, "none");
    cr_assert_eq(db_next(res, &err), 0);
    db_done(res);
    db_done(NULL);
    /* two different queries open at once */
    db_res_t *r1, *r2;
    ok(db_query(c, "SELECT k FROM kv ORDER BY k", NULL, 0, &r1, &err), &err, "r1");
    ok(db_query(c, "SELECT k FROM kv ORDER BY k DESC", NULL, 0, &r2, &err), &err, "r2");
    cr_assert_eq(db_next(r1, &err), 1);
    cr_assert_eq(db_next(r2, &err), 1);
    cr_assert_str_eq(db_text(r1, 0), "a");
    cr_assert_str_eq(db_text(r2, 0), "c");
    db_done(r1);
    db_done(r2);
}

static TH_UNUSED void case_next_after_the_end_stays_at_the_end(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    ok(db_exec(c, "INSERT INTO kv (k) VALUES ('a')", NULL, 0, NULL, &err), &err, "ins");
    db_res_t *res;
    ok(db_query(c, "SELECT k FROM kv", NULL, 0, &res, &err), &err, "q");
    cr_assert_eq(db_next(res, &err), 1);
    cr_assert_eq(db_next(res, &err), 0);
    int again = db_next(res, &err);
    db_done(res);
    cr_assert_eq(again, 0, "db_next after the last row must keep saying 0 (no more rows), not start over (got %d)",
                 again);
}

/* db.h: a db_res_t is valid until db_done(); running the same statement text
 * again meanwhile (a lookup inside a row callback, a recursive walk) must not
 * disturb the first result. */
static TH_UNUSED void case_nested_queries_with_the_same_text(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    ok(db_exec(c, "INSERT INTO kv (k, i) VALUES ('a', 1), ('b', 2), ('c', 3)", NULL, 0, NULL, &err), &err, "ins");
    static const char Q[] = "SELECT i FROM kv ORDER BY i";
    db_res_t *outer, *inner;
    ok(db_query(c, Q, NULL, 0, &outer, &err), &err, "outer");
    int64_t seen[4] = {0};
    int n = 0, rc;
    while ((rc = db_next(outer, &err)) == 1 && n < 4) {
        seen[n++] = db_int(outer, 0);
        int irc = db_query(c, Q, NULL, 0, &inner, &err);
        if (irc == DB_OK) {
            while (db_next(inner, &err) == 1)
                ;
            db_done(inner);
        }
    }
    db_done(outer);
    cr_assert_eq(n, 3, "the outer loop saw %d rows (%lld %lld %lld %lld), want 1 2 3", n, (long long)seen[0],
                 (long long)seen[1], (long long)seen[2], (long long)seen[3]);
    cr_assert_eq(seen[0], 1);
    cr_assert_eq(seen[1], 2);
    cr_assert_eq(seen[2], 3);
}

typedef struct {
    db_t *db;
    db_conn_t *conn;
    int64_t rows;
    int rc;
} th_arg_t;

static TH_UNUSED void *other_thread(void *p)
{
    th_arg_t *a = p;
    db_err_t err = {0};
    a->conn = db_conn(a->db, &err);
    if (!a->conn) {
        a->rc = -100;
        return NULL;
    }
    a->rc = db_query_int(a->conn, "SELECT COUNT(*) FROM kv", NULL, 0, &a->rows, NULL, &err);
    if (a->rc == DB_OK)
        a->rc = db_exec(a->conn, "INSERT INTO kv (k) VALUES ('from-thread')", NULL, 0, NULL, &err);
    return NULL;
}

static TH_UNUSED void case_connection_per_thread(db_t *db)
{
    db_conn_t *c = conn_with_kv(db);
    db_err_t err = {0};
    cr_assert_eq(db_conn(db, &err), c, "the same thread gets the same connection");
    ok(db_exec(c, "INSERT INTO kv (k) VALUES ('main')", NULL, 0, NULL, &err), &err, "ins");
    th_arg_t a = {.db = db};
    pthread_t th;
    pthread_create(&th, NULL, other_thread, &a);
    pthread_join(th, NULL);
    cr_assert_eq(a.rc, DB_OK);
    cr_assert_not_null(a.conn);
    cr_assert_neq(a.conn, c, "another thread gets its own connection");
    cr_assert_eq(a.rows, 1, "it sees committed rows");
    cr_assert_eq(count_rows(c, "kv"), 2, "and we see its write");
}

#define STORE_CASE(suite, name)                                                                                        \
    Test(suite, name)                                                                                                  \
    {                                                                                                                  \
        db_t *db = store_open();                                                                                       \
        case_##name(db);                                                                                               \
        store_close(db);                                                                                               \
    }

#define STORE_CASES(suite)                                                                                             \
    STORE_CASE(suite, params_bound_by_name)                                                                            \
    STORE_CASE(suite, param_used_twice)                                                                                \
    STORE_CASE(suite, missing_param_is_an_error)                                                                       \
    STORE_CASE(suite, null_int_text_roundtrip)                                                                         \
    STORE_CASE(suite, unique_violation_is_conflict)                                                                    \
    STORE_CASE(suite, changes_are_counted)                                                                             \
    STORE_CASE(suite, transactions)                                                                                    \
    STORE_CASE(suite, query_int)                                                                                       \
    STORE_CASE(suite, sql_errors)                                                                                      \
    STORE_CASE(suite, statement_reuse)                                                                                 \
    STORE_CASE(suite, rows_and_abandoned_queries)                                                                      \
    STORE_CASE(suite, next_after_the_end_stays_at_the_end)                                                             \
    STORE_CASE(suite, nested_queries_with_the_same_text)                                                               \
    STORE_CASE(suite, connection_per_thread)

#endif
