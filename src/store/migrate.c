/* migrate.c - see migrate.h. */
#include "store/migrate.h"

#include "lib/clock.h"
#include "lib/embedded.h"
#include "lib/log.h"

#include <stdio.h>
#include <string.h>

static const char CREATE_TABLE_SQLITE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";
static const char CREATE_TABLE_PG[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

static const char SQL_HAS[] = "SELECT COUNT(*) FROM schema_migrations WHERE version = $1";
static const char SQL_RECORD[] = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";
static const char SQL_MAX[] = "SELECT MAX(version) FROM schema_migrations";
static const char SQL_HAS_TABLE_SQLITE[] =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
static const char SQL_HAS_TABLE_PG[] =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    " AND table_schema = current_schema()";
/* Serialises concurrent migrators on PostgreSQL (SQLite has BEGIN IMMEDIATE). */
static const char SQL_PG_LOCK[] = "SELECT pg_advisory_xact_lock(727241)";

static void set_of(const db_t *db, const embedded_migration_t **set, size_t *n)
{
    if (db_kind(db) == DB_SQLITE) {
        *set = migrations_sqlite;
        *n = migrations_sqlite_count;
    } else {
        *set = migrations_postgres;
        *n = migrations_postgres_count;
    }
}

int migrate_latest(const db_t *db)
{
    const embedded_migration_t *set;
    size_t n;
    set_of(db, &set, &n);
    return n ? set[n - 1].version : 0;
}

static int apply_one(db_conn_t *c, bool pg, const embedded_migration_t *m, bool *ran, db_err_t *err)
{
    *ran = false;
    int rc = db_begin(c, true, err);
    if (rc != DB_OK)
        return rc;
    int64_t have = 0;
    if (pg && (rc = db_exec(c, SQL_PG_LOCK, NULL, 0, NULL, err)) != DB_OK)
        goto fail;
    db_param_t v[] = {DB_INT(m->version)};
    if ((rc = db_query_int(c, SQL_HAS, v, 1, &have, NULL, err)) != DB_OK)
        goto fail;
    if (have) {
        db_rollback(c);
        return DB_OK;
    }
    if ((rc = db_exec_script(c, m->sql, err)) != DB_OK)
        goto fail;
    db_param_t rec[] = {DB_INT(m->version), DB_TEXT(m->name), DB_INT(clock_now_ms())};
    if ((rc = db_exec(c, SQL_RECORD, rec, 3, NULL, err)) != DB_OK)
        goto fail;
    if ((rc = db_commit(c, err)) != DB_OK)
        goto fail;
    *ran = true;
    return DB_OK;
fail:
    db_rollback(c);
    if (err) {
        char why[sizeof err->msg];
        memcpy(why, err->msg, sizeof why);
        why[sizeof why - 1] = '\0';
        snprintf(err->msg, sizeof err->msg, "migration %.40s: %.200s", m->name, why);
    }
    return rc;
}

int migrate_up(db_t *db, int *applied, db_err_t *err)
{
    if (applied)
        *applied = 0;
    db_conn_t *c = db_conn(db, err);
    if (!c)
        return err ? err->status : DB_ERROR;
    bool pg = db_kind(db) == DB_POSTGRES;
    /* Under the same lock as the migrations: nodes starting together must not
     * race to create the table (PostgreSQL's catalog would refuse the second). */
    int rc = db_begin(c, true, err);
    if (rc == DB_OK && pg)
        rc = db_exec(c, SQL_PG_LOCK, NULL, 0, NULL, err);
    if (rc == DB_OK)
        rc = db_exec_script(c, pg ? CREATE_TABLE_PG : CREATE_TABLE_SQLITE, err);
    if (rc == DB_OK)
        rc = db_commit(c, err);
    if (rc != DB_OK) {
        db_rollback(c);
        return rc;
    }
    const embedded_migration_t *set;
    size_t n;
    set_of(db, &set, &n);
    for (size_t i = 0; i < n; i++) {
        bool ran;
        rc = apply_one(c, pg, &set[i], &ran, err);
        if (rc != DB_OK)
            return rc;
        if (ran) {
            log_msgf(LOG_INFO, "applied migration %s", set[i].name);
            if (applied)
                (*applied)++;
        }
    }
    return DB_OK;
}

int migrate_current(db_t *db, int *version, db_err_t *err)
{
    *version = 0;
    db_conn_t *c = db_conn(db, err);
    if (!c)
        return err ? err->status : DB_ERROR;
    int64_t have = 0, v = 0;
    const char *probe = db_kind(db) == DB_POSTGRES ? SQL_HAS_TABLE_PG : SQL_HAS_TABLE_SQLITE;
    int rc = db_query_int(c, probe, NULL, 0, &have, NULL, err);
    if (rc != DB_OK || !have)
        return rc; /* no table yet: version 0 */
    rc = db_query_int(c, SQL_MAX, NULL, 0, &v, NULL, err);
    if (rc != DB_OK)
        return rc;
    *version = (int)v;
    return DB_OK;
}
