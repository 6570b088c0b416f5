/* migrate.h - versioned schema migrations compiled into the binary, one set
 * per dialect, recorded in schema_migrations. */
#ifndef SATUPINTU_STORE_MIGRATE_H
#define SATUPINTU_STORE_MIGRATE_H

#include "store/db.h"

/* Applies every migration not yet recorded, each in its own transaction;
 * *applied (may be NULL) gets how many ran. Running it twice changes nothing. */
int migrate_up(db_t *db, int *applied, db_err_t *err);

/* The newest version this binary knows for db's dialect. */
int migrate_latest(const db_t *db);

/* The newest version recorded in db (0 when none or no table); DB errors returned. */
int migrate_current(db_t *db, int *version, db_err_t *err);

#endif
