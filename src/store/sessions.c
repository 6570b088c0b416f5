/* sessions.c - SQL for sessions, API tokens and login throttling. */
#include "store/sessions.h"

#include "lib/clock.h"

#include <stdio.h>

static const char SQL_S_CREATE[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)"
    " VALUES ($1, $2, $3, $4, $4, $5) RETURNING id";
static const char SQL_S_FIND[] =
    "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE token_hash = $1";
static const char SQL_S_TOUCH[] = "UPDATE sessions SET last_seen_at = $2 WHERE id = $1";
static const char SQL_S_DELETE[] = "DELETE FROM sessions WHERE id = $1";
static const char SQL_S_DELETE_USER[] = "DELETE FROM sessions WHERE user_id = $1";

#define TOKEN_COLS "id, name, roles, region_code, created_by, created_at, last_used_at, revoked_at"
static const char SQL_T_CREATE[] =
    "INSERT INTO api_tokens (name, token_hash, roles, region_code, created_by, created_at)"
    " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
static const char SQL_T_FIND[] = "SELECT " TOKEN_COLS " FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL";
static const char SQL_T_GET[] = "SELECT " TOKEN_COLS " FROM api_tokens WHERE id = $1";
static const char SQL_T_LIST[] =
    "SELECT " TOKEN_COLS " FROM api_tokens WHERE ($1 = '' OR region_code = $1 OR region_code LIKE $2)"
    " AND ($3 = 0 OR id < $3) ORDER BY id DESC LIMIT $4";
static const char SQL_T_REVOKE[] = "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
static const char SQL_T_TOUCH[] = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";

static const char SQL_TH_GET[] = "SELECT failures, window_start FROM login_throttle WHERE key = $1";
static const char SQL_TH_FAIL[] =
    "INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, $2)"
    " ON CONFLICT (key) DO UPDATE SET"
    " failures = CASE WHEN login_throttle.window_start < $3 THEN 1 ELSE login_throttle.failures + 1 END,"
    " window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 ELSE login_throttle.window_start END";
static const char SQL_TH_CLEAR[] = "DELETE FROM login_throttle WHERE key = $1";

typedef struct {
    arena_t *a;
    void *out;
} row_ctx_t;

int sessions_create(db_conn_t *c, const char *token_hash, int64_t user_id, const char *csrf, int64_t expires_at,
                    int64_t *id, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(token_hash), DB_INT(user_id), DB_TEXT(csrf), DB_INT(clock_now_ms()), DB_INT(expires_at)};
    bool found;
    return db_query_int(c, SQL_S_CREATE, p, 5, id, &found, err);
}

static void read_session_row(db_res_t *res, void *ctx)
{
    row_ctx_t *rc = ctx;
    *(session_t *)rc->out = (session_t){db_int(res, 0), db_int(res, 1), arena_strdup_opt(rc->a, db_text(res, 2)),
                                        db_int(res, 3), db_int(res, 4), db_int(res, 5)};
}

int sessions_find(db_conn_t *c, arena_t *a, const char *token_hash, session_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(token_hash)};
    row_ctx_t ctx = {a, out};
    return db_query_one(c, SQL_S_FIND, p, 1, read_session_row, &ctx, err);
}

int sessions_touch(db_conn_t *c, int64_t id, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), DB_INT(clock_now_ms())};
    return db_exec(c, SQL_S_TOUCH, p, 2, NULL, err);
}

int sessions_delete(db_conn_t *c, int64_t id, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id)};
    return db_exec(c, SQL_S_DELETE, p, 1, NULL, err);
}

int sessions_delete_user(db_conn_t *c, int64_t user_id, db_err_t *err)
{
    db_param_t p[] = {DB_INT(user_id)};
    return db_exec(c, SQL_S_DELETE_USER, p, 1, NULL, err);
}

int tokens_create(db_conn_t *c, const char *name, const char *token_hash, const char *roles, const char *region,
                  int64_t created_by, int64_t *id, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(name), DB_TEXT(token_hash), DB_TEXT(roles), region ? DB_TEXT(region) : DB_NULL,
                      created_by ? DB_INT(created_by) : DB_NULL, DB_INT(clock_now_ms())};
    bool found;
    return db_query_int(c, SQL_T_CREATE, p, 6, id, &found, err);
}

static void read_token(db_res_t *r, arena_t *a, api_token_t *t)
{
    t->id = db_int(r, 0);
    t->name = arena_strdup_opt(a, db_text(r, 1));
    t->roles = arena_strdup_opt(a, db_text(r, 2));
    t->region_code = arena_strdup_opt(a, db_text(r, 3));
    t->created_by = db_int(r, 4);
    t->created_at = db_int(r, 5);
    t->last_used_at = db_int(r, 6);
    t->revoked_at = db_int(r, 7);
}

static void read_token_row(db_res_t *r, void *ctx)
{
    row_ctx_t *rc = ctx;
    read_token(r, rc->a, rc->out);
}

static int one_token(db_conn_t *c, arena_t *a, const char *sql, db_param_t p, api_token_t *out, db_err_t *err)
{
    row_ctx_t ctx = {a, out};
    return db_query_one(c, sql, &p, 1, read_token_row, &ctx, err);
}

int tokens_find(db_conn_t *c, arena_t *a, const char *token_hash, api_token_t *out, db_err_t *err)
{
    return one_token(c, a, SQL_T_FIND, DB_TEXT(token_hash), out, err);
}

int tokens_get(db_conn_t *c, arena_t *a, int64_t id, api_token_t *out, db_err_t *err)
{
    return one_token(c, a, SQL_T_GET, DB_INT(id), out, err);
}

int tokens_list(db_conn_t *c, arena_t *a, const char *region, int64_t before_id, api_token_t *rows, int max, int *n,
                db_err_t *err)
{
    *n = 0;
    char like[32] = "";
    if (region)
        snprintf(like, sizeof like, "%s.%%", region);
    db_param_t p[] = {DB_TEXT(region ? region : ""), DB_TEXT(like), DB_INT(before_id), DB_INT(max)};
    db_res_t *res;
    int rc = db_query(c, SQL_T_LIST, p, 4, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1)
        read_token(res, a, &rows[(*n)++]);
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int tokens_revoke(db_conn_t *c, int64_t id, bool *changed, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), DB_INT(clock_now_ms())};
    int64_t n = 0;
    int rc = db_exec(c, SQL_T_REVOKE, p, 2, &n, err);
    *changed = n > 0;
    return rc;
}

int tokens_touch(db_conn_t *c, int64_t id, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), DB_INT(clock_now_ms())};
    return db_exec(c, SQL_T_TOUCH, p, 2, NULL, err);
}

int throttle_get(db_conn_t *c, const char *key, int64_t *failures, int64_t *window_start, db_err_t *err)
{
    *failures = *window_start = 0;
    db_param_t p[] = {DB_TEXT(key)};
    db_res_t *res;
    int rc = db_query(c, SQL_TH_GET, p, 1, &res, err);
    if (rc != DB_OK)
        return rc;
    rc = db_next(res, err);
    if (rc == 1) {
        *failures = db_int(res, 0);
        *window_start = db_int(res, 1);
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int throttle_fail(db_conn_t *c, const char *key, int64_t window_ms, db_err_t *err)
{
    int64_t now = clock_now_ms();
    db_param_t p[] = {DB_TEXT(key), DB_INT(now), DB_INT(now - window_ms)};
    return db_exec(c, SQL_TH_FAIL, p, 3, NULL, err);
}

int throttle_clear(db_conn_t *c, const char *key, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(key)};
    return db_exec(c, SQL_TH_CLEAR, p, 1, NULL, err);
}
