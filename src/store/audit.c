/* audit.c - see audit.h. */
#include "store/audit.h"

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/crypto.h"
#include "store/db_internal.h"

#include <stdio.h>
#include <string.h>

static const char GENESIS[] = "0000000000000000000000000000000000000000000000000000000000000000";

static const char SQL_LAST[] = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1";
static const char SQL_LOCK_PG[] = "SELECT pg_advisory_xact_lock(727242)";
static const char SQL_INSERT[] =
    "INSERT INTO audit_log (at, actor_id, actor_name, role, region_code, action, entity, entity_id, ip, digest,"
    " prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
static const char SQL_ALL[] =
    "SELECT id, at, actor_id, actor_name, role, region_code, action, entity, entity_id, ip, digest, prev_hash, hash"
    " FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1000";
static const char SQL_LIST_ALL[] =
    "SELECT id, at, actor_id, actor_name, role, region_code, action, entity, entity_id, ip, digest, hash"
    " FROM audit_log WHERE ($1 = 0 OR id < $1) ORDER BY id DESC LIMIT $2";
static const char SQL_LIST_REGION[] =
    "SELECT id, at, actor_id, actor_name, role, region_code, action, entity, entity_id, ip, digest, hash"
    " FROM audit_log WHERE ($1 = 0 OR id < $1) AND (region_code = $3 OR region_code LIKE $4)"
    " ORDER BY id DESC LIMIT $2";

/* The canonical content: fields in a fixed order, NULL as empty, separated by 0x1f. */
static void canonical(buf_t *b, int64_t at, int64_t actor_id, const char *actor_name, const char *role,
                      const char *region, const char *action, const char *entity, const char *entity_id,
                      const char *ip, const char *digest)
{
    buf_printf(b, "%lld\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", (long long)at,
               (long long)actor_id, actor_name ? actor_name : "", role ? role : "", region ? region : "", action,
               entity, entity_id ? entity_id : "", ip ? ip : "", digest);
}

static void chain_hash(const char *prev, const buf_t *content, char out[65])
{
    buf_t b = BUF_INIT;
    buf_puts(&b, prev);
    buf_append(&b, "\x1e", 1);
    buf_append(&b, content->data, content->len);
    crypto_sha256_hex(b.data, b.len, out);
    buf_free(&b);
}

int audit_append(db_conn_t *c, const audit_entry_t *e, db_err_t *err)
{
    int rc;
    if (c->engine == &db_postgres_engine && (rc = db_exec(c, SQL_LOCK_PG, NULL, 0, NULL, err)) != DB_OK)
        return rc;
    char prev[65];
    snprintf(prev, sizeof prev, "%s", GENESIS);
    db_res_t *res;
    if ((rc = db_query(c, SQL_LAST, NULL, 0, &res, err)) != DB_OK)
        return rc;
    rc = db_next(res, err);
    if (rc == 1 && db_text(res, 0))
        snprintf(prev, sizeof prev, "%s", db_text(res, 0));
    db_done(res);
    if (rc < 0)
        return rc;
    char digest[65], hash[65];
    const char *change = e->change ? e->change : "{}";
    crypto_sha256_hex(change, strlen(change), digest);
    int64_t at = clock_now_ms();
    buf_t content = BUF_INIT;
    canonical(&content, at, e->actor_id, e->actor_name, e->role, e->region_code, e->action, e->entity,
              e->entity_id, e->ip, digest);
    if (content.oom) {
        buf_free(&content);
        return db_fail(err, DB_ERROR, "out of memory");
    }
    chain_hash(prev, &content, hash);
    buf_free(&content);
    db_param_t p[] = {DB_INT(at),
                      e->actor_id ? DB_INT(e->actor_id) : DB_NULL,
                      e->actor_name ? DB_TEXT(e->actor_name) : DB_NULL,
                      e->role ? DB_TEXT(e->role) : DB_NULL,
                      e->region_code ? DB_TEXT(e->region_code) : DB_NULL,
                      DB_TEXT(e->action),
                      DB_TEXT(e->entity),
                      e->entity_id ? DB_TEXT(e->entity_id) : DB_NULL,
                      e->ip ? DB_TEXT(e->ip) : DB_NULL,
                      DB_TEXT(digest),
                      DB_TEXT(prev),
                      DB_TEXT(hash)};
    return db_exec(c, SQL_INSERT, p, 12, NULL, err);
}

int audit_list(db_conn_t *c, arena_t *a, const char *region, int64_t before_id, int limit, audit_row_t *rows, int *n,
               db_err_t *err)
{
    *n = 0;
    char like[32];
    db_res_t *res;
    int rc;
    if (region) {
        snprintf(like, sizeof like, "%s.%%", region);
        db_param_t p[] = {DB_INT(before_id), DB_INT(limit), DB_TEXT(region), DB_TEXT(like)};
        rc = db_query(c, SQL_LIST_REGION, p, 4, &res, err);
    } else {
        db_param_t p[] = {DB_INT(before_id), DB_INT(limit)};
        rc = db_query(c, SQL_LIST_ALL, p, 2, &res, err);
    }
    if (rc != DB_OK)
        return rc;
    while (*n < limit && (rc = db_next(res, err)) == 1) {
        audit_row_t *r = &rows[(*n)++];
        r->id = db_int(res, 0);
        r->at = db_int(res, 1);
        r->actor_id = db_int(res, 2);
        r->actor_name = arena_strdup_opt(a, db_text(res, 3));
        r->role = arena_strdup_opt(a, db_text(res, 4));
        r->region_code = arena_strdup_opt(a, db_text(res, 5));
        r->action = arena_strdup_opt(a, db_text(res, 6));
        r->entity = arena_strdup_opt(a, db_text(res, 7));
        r->entity_id = arena_strdup_opt(a, db_text(res, 8));
        r->ip = arena_strdup_opt(a, db_text(res, 9));
        r->digest = arena_strdup_opt(a, db_text(res, 10));
        r->hash = arena_strdup_opt(a, db_text(res, 11));
    }
    db_done(res);
    return rc < 0 ? rc : DB_OK;
}

int audit_verify(db_conn_t *c, int64_t *count, int64_t *bad_id, char *why, size_t whylen, db_err_t *err)
{
    *count = 0;
    *bad_id = 0;
    why[0] = '\0';
    char prev[65];
    snprintf(prev, sizeof prev, "%s", GENESIS);
    int64_t last = 0;
    for (;;) {
        db_param_t p[] = {DB_INT(last)};
        db_res_t *res;
        int rc = db_query(c, SQL_ALL, p, 1, &res, err);
        if (rc != DB_OK)
            return rc;
        int rows = 0;
        while ((rc = db_next(res, err)) == 1) {
            rows++;
            int64_t id = db_int(res, 0);
            const char *digest = db_text(res, 10), *stored_prev = db_text(res, 11), *stored = db_text(res, 12);
            last = id;
            (*count)++;
            if (!stored_prev || strcmp(stored_prev, prev) != 0) {
                *bad_id = id;
                snprintf(why, whylen, "its prev_hash does not match the hash of the entry before it");
                break;
            }
            buf_t content = BUF_INIT;
            canonical(&content, db_int(res, 1), db_int(res, 2), db_text(res, 3), db_text(res, 4), db_text(res, 5),
                      db_text(res, 6) ? db_text(res, 6) : "", db_text(res, 7) ? db_text(res, 7) : "",
                      db_text(res, 8), db_text(res, 9), digest ? digest : "");
            char hash[65];
            chain_hash(prev, &content, hash);
            buf_free(&content);
            if (!stored || strcmp(stored, hash) != 0) {
                *bad_id = id;
                snprintf(why, whylen, "its content does not match its hash (changed after it was written)");
                break;
            }
            snprintf(prev, sizeof prev, "%s", stored);
        }
        db_done(res);
        if (rc < 0)
            return rc;
        if (*bad_id || rows == 0)
            return DB_OK;
    }
}
