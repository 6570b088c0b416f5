/* agencies.c - agencies per region: public lists, admin writes with
 * optimistic versions. */
#include "api/agencies.h"

#include "api/guard.h"
#include "api/people.h"
#include "domain/roles.h"
#include "lib/utf8.h"
#include "store/agencies.h"
#include "store/regions.h"

#include <string.h>

#define MAX_AGENCIES 500

static const char *const kinds[] = {"opd", "vertical", "bumn", "other", NULL};

static bool valid_kind(const char *k)
{
    for (int i = 0; k && kinds[i]; i++)
        if (strcmp(k, kinds[i]) == 0)
            return true;
    return false;
}

static int found(void *ctx, const region_t *r)
{
    (void)r;
    *(bool *)ctx = true;
    return 0;
}

/* True when code is a known region; false after answering 404 (or 503). */
static bool region_known(http_req_t *req, db_conn_t *c, const char *code)
{
    db_err_t err = {0};
    bool known = false;
    if (regions_get(c, code, found, &known, &err) < 0) {
        api_db_failed(req, &err);
        return false;
    }
    if (!known)
        http_reply_error(req, 404, "not_found", http_tr(req, "Kode wilayah tidak dikenal.", "Unknown region code."), NULL);
    return known;
}

static json_t *agency_json(const agency_t *a)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:b, s:I, s:o}", "id", (json_int_t)a->id, "uuid", a->uuid,
                     "region_code", a->region_code, "kind", a->kind, "name", a->name, "short_name",
                     a->short_name ? json_string(a->short_name) : json_null(), "active", a->active != 0, "version",
                     (json_int_t)a->version, "created_at", api_time_json(a->created_at, a->region_code));
}

void api_agencies_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code");
    const char *active_q = http_query(req, "active");
    int active = -1;
    if (active_q) {
        if (strcmp(active_q, "true") == 0)
            active = 1;
        else if (strcmp(active_q, "false") == 0)
            active = 0;
        else {
            json_t *fields = NULL;
            api_field_error(&fields, "active", http_tr(req, "Harus true atau false.", "Must be true or false."));
            http_reply_invalid(req, fields);
            return;
        }
    }
    db_conn_t *c = api_conn(req, app);
    if (!c || !region_known(req, c, code))
        return;
    db_err_t err = {0};
    agency_t *rows = arena_alloc(req->arena, MAX_AGENCIES * sizeof *rows);
    int n = 0;
    if (!rows || agencies_list(c, req->arena, code, active, rows, MAX_AGENCIES, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    json_t *data = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(data, agency_json(&rows[i]));
    http_reply_json(req, 200, json_pack("{s:o}", "data", data));
}

/* Reads the writable fields; for create every required one must be there. */
static bool read_fields(http_req_t *req, bool create, agency_t *a, json_t **fields)
{
    static const char *const create_keys[] = {"kind", "name", "short_name", NULL};
    static const char *const update_keys[] = {"kind", "name", "short_name", "active", "version", NULL};
    json_t *b = req->json;
    api_unknown_fields(req, b, create ? create_keys : update_keys, fields);
    json_t *jk = json_object_get(b, "kind"), *jn = json_object_get(b, "name"), *js = json_object_get(b, "short_name"),
           *ja = json_object_get(b, "active"), *jv = json_object_get(b, "version");
    if (jk || create) {
        a->kind = api_json_text(jk);
        if (!valid_kind(a->kind))
            api_field_error(fields, "kind", http_tr(req, "Jenis: opd, vertical, bumn atau other.", "kind: opd, vertical, bumn or other."));
    }
    if (jn || create) {
        a->name = api_json_text(jn);
        size_t n = a->name && utf8_valid(a->name, strlen(a->name)) ? utf8_length(a->name, strlen(a->name)) : 0;
        if (n < 2 || n > 200)
            api_field_error(fields, "name", http_tr(req, "Nama 2 sampai 200 karakter.", "The name needs 2 to 200 characters."));
    }
    if (js) {
        a->short_name = json_is_null(js) ? NULL : api_json_text(js);
        if (!json_is_null(js) && (!a->short_name || strlen(a->short_name) > 50 || !utf8_valid(a->short_name, strlen(a->short_name))))
            api_field_error(fields, "short_name", http_tr(req, "Singkatan maksimal 50 karakter.", "At most 50 characters."));
    }
    if (ja) {
        if (!json_is_boolean(ja))
            api_field_error(fields, "active", http_tr(req, "Harus true atau false.", "Must be true or false."));
        a->active = json_is_true(ja);
    }
    if (!create) {
        if (!json_is_integer(jv) || json_integer_value(jv) < 1)
            api_field_error(fields, "version", http_tr(req, "Wajib: versi yang terakhir dibaca.", "Required: the version you read."));
        else
            a->version = json_integer_value(jv);
    }
    return *fields == NULL;
}

void api_agencies_create(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code");
    agency_t a = {.region_code = code, .active = 1, .version = 1};
    json_t *fields = NULL;
    if (!read_fields(req, true, &a, &fields)) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    if (!region_known(req, c, code)) {
        db_rollback(c);
        return;
    }
    db_err_t err = {0};
    int64_t id;
    int rc = agencies_insert(c, &a, &id, &err);
    if (rc == DB_CONFLICT) {
        db_rollback(c);
        api_field_error(&fields, "name", http_tr(req, "Instansi dengan nama ini sudah ada di wilayah ini.",
                                                 "An agency of this name exists in this region."));
        http_reply_error(req, 409, "conflict", http_tr(req, "Sudah ada.", "Exists already."), fields);
        return;
    }
    agency_t stored;
    if (rc != DB_OK || agencies_get(c, req->arena, id, &stored, &err) != 1) {
        api_abort(req, c, &err);
        return;
    }
    json_t *out = agency_json(&stored);
    if (!api_finish(req, c, "agency.create", "agency", id, code, out)) {
        json_decref(out);
        return;
    }
    http_reply_json(req, 201, out);
}

void api_agencies_get(http_req_t *req, void *appv)
{
    app_t *app = appv;
    int64_t id = api_id_param(req, "id");
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    agency_t a;
    int rc = id ? agencies_get(c, req->arena, id, &a, &err) : 0;
    if (rc < 0) {
        api_db_failed(req, &err);
        return;
    }
    if (rc == 0) {
        http_reply_not_found(req);
        return;
    }
    http_reply_json(req, 200, agency_json(&a));
}

/* Region admins of its region, agency admins of this agency, platform admins. */
static bool may_edit(const http_req_t *req, const agency_t *a)
{
    if (api_may(req, ROLE_REGION_ADMIN | ROLE_PLATFORM_ADMIN, a->region_code))
        return true;
    const principal_t *p = api_principal(req);
    for (int i = 0; p && i < p->ngrants; i++)
        if (strcmp(p->grants[i].role, "agency_admin") == 0 && p->grants[i].agency_id == a->id)
            return true;
    return false;
}

void api_agencies_update(http_req_t *req, void *appv)
{
    app_t *app = appv;
    int64_t id = api_id_param(req, "id");
    agency_t patch = {0};
    json_t *fields = NULL;
    if (!read_fields(req, false, &patch, &fields)) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    agency_t cur;
    int rc = id ? agencies_get(c, req->arena, id, &cur, &err) : 0;
    if (rc <= 0) {
        db_rollback(c);
        if (rc < 0)
            api_db_failed(req, &err);
        else
            http_reply_not_found(req);
        return;
    }
    if (!may_edit(req, &cur)) {
        db_rollback(c);
        api_forbidden(req);
        return;
    }
    json_t *b = req->json;
    agency_t next = cur;
    if (json_object_get(b, "kind"))
        next.kind = patch.kind;
    if (json_object_get(b, "name"))
        next.name = patch.name;
    if (json_object_get(b, "short_name"))
        next.short_name = patch.short_name;
    if (json_object_get(b, "active"))
        next.active = patch.active;
    next.version = patch.version;
    bool changed;
    rc = agencies_update(c, &next, &changed, &err);
    if (rc == DB_CONFLICT) {
        db_rollback(c);
        api_field_error(&fields, "name", http_tr(req, "Instansi dengan nama ini sudah ada di wilayah ini.",
                                                 "An agency of this name exists in this region."));
        http_reply_error(req, 409, "conflict", http_tr(req, "Sudah ada.", "Exists already."), fields);
        return;
    }
    if (rc != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    if (!changed) {
        db_rollback(c);
        http_reply_error(req, 409, "stale_version",
                         http_tr(req, "Data sudah diubah orang lain; muat ulang.", "Changed by someone else; reload."), NULL);
        return;
    }
    agency_t stored;
    if (agencies_get(c, req->arena, id, &stored, &err) != 1) {
        api_abort(req, c, &err);
        return;
    }
    json_t *out = agency_json(&stored);
    if (!api_finish(req, c, "agency.update", "agency", id, stored.region_code, out)) {
        json_decref(out);
        return;
    }
    http_reply_json(req, 200, out);
}
