/* regions.c - GET /api/v1/regions, GET /api/v1/regions/{code},
 * POST /api/v1/regions/resolve. */
#include "api/regions.h"

#include "domain/region_code.h"
#include "lib/clock.h"
#include "lib/utf8.h"
#include "store/regions.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LIMIT 50
#define MAX_LIMIT 200
#define MAX_RESOLVE 500
#define MIN_Q 2
#define MAX_Q 100

static json_t *region_json(const region_t *r, bool with_parent_code)
{
    json_t *o = json_pack("{s:s, s:s, s:s}", "code", r->code, "name", r->name, "level",
                          region_level_name((region_level_t)r->level));
    if (o && with_parent_code)
        json_object_set_new(o, "parent_code", r->parent_code ? json_string(r->parent_code) : json_null());
    return o;
}

static int collect(void *ctx, const region_t *r)
{
    json_t *arr = ctx;
    return json_array_append_new(arr, region_json(r, true)) == 0 ? 0 : -100;
}

static int collect_child(void *ctx, const region_t *r)
{
    json_t *arr = ctx;
    return json_array_append_new(arr, region_json(r, false)) == 0 ? 0 : -100;
}

static int keep_one(void *ctx, const region_t *r)
{
    json_t **out = ctx;
    *out = region_json(r, false);
    if (*out && r->parent_code)
        json_object_set_new(*out, "_parent", json_string(r->parent_code));
    return *out ? 0 : -100;
}

/* Keeps the cache tied to the data: re-reads the import version at most once a second. */
static void refresh_cache_version(app_t *app, db_conn_t *c)
{
    if (!app->regions || !response_cache_due(app->regions, clock_now_ms()))
        return;
    int64_t v = 0;
    db_err_t err;
    if (regions_version(c, &v, &err) == DB_OK)
        response_cache_set_version(app->regions, v);
}

static bool reply_cached(http_req_t *req, app_t *app, const char *key)
{
    char *bytes;
    size_t len;
    if (!app->regions || !response_cache_get(app->regions, key, &bytes, &len))
        return false;
    req->cache_control = "public, max-age=300";
    http_reply_take(req, 200, "application/json", bytes, len);
    return true;
}

/* Answers with value and keeps a copy in the cache under key. */
static void reply_and_cache(http_req_t *req, app_t *app, const char *key, json_t *value, int64_t version)
{
    char *text = json_dumps(value, JSON_COMPACT);
    json_decref(value);
    if (!text) {
        http_reply_internal(req);
        return;
    }
    size_t len = strlen(text);
    if (app->regions)
        response_cache_put(app->regions, key, text, len, version);
    req->cache_control = "public, max-age=300";
    http_reply_take(req, 200, "application/json", text, len);
}

/* ---- GET /api/v1/regions/{code} ----------------------------------------- */

void api_regions_get(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code");
    region_level_t level = region_code_level(code);
    if (level == REGION_INVALID) {
        json_t *fields = NULL;
        api_field_error(&fields, "code",
                        http_tr(req, "Kode wilayah harus berbentuk 32, 32.11, 32.11.01 atau 32.11.01.2001.",
                                "A region code looks like 32, 32.11, 32.11.01 or 32.11.01.2001."));
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    refresh_cache_version(app, c);
    if (reply_cached(req, app, code))
        return;
    int64_t version = app->regions ? response_cache_version(app->regions) : 0;
    db_err_t err;
    json_t *region = NULL;
    int rc = regions_get(c, code, keep_one, &region, &err);
    if (rc < 0) {
        json_decref(region);
        api_db_failed(req, &err);
        return;
    }
    if (rc == 0) {
        http_reply_error(req, 404, "not_found",
                         http_tr(req, "Kode wilayah tidak dikenal.", "Unknown region code."), NULL);
        return;
    }
    json_t *parent = json_null();
    json_t *pcode = json_object_get(region, "_parent");
    if (pcode) {
        json_t *p = NULL;
        rc = regions_get(c, json_string_value(pcode), keep_one, &p, &err);
        if (rc < 0) {
            json_decref(region);
            api_db_failed(req, &err);
            return;
        }
        if (p) {
            json_object_del(p, "_parent");
            parent = p;
        }
        json_object_del(region, "_parent");
    }
    json_object_set_new(region, "parent", parent);
    json_t *children = json_array();
    rc = regions_children(c, code, collect_child, children, &err);
    if (rc != DB_OK) {
        json_decref(children);
        json_decref(region);
        if (rc == -100)
            http_reply_internal(req);
        else
            api_db_failed(req, &err);
        return;
    }
    json_object_set_new(region, "children", children);
    reply_and_cache(req, app, code, region, version);
}

/* ---- GET /api/v1/regions --------------------------------------------------- */

typedef struct {
    const char *q;   /* NULL: all names */
    int level;       /* 0: any */
    int limit;
    int after_level;
    char after_code[16];
} list_query_t;

/* Trims ASCII spaces at both ends into an arena copy. */
static const char *trimmed(http_req_t *req, const char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return arena_strndup(req->arena, s, n);
}

static bool parse_int(const char *s, long *out)
{
    if (!s || !*s)
        return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end)
        return false;
    *out = v;
    return true;
}

/* Cursor: "<level>:<code>" of the last row of the previous page. */
static bool parse_cursor(const char *s, list_query_t *lq)
{
    if (strlen(s) < 3 || s[0] < '1' || s[0] > '4' || s[1] != ':')
        return false;
    const char *code = s + 2;
    if ((int)region_code_level(code) != s[0] - '0' || strlen(code) >= sizeof lq->after_code)
        return false;
    lq->after_level = s[0] - '0';
    strcpy(lq->after_code, code);
    return true;
}

static bool read_list_query(http_req_t *req, list_query_t *lq)
{
    json_t *fields = NULL;
    memset(lq, 0, sizeof *lq);
    lq->limit = DEFAULT_LIMIT;
    const char *q = http_query(req, "q");
    if (q) {
        lq->q = trimmed(req, q);
        size_t n = lq->q ? strlen(lq->q) : 0;
        bool valid = lq->q && utf8_valid(lq->q, n);
        n = valid ? utf8_length(lq->q, n) : 0; /* characters, not bytes */
        if (!valid)
            api_field_error(&fields, "q", http_tr(req, "Kata kunci bukan UTF-8 yang sah.", "The search text is not valid UTF-8."));
        else if (n < MIN_Q)
            api_field_error(&fields, "q", http_tr(req, "Kata kunci minimal 2 karakter.", "The search text needs at least 2 characters."));
        else if (n > MAX_Q)
            api_field_error(&fields, "q", http_tr(req, "Kata kunci maksimal 100 karakter.", "The search text may have at most 100 characters."));
    }
    const char *level = http_query(req, "level");
    if (level) {
        lq->level = region_level_parse(level);
        if (!lq->level)
            api_field_error(&fields, "level",
                            http_tr(req, "Tingkat harus province, regency, district atau village.",
                                    "level must be province, regency, district or village."));
    } else if (!q) {
        lq->level = REGION_PROVINCE;
    }
    const char *limit = http_query(req, "limit");
    long lim;
    if (limit) {
        if (!parse_int(limit, &lim) || lim < 1 || lim > MAX_LIMIT)
            api_field_error(&fields, "limit", http_tr(req, "limit harus bilangan bulat 1 sampai 200.",
                                                      "limit must be a whole number from 1 to 200."));
        else
            lq->limit = (int)lim;
    }
    const char *cursor = http_query(req, "cursor");
    if (cursor && !parse_cursor(cursor, lq))
        api_field_error(&fields, "cursor", http_tr(req, "cursor tidak sah; gunakan next_cursor dari halaman sebelumnya.",
                                                   "Invalid cursor; pass the next_cursor of the previous page."));
    if (fields) {
        http_reply_invalid(req, fields);
        return false;
    }
    return true;
}

void api_regions_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    list_query_t lq;
    if (!read_list_query(req, &lq))
        return;
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    json_t *data = json_array();
    db_err_t err;
    /* Ask for one more row than the page to know whether another page follows. */
    int rc = regions_search(c, lq.q ? lq.q : "", lq.level, lq.after_level, lq.after_code, lq.limit + 1, collect,
                            data, &err);
    if (rc != DB_OK) {
        json_decref(data);
        if (rc == -100)
            http_reply_internal(req);
        else
            api_db_failed(req, &err);
        return;
    }
    json_t *next = json_null();
    if (json_array_size(data) > (size_t)lq.limit) {
        json_array_remove(data, (size_t)lq.limit);
        json_t *last = json_array_get(data, (size_t)lq.limit - 1);
        const char *code = json_string_value(json_object_get(last, "code"));
        next = json_sprintf("%d:%s", (int)region_code_level(code), code);
    }
    http_reply_json(req, 200, json_pack("{s:o, s:o}", "data", data, "next_cursor", next));
}

/* ---- POST /api/v1/regions/resolve ----------------------------------------- */

json_t *regions_resolve_input(json_t *body, const http_req_t *req, json_t **fields)
{
    *fields = NULL;
    const char *key;
    json_t *value;
    json_object_foreach(body, key, value) {
        if (strcmp(key, "codes") != 0)
            api_field_error(fields, key, http_tr(req, "Kolom tidak dikenal.", "Unknown field."));
    }
    json_t *codes = json_object_get(body, "codes");
    if (!codes) {
        api_field_error(fields, "codes", http_tr(req, "Wajib diisi.", "Required."));
    } else if (!json_is_array(codes)) {
        api_field_error(fields, "codes", http_tr(req, "Harus berupa daftar kode wilayah.", "Must be a list of region codes."));
    } else if (json_array_size(codes) == 0 || json_array_size(codes) > MAX_RESOLVE) {
        api_field_error(fields, "codes", http_tr(req, "Berisi 1 sampai 500 kode.", "Must hold 1 to 500 codes."));
    } else {
        size_t i;
        json_t *c;
        json_array_foreach(codes, i, c) {
            if (api_json_text(c) && region_code_level(json_string_value(c)) != REGION_INVALID)
                continue;
            char name[32];
            snprintf(name, sizeof name, "codes[%zu]", i);
            api_field_error(fields, name, http_tr(req, "Bukan kode wilayah yang sah.", "Not a valid region code."));
        }
    }
    return *fields ? NULL : codes;
}

static int keep_full(void *ctx, const region_t *r)
{
    json_t **out = ctx;
    *out = region_json(r, true);
    return *out ? 0 : -100;
}

void api_regions_resolve(http_req_t *req, void *appv)
{
    app_t *app = appv;
    json_t *fields;
    json_t *codes = regions_resolve_input(req->json, req, &fields);
    if (!codes) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    json_t *data = json_array(), *unknown = json_array(), *seen = json_object();
    size_t i;
    json_t *v;
    json_array_foreach(codes, i, v) {
        const char *code = json_string_value(v);
        if (json_object_get(seen, code))
            continue;
        json_object_set_new(seen, code, json_true());
        json_t *r = NULL;
        db_err_t err;
        int rc = regions_get(c, code, keep_full, &r, &err);
        if (rc < 0) {
            json_decref(data);
            json_decref(unknown);
            json_decref(seen);
            api_db_failed(req, &err);
            return;
        }
        if (rc == 0)
            json_array_append_new(unknown, json_string(code));
        else
            json_array_append_new(data, r);
    }
    json_decref(seen);
    http_reply_json(req, 200, json_pack("{s:o, s:o}", "data", data, "unknown", unknown));
}
