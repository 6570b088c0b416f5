/* test_regions_store.c - store/regions on SQLite: import from the CSV fixtures
 * in tests/unit/fixtures/, lookups, search, pagination, LIKE escaping
 * (PostgreSQL: test_store_postgres.c). */
#include "sqlite_db.h"

#include "regions_cases.h"

REGIONS_CASES(regions)
