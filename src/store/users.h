/* users.h - accounts (staff and citizens), their role grants, and agencies.
 * Personal fields arrive already sealed (api/ encrypts with the keyring):
 * the store never sees a NIK, phone or e-mail in clear. Results are copied
 * into the caller's arena. */
#ifndef SATUPINTU_STORE_USERS_H
#define SATUPINTU_STORE_USERS_H

#include "lib/arena.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    const char *enc;    /* AEAD ciphertext (keyring_seal) */
    const char *bidx;   /* blind index (keyring_blind_index) */
    const char *masked; /* what lists show */
} sealed_t;

typedef struct {
    int64_t id;
    const char *kind; /* "staff" | "citizen" */
    const char *username, *name, *password_hash, *region_code;
    sealed_t nik, email, phone;
    int disabled;
    int64_t version, created_at, updated_at;
} user_t;

typedef struct {
    int64_t id;
    int64_t user_id;
    const char *role;
    const char *region_code; /* NULL: everywhere (platform_admin) */
    int64_t agency_id;       /* 0: none */
} grant_t;

/* Creates a user; *id gets its id. DB_CONFLICT when the username, NIK,
 * e-mail or phone is taken (users_taken tells which). Inside the caller's transaction. */
int users_insert(db_conn_t *c, const user_t *u, int64_t *id, db_err_t *err);

/* Which unique field of u is taken already: "username", "nik", "email", "phone" or NULL. */
int users_taken(db_conn_t *c, const user_t *u, const char **field, db_err_t *err);

/* Loads one user by id / username / blind index of a personal field
 * ("nik", "email", "phone"). Returns 1 found, 0 not, or a DB error. */
int users_get(db_conn_t *c, arena_t *a, int64_t id, user_t *out, db_err_t *err);
int users_by_username(db_conn_t *c, arena_t *a, const char *username, user_t *out, db_err_t *err);
int users_by_index(db_conn_t *c, arena_t *a, const char *field, const char *bidx, user_t *out, db_err_t *err);

/* Updates name (NULL: keep) and disabled (-1: keep) when version matches;
 * *changed is false when the version was stale or the user is gone. */
int users_update(db_conn_t *c, int64_t id, const char *name, int disabled, int64_t version, bool *changed,
                 db_err_t *err);

/* Replaces the password hash. */
int users_set_password_id(db_conn_t *c, int64_t id, const char *password_hash, db_err_t *err);

/* Users of kind ("staff"/"citizen") holding a grant in region_code or below
 * (NULL: all), optionally only role, whose name or username contains q
 * (NULL: any), with ids below before_id (0: from the newest); newest first, at
 * most limit; strings copied into a. */
int users_list_region(db_conn_t *c, arena_t *a, const char *region_code, const char *role, const char *q,
                      const char *kind, int64_t before_id, int limit, user_t *rows, int *n, db_err_t *err);

/* The grants of a user (at most max). */
int grants_of(db_conn_t *c, arena_t *a, int64_t user_id, grant_t *rows, int max, int *n, db_err_t *err);

/* Adds a grant; DB_CONFLICT when the same grant exists. */
int grants_insert(db_conn_t *c, int64_t user_id, const char *role, const char *region_code, int64_t agency_id,
                  int64_t *id, db_err_t *err);

/* Loads one grant of a user: 1 found, 0 not. */
int grants_get(db_conn_t *c, arena_t *a, int64_t user_id, int64_t grant_id, grant_t *out, db_err_t *err);

/* Removes a grant; *removed tells whether it existed. */
int grants_delete(db_conn_t *c, int64_t user_id, int64_t grant_id, bool *removed, db_err_t *err);

/* ---- the command line's simple paths (own transaction each, audited) -------- */

/* The audit trail's actor for changes made from the shell. */
#define CLI_ACTOR "satupintu-cli"

/* Creates a staff user with one grant (region may be NULL) in one transaction. */
int users_add(db_t *db, const char *username, const char *name, const char *password_hash, const char *role,
              const char *region_code, int64_t *id, db_err_t *err);

/* Replaces a user's password hash by username; *found tells whether the user exists. */
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

/* Calls fn once per staff user and grant, ordered by username; strings valid during the call. */
int users_list(db_t *db, int (*fn)(void *ctx, const user_row_t *u), void *ctx, db_err_t *err);

#endif
