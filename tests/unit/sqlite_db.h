/* sqlite_db.h - store_open()/store_close() for the SQLite-backed suites: a
 * fresh database file in its own temp folder per test. */
#ifndef SATUPINTU_TESTS_SQLITE_DB_H
#define SATUPINTU_TESTS_SQLITE_DB_H

#include "helpers.h"
#include "store/db.h"

static char sqlite_dir[PATH_MAX];

static db_t *store_open(void)
{
    th_tmpdir(sqlite_dir, sizeof sqlite_dir);
    char url[PATH_MAX + 16];
    snprintf(url, sizeof url, "sqlite:%s/test.db", sqlite_dir);
    db_t *db = NULL;
    db_err_t err = {0};
    cr_assert_eq(db_open(url, &db, &err), DB_OK, "db_open %s: %s", url, err.msg);
    return db;
}

static void store_close(db_t *db)
{
    db_close(db);
    th_rmtree(sqlite_dir);
}

#endif
