/* users.h - staff accounts, their role grants, and agencies. */
#ifndef SATUPINTU_STORE_USERS_H
#define SATUPINTU_STORE_USERS_H

#include "store/db.h"

#include <stdint.h>

/* Creates a user with one grant (role in region, region may be NULL) in one
 * transaction. DB_CONFLICT when the username is taken. */
int users_add(db_t *db, const char *username, const char *name, const char *password_hash, const char *role,
              const char *region_code, int64_t *id, db_err_t *err);

/* Replaces a user's password hash; *found tells whether the user exists. */
int users_set_password(db_t *db, const char *username, const char *password_hash, bool *found, db_err_t *err);

typedef struct {
    int64_t id;
    const char *username;
    const char *name;
    const char *role;        /* one grant per row; NULL when the user has none */
    const char *region_code; /* the grant's region, NULL for platform-wide */
    int64_t created_at;
    int disabled;
} user_row_t;

/* Calls fn once per user and grant, ordered by username; strings valid during the call. */
int users_list(db_t *db, int (*fn)(void *ctx, const user_row_t *u), void *ctx, db_err_t *err);

/* Adds an agency to a region unless one of that name exists there; *created tells which. */
int agencies_ensure(db_conn_t *c, const char *region_code, const char *kind, const char *name,
                    const char *short_name, bool *created, db_err_t *err);

#endif
