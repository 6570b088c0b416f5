/* test_migrate.c - store/migrate on SQLite (PostgreSQL: test_store_postgres.c). */
#include "sqlite_db.h"

#include "regions_cases.h"

MIGRATE_CASES(migrate)
