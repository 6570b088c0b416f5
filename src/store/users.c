/* users.c - SQL for users, grants and agencies. */
#include "store/users.h"

#include "lib/clock.h"
#include "lib/uuid.h"

static const char SQL_USER_ADD[] =
    "INSERT INTO users (username, name, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)"
    " RETURNING id";
static const char SQL_GRANT_ADD[] =
    "INSERT INTO grants (user_id, role, region_code, created_at) VALUES ($1, $2, $3, $4)";
static const char SQL_PASSWD[] = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE username = $1";
static const char SQL_LIST[] =
    "SELECT u.id, u.username, u.name, u.created_at, u.disabled, g.role, g.region_code"
    " FROM users u LEFT JOIN grants g ON g.user_id = u.id ORDER BY u.username, g.role, g.region_code";
static const char SQL_AGENCY_ADD[] =
    "INSERT INTO agencies (uuid, region_code, kind, name, short_name, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
    " ON CONFLICT (region_code, name) DO NOTHING";

int users_add(db_t *db, const char *username, const char *name, const char *hash, const char *role,
              const char *region, int64_t *id, db_err_t *err)
{
    db_conn_t *c = db_conn(db, err);
    if (!c)
        return err ? err->status : DB_ERROR;
    int rc = db_begin(c, true, err);
    if (rc != DB_OK)
        return rc;
    int64_t now = clock_now_ms();
    db_param_t u[] = {DB_TEXT(username), DB_TEXT(name), DB_TEXT(hash), DB_INT(now)};
    bool found = false;
    rc = db_query_int(c, SQL_USER_ADD, u, 4, id, &found, err);
    if (rc == DB_OK) {
        db_param_t g[] = {DB_INT(*id), DB_TEXT(role), region ? DB_TEXT(region) : DB_NULL, DB_INT(now)};
        rc = db_exec(c, SQL_GRANT_ADD, g, 4, NULL, err);
    }
    if (rc == DB_OK)
        rc = db_commit(c, err);
    if (rc != DB_OK)
        db_rollback(c);
    return rc;
}

int users_set_password(db_t *db, const char *username, const char *hash, bool *found, db_err_t *err)
{
    *found = false;
    db_conn_t *c = db_conn(db, err);
    if (!c)
        return err ? err->status : DB_ERROR;
    db_param_t p[] = {DB_TEXT(username), DB_TEXT(hash), DB_INT(clock_now_ms())};
    int64_t changes = 0;
    int rc = db_exec(c, SQL_PASSWD, p, 3, &changes, err);
    *found = changes > 0;
    return rc;
}

int users_list(db_t *db, int (*fn)(void *ctx, const user_row_t *u), void *ctx, db_err_t *err)
{
    db_conn_t *c = db_conn(db, err);
    if (!c)
        return err ? err->status : DB_ERROR;
    db_res_t *res;
    int rc = db_query(c, SQL_LIST, NULL, 0, &res, err);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_next(res, err)) == 1) {
        user_row_t u = {db_int(res, 0), db_text(res, 1), db_text(res, 2), db_text(res, 5), db_text(res, 6),
                        db_int(res, 3), (int)db_int(res, 4)};
        if (fn(ctx, &u))
            break;
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int agencies_ensure(db_conn_t *c, const char *region, const char *kind, const char *name, const char *short_name,
                    bool *created, db_err_t *err)
{
    char uuid[UUID_STR_LEN];
    uuid_v4(uuid);
    db_param_t p[] = {DB_TEXT(uuid), DB_TEXT(region), DB_TEXT(kind), DB_TEXT(name),
                      short_name ? DB_TEXT(short_name) : DB_NULL, DB_INT(clock_now_ms())};
    int64_t changes = 0;
    int rc = db_exec(c, SQL_AGENCY_ADD, p, 6, &changes, err);
    *created = changes > 0;
    return rc;
}
