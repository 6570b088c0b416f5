/* users.c - SQL for users and grants. */
#include "store/users.h"

#include "lib/clock.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

#define USER_COLS                                                                                             \
    "u.id, u.kind, u.username, u.name, u.password_hash, u.region_code, u.nik_enc, u.nik_bidx, u.nik_masked,"  \
    " u.email_enc, u.email_bidx, u.email_masked, u.phone_enc, u.phone_bidx, u.phone_masked, u.disabled,"      \
    " u.version, u.created_at, u.updated_at"

static const char SQL_INSERT[] =
    "INSERT INTO users (kind, username, name, password_hash, region_code, nik_enc, nik_bidx, nik_masked,"
    " email_enc, email_bidx, email_masked, phone_enc, phone_bidx, phone_masked, created_at, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id";
static const char SQL_GET[] = "SELECT " USER_COLS " FROM users u WHERE u.id = $1";
static const char SQL_BY_USERNAME[] = "SELECT " USER_COLS " FROM users u WHERE u.username = $1";
static const char SQL_BY_NIK[] = "SELECT " USER_COLS " FROM users u WHERE u.nik_bidx = $1";
static const char SQL_BY_EMAIL[] = "SELECT " USER_COLS " FROM users u WHERE u.email_bidx = $1";
static const char SQL_BY_PHONE[] = "SELECT " USER_COLS " FROM users u WHERE u.phone_bidx = $1";
static const char SQL_TAKEN[] =
    "SELECT CASE WHEN username = $1 THEN 'username' WHEN nik_bidx = $2 THEN 'nik'"
    " WHEN email_bidx = $3 THEN 'email' ELSE 'phone' END"
    " FROM users WHERE username = $1 OR nik_bidx = $2 OR email_bidx = $3 OR phone_bidx = $4 LIMIT 1";
static const char SQL_UPDATE[] =
    "UPDATE users SET name = COALESCE($2, name), disabled = CASE WHEN $3 < 0 THEN disabled ELSE $3 END,"
    " version = version + 1, updated_at = $5 WHERE id = $1 AND version = $4";
static const char SQL_SET_PW_ID[] = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1";
static const char SQL_LIST_REGION[] =
    "SELECT " USER_COLS " FROM users u WHERE EXISTS (SELECT 1 FROM grants g WHERE g.user_id = u.id"
    " AND ($1 = '' OR g.region_code = $1 OR g.region_code LIKE $2) AND ($3 = '' OR g.role = $3))"
    " AND ($4 = '' OR LOWER(u.name) LIKE $4 OR u.username LIKE $4) AND u.kind = $6 AND ($7 = 0 OR u.id < $7)"
    " ORDER BY u.id DESC LIMIT $5";
static const char SQL_GRANTS[] =
    "SELECT id, user_id, role, region_code, agency_id FROM grants WHERE user_id = $1 ORDER BY id";
static const char SQL_GRANT_GET[] =
    "SELECT id, user_id, role, region_code, agency_id FROM grants WHERE user_id = $1 AND id = $2";
static const char SQL_GRANT_INSERT[] =
    "INSERT INTO grants (user_id, role, region_code, agency_id, created_at) VALUES ($1, $2, $3, $4, $5)"
    " RETURNING id";
static const char SQL_GRANT_SAME[] =
    "SELECT COUNT(*) FROM grants WHERE user_id = $1 AND role = $2 AND COALESCE(region_code, '') = $3"
    " AND COALESCE(agency_id, 0) = $4";
static const char SQL_GRANT_DELETE[] = "DELETE FROM grants WHERE user_id = $1 AND id = $2";

static db_param_t text_or_null(const char *s)
{
    return s ? DB_TEXT(s) : DB_NULL;
}

static void read_user(db_res_t *r, arena_t *a, user_t *u)
{
    u->id = db_int(r, 0);
    u->kind = arena_strdup_opt(a, db_text(r, 1));
    u->username = arena_strdup_opt(a, db_text(r, 2));
    u->name = arena_strdup_opt(a, db_text(r, 3));
    u->password_hash = arena_strdup_opt(a, db_text(r, 4));
    u->region_code = arena_strdup_opt(a, db_text(r, 5));
    u->nik = (sealed_t){arena_strdup_opt(a, db_text(r, 6)), arena_strdup_opt(a, db_text(r, 7)), arena_strdup_opt(a, db_text(r, 8))};
    u->email = (sealed_t){arena_strdup_opt(a, db_text(r, 9)), arena_strdup_opt(a, db_text(r, 10)), arena_strdup_opt(a, db_text(r, 11))};
    u->phone = (sealed_t){arena_strdup_opt(a, db_text(r, 12)), arena_strdup_opt(a, db_text(r, 13)), arena_strdup_opt(a, db_text(r, 14))};
    u->disabled = (int)db_int(r, 15);
    u->version = db_int(r, 16);
    u->created_at = db_int(r, 17);
    u->updated_at = db_int(r, 18);
}

typedef struct {
    arena_t *a;
    void *out;
} row_ctx_t;

static void read_user_row(db_res_t *r, void *ctx)
{
    row_ctx_t *rc = ctx;
    read_user(r, rc->a, rc->out);
}

static int one_user(db_conn_t *c, arena_t *a, const char *sql, db_param_t p, user_t *out, db_err_t *err)
{
    row_ctx_t ctx = {a, out};
    return db_query_one(c, sql, &p, 1, read_user_row, &ctx, err);
}

int users_insert(db_conn_t *c, const user_t *u, int64_t *id, db_err_t *err)
{
    db_param_t p[] = {DB_TEXT(u->kind),           text_or_null(u->username),   DB_TEXT(u->name),
                      DB_TEXT(u->password_hash),  text_or_null(u->region_code), text_or_null(u->nik.enc),
                      text_or_null(u->nik.bidx),  text_or_null(u->nik.masked),  text_or_null(u->email.enc),
                      text_or_null(u->email.bidx), text_or_null(u->email.masked), text_or_null(u->phone.enc),
                      text_or_null(u->phone.bidx), text_or_null(u->phone.masked), DB_INT(clock_now_ms())};
    bool found;
    return db_query_int(c, SQL_INSERT, p, 15, id, &found, err);
}

int users_taken(db_conn_t *c, const user_t *u, const char **field, db_err_t *err)
{
    *field = NULL;
    /* "" never equals a stored value (NULLs and real values only). */
    db_param_t p[] = {DB_TEXT(u->username ? u->username : "\x01"), DB_TEXT(u->nik.bidx ? u->nik.bidx : "\x01"),
                      DB_TEXT(u->email.bidx ? u->email.bidx : "\x01"), DB_TEXT(u->phone.bidx ? u->phone.bidx : "\x01")};
    db_res_t *res;
    int rc = db_query(c, SQL_TAKEN, p, 4, &res, err);
    if (rc != DB_OK)
        return rc;
    rc = db_next(res, err);
    if (rc == 1) {
        const char *f = db_text(res, 0);
        *field = !f ? NULL : strcmp(f, "username") == 0 ? "username" : strcmp(f, "nik") == 0 ? "nik"
                           : strcmp(f, "email") == 0 ? "email" : "phone";
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int users_get(db_conn_t *c, arena_t *a, int64_t id, user_t *out, db_err_t *err)
{
    return one_user(c, a, SQL_GET, DB_INT(id), out, err);
}

int users_by_username(db_conn_t *c, arena_t *a, const char *username, user_t *out, db_err_t *err)
{
    return one_user(c, a, SQL_BY_USERNAME, DB_TEXT(username), out, err);
}

int users_by_index(db_conn_t *c, arena_t *a, const char *field, const char *bidx, user_t *out, db_err_t *err)
{
    const char *sql = strcmp(field, "nik") == 0 ? SQL_BY_NIK : strcmp(field, "email") == 0 ? SQL_BY_EMAIL : SQL_BY_PHONE;
    return one_user(c, a, sql, DB_TEXT(bidx), out, err);
}

int users_update(db_conn_t *c, int64_t id, const char *name, int disabled, int64_t version, bool *changed,
                 db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), text_or_null(name), DB_INT(disabled), DB_INT(version), DB_INT(clock_now_ms())};
    int64_t n = 0;
    int rc = db_exec(c, SQL_UPDATE, p, 5, &n, err);
    *changed = n > 0;
    return rc;
}

int users_set_password_id(db_conn_t *c, int64_t id, const char *hash, db_err_t *err)
{
    db_param_t p[] = {DB_INT(id), DB_TEXT(hash), DB_INT(clock_now_ms())};
    return db_exec(c, SQL_SET_PW_ID, p, 3, NULL, err);
}

int users_list_region(db_conn_t *c, arena_t *a, const char *region, const char *role, const char *q,
                      const char *kind, int64_t before_id, int limit, user_t *rows, int *n, db_err_t *err)
{
    *n = 0;
    char like[32] = "";
    if (region)
        snprintf(like, sizeof like, "%s.%%", region);
    char *qlike = NULL;
    if (q && *q) {
        size_t ql = strlen(q);
        qlike = arena_alloc(a, 2 * ql + 3);
        if (!qlike)
            return DB_ERROR;
        char *o = qlike;
        *o++ = '%';
        for (const char *s = q; *s; s++) {
            if (*s == '%' || *s == '_')
                continue; /* wildcards are not searchable */
            *o++ = (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s;
        }
        *o++ = '%';
        *o = '\0';
    }
    db_param_t p[] = {DB_TEXT(region ? region : ""), DB_TEXT(like), DB_TEXT(role ? role : ""),
                      DB_TEXT(qlike ? qlike : ""), DB_INT(limit), DB_TEXT(kind), DB_INT(before_id)};
    db_res_t *res;
    int rc = db_query(c, SQL_LIST_REGION, p, 7, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < limit && (rc = db_next(res, err)) == 1)
        read_user(res, a, &rows[(*n)++]);
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

static void read_grant(db_res_t *r, arena_t *a, grant_t *g)
{
    g->id = db_int(r, 0);
    g->user_id = db_int(r, 1);
    g->role = arena_strdup_opt(a, db_text(r, 2));
    g->region_code = arena_strdup_opt(a, db_text(r, 3));
    g->agency_id = db_int(r, 4);
}

int grants_of(db_conn_t *c, arena_t *a, int64_t user_id, grant_t *rows, int max, int *n, db_err_t *err)
{
    *n = 0;
    db_param_t p[] = {DB_INT(user_id)};
    db_res_t *res;
    int rc = db_query(c, SQL_GRANTS, p, 1, &res, err);
    if (rc != DB_OK)
        return rc;
    while (*n < max && (rc = db_next(res, err)) == 1)
        read_grant(res, a, &rows[(*n)++]);
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

static void read_grant_row(db_res_t *r, void *ctx)
{
    row_ctx_t *rc = ctx;
    read_grant(r, rc->a, rc->out);
}

int grants_get(db_conn_t *c, arena_t *a, int64_t user_id, int64_t grant_id, grant_t *out, db_err_t *err)
{
    db_param_t p[] = {DB_INT(user_id), DB_INT(grant_id)};
    row_ctx_t ctx = {a, out};
    return db_query_one(c, SQL_GRANT_GET, p, 2, read_grant_row, &ctx, err);
}

int grants_insert(db_conn_t *c, int64_t user_id, const char *role, const char *region, int64_t agency_id, int64_t *id,
                  db_err_t *err)
{
    /* NULLs are distinct in UNIQUE constraints, so sameness is checked here too. */
    db_param_t same[] = {DB_INT(user_id), DB_TEXT(role), DB_TEXT(region ? region : ""), DB_INT(agency_id)};
    int64_t count = 0;
    int rc = db_query_int(c, SQL_GRANT_SAME, same, 4, &count, NULL, err);
    if (rc != DB_OK)
        return rc;
    if (count > 0) {
        if (err) {
            err->status = DB_CONFLICT;
            snprintf(err->msg, sizeof err->msg, "the user has this grant already");
        }
        return DB_CONFLICT;
    }
    db_param_t p[] = {DB_INT(user_id), DB_TEXT(role), text_or_null(region), agency_id ? DB_INT(agency_id) : DB_NULL,
                      DB_INT(clock_now_ms())};
    bool found;
    return db_query_int(c, SQL_GRANT_INSERT, p, 5, id, &found, err);
}

int grants_delete(db_conn_t *c, int64_t user_id, int64_t grant_id, bool *removed, db_err_t *err)
{
    db_param_t p[] = {DB_INT(user_id), DB_INT(grant_id)};
    int64_t n = 0;
    int rc = db_exec(c, SQL_GRANT_DELETE, p, 2, &n, err);
    *removed = n > 0;
    return rc;
}

/* ---- command line ---------------------------------------------------------- */

static const char SQL_PASSWD[] = "UPDATE users SET password_hash = $2, updated_at = $3 WHERE username = $1";
static const char SQL_LIST[] =
    "SELECT u.id, u.username, u.name, u.created_at, u.disabled, g.role, g.region_code"
    " FROM users u LEFT JOIN grants g ON g.user_id = u.id WHERE u.kind = 'staff'"
    " ORDER BY u.username, g.role, g.region_code";

int users_add(db_t *db, const char *username, const char *name, const char *hash, const char *role,
              const char *region, int64_t *id, db_err_t *err)
{
    db_conn_t *c = db_conn(db, err);
    if (!c)
        return err ? err->status : DB_ERROR;
    int rc = db_begin(c, true, err);
    if (rc != DB_OK)
        return rc;
    user_t u = {.kind = "staff", .username = username, .name = name, .password_hash = hash};
    rc = users_insert(c, &u, id, err);
    if (rc == DB_OK)
        rc = grants_insert(c, *id, role, region, 0, &(int64_t){0}, err);
    char entity_id[24], change[256];
    snprintf(entity_id, sizeof entity_id, "%lld", (long long)*id);
    snprintf(change, sizeof change, "{\"grants\":[{\"role\":\"%s\",\"region_code\":\"%s\"}],\"username\":\"%s\"}",
             role, region ? region : "", username); /* both checked to plain characters by the caller */
    audit_entry_t e = {.actor_name = CLI_ACTOR, .action = "user.create", .entity = "user", .entity_id = entity_id,
                       .region_code = region, .change = change};
    if (rc == DB_OK)
        rc = audit_append(c, &e, err);
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
    int rc = db_begin(c, true, err);
    if (rc != DB_OK)
        return rc;
    db_param_t p[] = {DB_TEXT(username), DB_TEXT(hash), DB_INT(clock_now_ms())};
    int64_t changes = 0;
    rc = db_exec(c, SQL_PASSWD, p, 3, &changes, err);
    *found = changes > 0;
    audit_entry_t e = {.actor_name = CLI_ACTOR, .action = "user.passwd", .entity = "user", .entity_id = username};
    if (rc == DB_OK && *found)
        rc = audit_append(c, &e, err);
    if (rc == DB_OK)
        rc = db_commit(c, err);
    if (rc != DB_OK)
        db_rollback(c);
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
