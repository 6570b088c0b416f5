/* regions_cases.h - migrations and the reference-region store, engine
 * independent; run on SQLite (test_migrate.c, test_regions_store.c) and on
 * PostgreSQL (test_store_postgres.c).
 *
 * The including file defines store_open()/store_close() (a fresh, empty
 * database) before including this, then writes MIGRATE_CASES(suite) and
 * REGIONS_CASES(suite). */
#ifndef SATUPINTU_TESTS_REGIONS_CASES_H
#define SATUPINTU_TESTS_REGIONS_CASES_H

#include "helpers.h"
#include "lib/buf.h"
#include "lib/embedded.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/regions.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

static db_t *store_open(void);
static void store_close(db_t *db);

#define RC_OK(expr, err)                                                                                               \
    do {                                                                                                               \
        int rc_ = (expr);                                                                                              \
        cr_assert_eq(rc_, DB_OK, "%s: rc %d: %s", #expr, rc_, (err).msg);                                             \
    } while (0)

static TH_UNUSED size_t known_migrations(db_t *db)
{
    return db_kind(db) == DB_SQLITE ? migrations_sqlite_count : migrations_postgres_count;
}

static TH_UNUSED int64_t rc_count(db_t *db, const char *sql)
{
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    cr_assert_not_null(c);
    int64_t n = -1;
    RC_OK(db_query_int(c, sql, NULL, 0, &n, NULL, &err), err);
    return n;
}

/* ---- migrations --------------------------------------------------------------- */

static TH_UNUSED void case_migrate_fresh_database_is_at_version_0(db_t *db)
{
    db_err_t err = {0};
    int v = -1;
    int rc = migrate_current(db, &v, &err);
    cr_assert_eq(rc, DB_OK, "migrate_current on a database without schema_migrations must give 0, not an error "
                            "(rc %d: %s)", rc, err.msg);
    cr_assert_eq(v, 0);
}

static TH_UNUSED void case_migrate_up_twice(db_t *db)
{
    db_err_t err = {0};
    cr_assert_gt(migrate_latest(db), 0);
    int applied = -1;
    RC_OK(migrate_up(db, &applied, &err), err);
    cr_assert_eq(applied, (int)known_migrations(db), "first run applies every migration");
    int v = -1;
    RC_OK(migrate_current(db, &v, &err), err);
    cr_assert_eq(v, migrate_latest(db));
    applied = -1;
    RC_OK(migrate_up(db, &applied, &err), err);
    cr_assert_eq(applied, 0, "second run applies nothing");
    RC_OK(migrate_current(db, &v, &err), err);
    cr_assert_eq(v, migrate_latest(db));
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM schema_migrations"), (int64_t)known_migrations(db));
    RC_OK(migrate_up(db, NULL, &err), err); /* applied may be NULL */
    /* the tables of 0001 exist and are empty */
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions"), 0);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM meta"), 0);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM users"), 0);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM grants"), 0);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM agencies"), 0);
}

static TH_UNUSED void case_migrate_records_names_and_times(db_t *db)
{
    db_err_t err = {0};
    int64_t before = (int64_t)time(NULL) * 1000 - 5000;
    RC_OK(migrate_up(db, NULL, &err), err);
    db_conn_t *c = db_conn(db, &err);
    db_res_t *res;
    RC_OK(db_query(c, "SELECT version, name, applied_at FROM schema_migrations ORDER BY version", NULL, 0, &res, &err),
          err);
    const embedded_migration_t *set = db_kind(db) == DB_SQLITE ? migrations_sqlite : migrations_postgres;
    for (size_t i = 0; i < known_migrations(db); i++) {
        cr_assert_eq(db_next(res, &err), 1);
        cr_assert_eq(db_int(res, 0), set[i].version);
        cr_assert_str_eq(db_text(res, 1), set[i].name);
        cr_assert_geq(db_int(res, 2), before, "applied_at is epoch milliseconds");
    }
    cr_assert_eq(db_next(res, &err), 0);
    db_done(res);
}

typedef struct {
    db_t *db;
    int applied;
    int rc;
    char msg[256];
} mig_arg_t;

static TH_UNUSED void *migrate_thread(void *p)
{
    mig_arg_t *a = p;
    db_err_t err = {0};
    a->rc = migrate_up(a->db, &a->applied, &err);
    memcpy(a->msg, err.msg, sizeof a->msg);
    return NULL;
}

/* Several nodes starting at once all run migrate_up: every one must succeed
 * and each migration must run exactly once. Races are timing-dependent, so a
 * few rounds on fresh databases. */
static TH_UNUSED void migrate_concurrently_rounds(void)
{
    enum { ROUNDS = 6, THREADS = 4 };
    for (int round = 0; round < ROUNDS; round++) {
        db_t *db = store_open();
        mig_arg_t a[THREADS];
        pthread_t th[THREADS];
        for (int i = 0; i < THREADS; i++) {
            a[i] = (mig_arg_t){.db = db};
            pthread_create(&th[i], NULL, migrate_thread, &a[i]);
        }
        int total = 0;
        for (int i = 0; i < THREADS; i++)
            pthread_join(th[i], NULL);
        for (int i = 0; i < THREADS; i++) {
            cr_assert_eq(a[i].rc, DB_OK, "round %d, migrator %d: %s", round, i, a[i].msg);
            total += a[i].applied;
        }
        cr_assert_eq(total, (int)known_migrations(db), "each migration applied exactly once");
        cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM schema_migrations"), (int64_t)known_migrations(db));
        store_close(db);
    }
}

#define MIGRATE_CASE(suite, name)                                                                                      \
    Test(suite, name)                                                                                                  \
    {                                                                                                                  \
        db_t *db = store_open();                                                                                       \
        case_##name(db);                                                                                               \
        store_close(db);                                                                                               \
    }

#define MIGRATE_CASES(suite)                                                                                           \
    MIGRATE_CASE(suite, migrate_fresh_database_is_at_version_0)                                                        \
    MIGRATE_CASE(suite, migrate_up_twice)                                                                              \
    MIGRATE_CASE(suite, migrate_records_names_and_times)                                                               \
    Test(suite, migrate_concurrently) { migrate_concurrently_rounds(); }

/* ---- regions -------------------------------------------------------------------- */

/* The fixture: 3 provinces, 4 regencies, 5 districts, 10 villages. */
#define FIX_P 3
#define FIX_R 4
#define FIX_D 5
#define FIX_V 10
#define FIX_ALL (FIX_P + FIX_R + FIX_D + FIX_V)

typedef struct {
    int n;
    char code[64][16];
    char name[64][64];
    char parent[64][16]; /* "" for NULL */
    int level[64];
    int stop_after; /* 0: never */
} seen_t;

static TH_UNUSED int collect_fn(void *ctx, const region_t *r)
{
    seen_t *s = ctx;
    cr_assert_lt(s->n, 64);
    snprintf(s->code[s->n], sizeof s->code[0], "%s", r->code);
    snprintf(s->name[s->n], sizeof s->name[0], "%s", r->name);
    snprintf(s->parent[s->n], sizeof s->parent[0], "%s", r->parent_code ? r->parent_code : "");
    s->level[s->n] = r->level;
    s->n++;
    return s->stop_after && s->n >= s->stop_after ? 77 : 0;
}

static TH_UNUSED db_conn_t *migrated(db_t *db)
{
    db_err_t err = {0};
    RC_OK(migrate_up(db, NULL, &err), err);
    db_conn_t *c = db_conn(db, &err);
    cr_assert_not_null(c);
    return c;
}

static TH_UNUSED region_import_stats_t import_fixture(db_t *db, const char *fixture)
{
    char dir[PATH_MAX];
    th_fixture(fixture, dir, sizeof dir);
    region_import_stats_t st;
    db_err_t err = {0};
    RC_OK(regions_import(db, dir, &st, &err), err);
    return st;
}

static TH_UNUSED int64_t version_of(db_conn_t *c)
{
    int64_t v = -1;
    db_err_t err = {0};
    RC_OK(regions_version(c, &v, &err), err);
    return v;
}

static TH_UNUSED void get_one(db_conn_t *c, const char *code, seen_t *s)
{
    memset(s, 0, sizeof *s);
    db_err_t err = {0};
    int rc = regions_get(c, code, collect_fn, s, &err);
    cr_assert_eq(rc, 1, "regions_get(%s) = %d (%s)", code, rc, err.msg);
    cr_assert_eq(s->n, 1);
}

static TH_UNUSED void search(db_conn_t *c, const char *q, int level, int after_level, const char *after_code, int limit, seen_t *s)
{
    memset(s, 0, sizeof *s);
    db_err_t err = {0};
    RC_OK(regions_search(c, q, level, after_level, after_code, limit, collect_fn, s, &err), err);
}

static TH_UNUSED void case_regions_import_and_reimport(db_t *db)
{
    db_conn_t *c = migrated(db);
    cr_assert_eq(version_of(c), 0, "no version before any import");
    region_import_stats_t st = import_fixture(db, "regions");
    cr_assert_eq(st.rows[1], FIX_P);
    cr_assert_eq(st.rows[2], FIX_R);
    cr_assert_eq(st.rows[3], FIX_D);
    cr_assert_eq(st.rows[4], FIX_V);
    cr_assert_eq(st.changed, FIX_ALL);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions"), FIX_ALL);
    int64_t v1 = version_of(c);
    cr_assert_gt(v1, 0, "an import that changed rows sets the version");

    region_import_stats_t again = import_fixture(db, "regions");
    cr_assert_eq(again.changed, 0, "the same data again changes nothing");
    cr_assert_eq(again.rows[4], FIX_V, "rows are still read and counted");
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions"), FIX_ALL);
    cr_assert_eq(version_of(c), v1, "an import without changes keeps the version");
}

static TH_UNUSED void case_regions_get_children_provinces(db_t *db)
{
    db_conn_t *c = migrated(db);
    import_fixture(db, "regions");
    db_err_t err = {0};
    seen_t s;
    get_one(c, "32.11.01.2002", &s);
    cr_assert_str_eq(s.name[0], "Lubuk Pakam I,II", "quoted name with a comma");
    cr_assert_str_eq(s.parent[0], "32.11.01");
    cr_assert_eq(s.level[0], 4);
    get_one(c, "32.11.02.2001", &s);
    cr_assert_str_eq(s.name[0], "Soka\"an", "doubled quotes");
    get_one(c, "32", &s);
    cr_assert_str_eq(s.name[0], "Jawa Barat");
    cr_assert_str_eq(s.parent[0], "", "a province has no parent");
    cr_assert_eq(s.level[0], 1);
    get_one(c, "32.73", &s);
    cr_assert_str_eq(s.name[0], "Kota Bandung");
    cr_assert_eq(s.level[0], 2);
    memset(&s, 0, sizeof s);
    cr_assert_eq(regions_get(c, "32.99", collect_fn, &s, &err), 0);
    cr_assert_eq(s.n, 0);
    cr_assert_eq(regions_get(c, "", collect_fn, &s, &err), 0);

    memset(&s, 0, sizeof s);
    RC_OK(regions_children(c, "32.11", collect_fn, &s, &err), err);
    cr_assert_eq(s.n, 2);
    cr_assert_str_eq(s.code[0], "32.11.01");
    cr_assert_str_eq(s.code[1], "32.11.02");
    memset(&s, 0, sizeof s);
    RC_OK(regions_children(c, "32.11.01", collect_fn, &s, &err), err);
    cr_assert_eq(s.n, 3);
    cr_assert_str_eq(s.code[0], "32.11.01.2001");
    cr_assert_str_eq(s.code[2], "32.11.01.2003");
    for (int i = 0; i < 3; i++) {
        cr_assert_str_eq(s.parent[i], "32.11.01");
        cr_assert_eq(s.level[i], 4);
    }
    memset(&s, 0, sizeof s);
    RC_OK(regions_children(c, "32.11.01.2001", collect_fn, &s, &err), err);
    cr_assert_eq(s.n, 0, "villages have no children");

    memset(&s, 0, sizeof s);
    RC_OK(regions_provinces(c, collect_fn, &s, &err), err);
    cr_assert_eq(s.n, FIX_P);
    cr_assert_str_eq(s.code[0], "11");
    cr_assert_str_eq(s.code[1], "32");
    cr_assert_str_eq(s.code[2], "94");
    cr_assert_str_eq(s.name[0], "Aceh");
}

static TH_UNUSED void case_regions_callback_can_stop(db_t *db)
{
    db_conn_t *c = migrated(db);
    import_fixture(db, "regions");
    db_err_t err = {0};
    seen_t s;
    memset(&s, 0, sizeof s);
    s.stop_after = 2;
    cr_assert_eq(regions_provinces(c, collect_fn, &s, &err), 77, "the callback's value comes back");
    cr_assert_eq(s.n, 2);
    memset(&s, 0, sizeof s);
    s.stop_after = 1;
    cr_assert_eq(regions_search(c, "", 0, 0, NULL, 100, collect_fn, &s, &err), 77);
    cr_assert_eq(s.n, 1);
    /* the connection is not left in the middle of a query */
    memset(&s, 0, sizeof s);
    RC_OK(regions_provinces(c, collect_fn, &s, &err), err);
    cr_assert_eq(s.n, FIX_P);
}

static TH_UNUSED void case_regions_search_case_and_level(db_t *db)
{
    db_conn_t *c = migrated(db);
    import_fixture(db, "regions");
    seen_t s;
    search(c, "bandung", 0, 0, NULL, 50, &s);
    cr_assert_eq(s.n, 1);
    cr_assert_str_eq(s.code[0], "32.73");
    search(c, "BANDUNG", 0, 0, "", 50, &s);
    cr_assert_eq(s.n, 1, "case-insensitive");
    search(c, "kOtA", 0, 0, NULL, 50, &s);
    cr_assert_eq(s.n, 2);
    cr_assert_str_eq(s.code[0], "32.73");
    cr_assert_str_eq(s.code[1], "94.71");
    search(c, "an", 4, 0, NULL, 50, &s); /* villages only */
    for (int i = 0; i < s.n; i++)
        cr_assert_eq(s.level[i], 4);
    cr_assert_geq(s.n, 3);
    search(c, "a", 1, 0, NULL, 50, &s);
    cr_assert_eq(s.n, FIX_P);
    search(c, "no such place", 0, 0, NULL, 50, &s);
    cr_assert_eq(s.n, 0);
    search(c, "pakam i,ii", 0, 0, NULL, 50, &s);
    cr_assert_eq(s.n, 1);
    search(c, "soka\"an", 0, 0, NULL, 50, &s);
    cr_assert_eq(s.n, 1);
    search(c, "", 0, 0, NULL, 5, &s);
    cr_assert_eq(s.n, 5, "limit");
}

static TH_UNUSED void case_regions_search_escapes_like(db_t *db)
{
    db_conn_t *c = migrated(db);
    import_fixture(db, "regions");
    seen_t s;
    search(c, "%", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 1, "'%%' must match only names containing '%%', matched %d", s.n);
    cr_assert_str_eq(s.name[0], "Desa 100% Mandiri");
    search(c, "_", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 1, "'_' must match only names containing '_', matched %d", s.n);
    cr_assert_str_eq(s.name[0], "Desa_Garis");
    search(c, "0%", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 1);
    search(c, "a%", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 0, "'a%%' is literal");
    search(c, "\\", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 0);
    search(c, "\\%", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 0);
    search(c, "%%", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 0);
    search(c, "desa_", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 1, "'desa_' must not match 'desa ' (matched %d)", s.n);
    search(c, "'; DROP TABLE regions; --", 0, 0, NULL, 100, &s);
    cr_assert_eq(s.n, 0);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions"), FIX_ALL);
}

static TH_UNUSED void case_regions_search_pagination(db_t *db)
{
    db_conn_t *c = migrated(db);
    import_fixture(db, "regions");
    seen_t all;
    search(c, "", 0, 0, NULL, 1000, &all);
    cr_assert_eq(all.n, FIX_ALL);
    for (int i = 1; i < all.n; i++) {
        bool ordered = all.level[i - 1] < all.level[i] ||
                       (all.level[i - 1] == all.level[i] && strcmp(all.code[i - 1], all.code[i]) < 0);
        cr_assert(ordered, "row %d (%d %s) after (%d %s)", i, all.level[i], all.code[i], all.level[i - 1],
                  all.code[i - 1]);
    }
    for (int limit = 1; limit <= 7; limit += 3) {
        int got = 0, pages = 0;
        int after_level = 0;
        char after_code[16] = "";
        for (;;) {
            seen_t page;
            search(c, "", 0, after_level, after_code, limit, &page);
            cr_assert_leq(page.n, limit);
            for (int i = 0; i < page.n; i++, got++) {
                cr_assert_lt(got, all.n, "more rows than exist");
                cr_assert_str_eq(page.code[i], all.code[got], "limit %d: row %d", limit, got);
            }
            pages++;
            if (page.n < limit)
                break;
            after_level = page.level[page.n - 1];
            snprintf(after_code, sizeof after_code, "%s", page.code[page.n - 1]);
        }
        cr_assert_eq(got, all.n, "limit %d: pages cover every row exactly once", limit);
        cr_assert_eq(pages, all.n / limit + 1);
    }
    /* a filtered search pages the same way */
    seen_t p1, p2;
    search(c, "a", 4, 0, NULL, 3, &p1);
    cr_assert_eq(p1.n, 3);
    search(c, "a", 4, p1.level[2], p1.code[2], 3, &p2);
    for (int i = 0; i < p2.n; i++)
        cr_assert_gt(strcmp(p2.code[i], p1.code[2]), 0);
    /* after the last row: nothing */
    seen_t end;
    search(c, "", 0, 4, "94.71.01.1001", 10, &end);
    cr_assert_eq(end.n, 0);
}

static TH_UNUSED void case_regions_changed_name_updates(db_t *db)
{
    db_conn_t *c = migrated(db);
    char dir[PATH_MAX];
    th_tmpdir(dir, sizeof dir);
    th_copy_fixture("regions", dir);
    db_err_t err = {0};
    region_import_stats_t st;
    RC_OK(regions_import(db, dir, &st, &err), err);
    int64_t v1 = version_of(c);
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL);
    /* rename one village, CRLF line ends this time */
    th_write(dir, "villages.csv",
             "code,district_code,name\r\n"
             "11.01.01.2001,11.01.01,Keude Bakongan\r\n"
             "32.11.01.2001,32.11.01,Cibeusi\r\n"
             "32.11.01.2002,32.11.01,\"Lubuk Pakam I,II\"\r\n"
             "32.11.01.2003,32.11.01,Cikeruh Baru\r\n"
             "32.11.02.2001,32.11.02,\"Soka\"\"an\"\r\n"
             "32.11.02.2002,32.11.02,Desa 100% Mandiri\r\n"
             "32.11.02.2003,32.11.02,Desa_Garis\r\n"
             "32.73.01.1001,32.73.01,Gegerkalong\r\n"
             "32.73.01.1002,32.73.01,Sarijadi\r\n"
             "94.71.01.1001,94.71.01,Asano\r\n");
    RC_OK(regions_import(db, dir, &st, &err), err);
    cr_assert_eq(st.changed, 1, "one renamed village, changed %lld", (long long)st.changed);
    cr_assert_neq(version_of(c), v1, "the version moves when data changes");
    seen_t s;
    get_one(c, "32.11.01.2003", &s);
    cr_assert_str_eq(s.name[0], "Cikeruh Baru");
    search(c, "cikeruh baru", 0, 0, NULL, 10, &s);
    cr_assert_eq(s.n, 1, "the search name follows the new name");
    th_rmtree(dir);
}

static TH_UNUSED void expect_import_failure(db_t *db, const char *dir, const char *want_in_msg)
{
    db_err_t err = {0};
    region_import_stats_t st;
    int rc = regions_import(db, dir, &st, &err);
    cr_assert_lt(rc, 0, "import of %s must fail", dir);
    cr_assert_eq(err.status, rc);
    if (want_in_msg)
        cr_assert_not_null(strstr(err.msg, want_in_msg), "message '%s' should mention '%s'", err.msg, want_in_msg);
}

static TH_UNUSED void case_regions_broken_fixture_writes_nothing(db_t *db)
{
    db_conn_t *c = migrated(db);
    char dir[PATH_MAX];
    th_fixture("regions-broken", dir, sizeof dir);
    expect_import_failure(db, dir, "villages.csv:4");
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions"), 0, "provinces to districts were rolled back too");
    cr_assert_eq(version_of(c), 0);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM meta"), 0);
}

static TH_UNUSED void case_regions_broken_after_good_keeps_old_data(db_t *db)
{
    db_conn_t *c = migrated(db);
    import_fixture(db, "regions");
    int64_t v1 = version_of(c);
    char dir[PATH_MAX];
    th_fixture("regions-broken", dir, sizeof dir);
    expect_import_failure(db, dir, "villages.csv");
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions"), FIX_ALL);
    cr_assert_eq(version_of(c), v1);
    seen_t s;
    get_one(c, "32.11.02.2001", &s);
    cr_assert_str_eq(s.name[0], "Soka\"an", "the good row was not overwritten");
}

static TH_UNUSED void case_regions_import_errors(db_t *db)
{
    migrated(db);
    char dir[PATH_MAX];
    th_tmpdir(dir, sizeof dir);
    /* missing folder / files */
    expect_import_failure(db, "/nonexistent/satupintu/regions", "provinces.csv");
    th_copy_fixture("regions", dir);

    /* wrong header */
    th_write(dir, "regencies.csv", "code,parent,name\n32.11,32,Kabupaten Sumedang\n");
    expect_import_failure(db, dir, "regencies.csv");
    th_copy_fixture("regions", dir);

    /* a row with a missing field */
    th_write(dir, "districts.csv", "code,regency_code,name\n32.11.01,32.11\n");
    expect_import_failure(db, dir, "districts.csv:2");
    th_copy_fixture("regions", dir);

    /* a malformed code */
    th_write(dir, "provinces.csv", "code,name\n11,Aceh\n3X,Jawa Barat\n");
    expect_import_failure(db, dir, "provinces.csv:3");
    th_copy_fixture("regions", dir);

    /* a code at the wrong level for its file */
    th_write(dir, "regencies.csv", "code,province_code,name\n32.11.01,32,Wrong Level\n");
    expect_import_failure(db, dir, "regencies.csv:2");
    th_copy_fixture("regions", dir);

    /* a well-formed village whose district is not in districts.csv */
    th_write(dir, "villages.csv", "code,district_code,name\n32.11.09.2001,32.11.09,Orphan\n");
    expect_import_failure(db, dir, NULL);
    th_copy_fixture("regions", dir);

    /* an empty name, a name that is not UTF-8, an unterminated quote */
    th_write(dir, "villages.csv", "code,district_code,name\n32.11.01.2001,32.11.01,\n");
    expect_import_failure(db, dir, "villages.csv:2");
    th_write(dir, "villages.csv", "code,district_code,name\n32.11.01.2001,32.11.01,Bad \xff name\n");
    expect_import_failure(db, dir, "villages.csv:2");
    th_write(dir, "villages.csv", "code,district_code,name\n32.11.01.2001,32.11.01,\"Open\n");
    expect_import_failure(db, dir, "villages.csv");

    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions"), 0, "no failed import wrote anything");

    /* and the good data still imports */
    th_copy_fixture("regions", dir);
    db_err_t err = {0};
    region_import_stats_t st;
    RC_OK(regions_import(db, dir, &st, &err), err);
    cr_assert_eq(st.changed, FIX_ALL);
    th_rmtree(dir);
}

static TH_UNUSED void case_regions_import_many_rows(db_t *db)
{
    /* more rows than one insert batch holds */
    db_conn_t *c = migrated(db);
    char dir[PATH_MAX];
    th_tmpdir(dir, sizeof dir);
    th_copy_fixture("regions", dir);
    buf_t v = BUF_INIT;
    buf_puts(&v, "code,district_code,name\n");
    for (int i = 1; i <= 250; i++)
        buf_printf(&v, "32.11.01.%04d,32.11.01,Desa Nomor %d\n", 2000 + i, i);
    th_write(dir, "villages.csv", v.data);
    buf_free(&v);
    db_err_t err = {0};
    region_import_stats_t st;
    RC_OK(regions_import(db, dir, &st, &err), err);
    cr_assert_eq(st.rows[4], 250);
    cr_assert_eq(st.changed, FIX_P + FIX_R + FIX_D + 250);
    cr_assert_eq(rc_count(db, "SELECT COUNT(*) FROM regions WHERE level = 4"), 250);
    seen_t s;
    get_one(c, "32.11.01.2250", &s);
    cr_assert_str_eq(s.name[0], "Desa Nomor 250");
    RC_OK(regions_import(db, dir, &st, &err), err);
    cr_assert_eq(st.changed, 0);
    th_rmtree(dir);
}

#define REGIONS_CASE(suite, name) MIGRATE_CASE(suite, name)

#define REGIONS_CASES(suite)                                                                                           \
    REGIONS_CASE(suite, regions_import_and_reimport)                                                                   \
    REGIONS_CASE(suite, regions_get_children_provinces)                                                                \
    REGIONS_CASE(suite, regions_callback_can_stop)                                                                     \
    REGIONS_CASE(suite, regions_search_case_and_level)                                                                 \
    REGIONS_CASE(suite, regions_search_escapes_like)                                                                   \
    REGIONS_CASE(suite, regions_search_pagination)                                                                     \
    REGIONS_CASE(suite, regions_changed_name_updates)                                                                  \
    REGIONS_CASE(suite, regions_broken_fixture_writes_nothing)                                                         \
    REGIONS_CASE(suite, regions_broken_after_good_keeps_old_data)                                                      \
    REGIONS_CASE(suite, regions_import_errors)                                                                         \
    REGIONS_CASE(suite, regions_import_many_rows)

#endif
