/* sessions.h - login sessions, API tokens and failed-login counters. Secrets
 * are stored only as hashes: the caller passes SHA-256 hex of the token. */
#ifndef SATUPINTU_STORE_SESSIONS_H
#define SATUPINTU_STORE_SESSIONS_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    int64_t id, user_id;
    const char *csrf_token;
    int64_t created_at, last_seen_at, expires_at;
} session_t;

/* Creates a session; *id gets its id. */
int sessions_create(db_conn_t *c, const char *token_hash, int64_t user_id, const char *csrf, int64_t expires_at,
                    int64_t *id, db_err_t *err);

/* Finds a session by token hash: 1 found, 0 not. */
int sessions_find(db_conn_t *c, arena_t *a, const char *token_hash, session_t *out, db_err_t *err);

/* Records activity now. */
int sessions_touch(db_conn_t *c, int64_t id, db_err_t *err);

/* Ends one session / every session of a user. */
int sessions_delete(db_conn_t *c, int64_t id, db_err_t *err);
int sessions_delete_user(db_conn_t *c, int64_t user_id, db_err_t *err);

typedef struct {
    int64_t id;
    const char *name, *roles, *region_code;
    int64_t created_by, created_at, last_used_at, revoked_at;
} api_token_t;

/* Creates an API token record; *id gets its id. */
int tokens_create(db_conn_t *c, const char *name, const char *token_hash, const char *roles, const char *region_code,
                  int64_t created_by, int64_t *id, db_err_t *err);

/* A token that is not revoked, by hash: 1 found, 0 not. */
int tokens_find(db_conn_t *c, arena_t *a, const char *token_hash, api_token_t *out, db_err_t *err);

/* One token by id: 1 found, 0 not. */
int tokens_get(db_conn_t *c, arena_t *a, int64_t id, api_token_t *out, db_err_t *err);

/* The tokens of region_code and below (NULL: all) with ids below before_id
 * (0: from the newest), newest first, at most max; strings copied into a. */
int tokens_list(db_conn_t *c, arena_t *a, const char *region_code, int64_t before_id, api_token_t *rows, int max,
                int *n, db_err_t *err);

/* Marks a token revoked; *changed false when it was revoked already. */
int tokens_revoke(db_conn_t *c, int64_t id, bool *changed, db_err_t *err);

/* Records a use now. */
int tokens_touch(db_conn_t *c, int64_t id, db_err_t *err);

/* Failed attempts for key within the window that started at *window_start (0, 0 when none). */
int throttle_get(db_conn_t *c, const char *key, int64_t *failures, int64_t *window_start, db_err_t *err);

/* Counts one more failure for key; a window older than window_ms starts again. */
int throttle_fail(db_conn_t *c, const char *key, int64_t window_ms, db_err_t *err);

/* Forgets the failures of key (after a successful login). */
int throttle_clear(db_conn_t *c, const char *key, db_err_t *err);

#endif
