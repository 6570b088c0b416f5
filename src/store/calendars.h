/* calendars.h - each region's working calendar, stored as its JSON document
 * with an optimistic version. */
#ifndef SATUPINTU_STORE_CALENDARS_H
#define SATUPINTU_STORE_CALENDARS_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

/* The stored document of region_code: 1 found (*doc in the arena), 0 none. */
int calendars_get(db_conn_t *c, arena_t *a, const char *region_code, const char **doc, int64_t *version,
                  int64_t *updated_at, db_err_t *err);

/* Stores doc when the stored version is expected_version (0: none stored yet);
 * *changed is false when it was stale. The new version is expected_version + 1;
 * updated_at becomes now_ms. */
int calendars_put(db_conn_t *c, const char *region_code, const char *doc, int64_t expected_version,
                  int64_t user_id, int64_t now_ms, bool *changed, db_err_t *err);

#endif
