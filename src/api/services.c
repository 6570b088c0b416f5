/* services.c - the service catalogue endpoints (see services.h). */
#include "api/services.h"

#include "api/guard.h"
#include "api/people.h"
#include "api/service_json.h"
#include "domain/region_code.h"
#include "domain/roles.h"
#include "lib/utf8.h"
#include "store/agencies.h"
#include "store/services.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIST 500
#define MAX_SLA 1000000

/* Region admins of the service's region, agency admins of its agency, platform admins. */
static bool may_manage(const http_req_t *req, const char *region, int64_t agency_id)
{
    if (api_may(req, ROLE_REGION_ADMIN | ROLE_PLATFORM_ADMIN, region))
        return true;
    const principal_t *p = api_principal(req);
    for (int i = 0; p && i < p->ngrants; i++)
        if (strcmp(p->grants[i].role, "agency_admin") == 0 && p->grants[i].agency_id == agency_id &&
            region_covers(p->grants[i].region_code, region))
            return true;
    return false;
}

static json_t *parsed(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    return v ? v : json_null();
}

static json_t *summary_json(const service_t *s)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:{s:I, s:s, s:o}, s:s, s:s, s:s, s:I, s:o, s:I, s:s, s:s, s:I, s:o, s:o}",
                     "id", (json_int_t)s->id, "uuid", s->uuid, "region_code", s->region_code, "agency_id",
                     (json_int_t)s->agency_id, "agency", "id", (json_int_t)s->agency_id, "name", s->agency_name,
                     "short_name", s->agency_short ? json_string(s->agency_short) : json_null(), "code", s->code,
                     "name", s->name, "description", s->description ? s->description : "", "fee", (json_int_t)s->fee,
                     "channels", service_channels_json(s->channels), "sla_minutes", (json_int_t)s->sla_minutes,
                     "breach_policy", s->breach_policy, "status", s->status, "version", (json_int_t)s->version,
                     "created_at", api_time_json(s->created_at, s->region_code), "updated_at",
                     api_time_json(s->updated_at, s->region_code));
}

static json_t *service_json(const service_t *s)
{
    json_t *o = summary_json(s);
    json_object_set_new(o, "standard", parsed(s->standard));
    json_object_set_new(o, "requirements", parsed(s->requirements));
    json_object_set_new(o, "form", parsed(s->form));
    json_object_set_new(o, "workflow", parsed(s->workflow));
    return o;
}

static void reply_list(http_req_t *req, db_conn_t *c, const char *region, const char *status, int64_t agency,
                       const char *channel, const char *q)
{
    db_err_t err = {0};
    service_t *rows = arena_alloc(req->arena, MAX_LIST * sizeof *rows);
    int n = 0;
    if (!rows || services_list(c, req->arena, region, status, agency, channel, q, rows, MAX_LIST, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    json_t *data = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(data, summary_json(&rows[i]));
    http_reply_json(req, 200, json_pack("{s:o}", "data", data));
}

static int64_t parse_id(const char *s)
{
    if (!s || !*s || strlen(s) > 18)
        return -1;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    return errno || *end || v < 1 ? -1 : v;
}

void api_services_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *region = http_query(req, "region"), *agency = http_query(req, "agency");
    const char *channel = http_query(req, "channel"), *q = http_query(req, "q");
    json_t *fields = NULL;
    if (!region || region_code_level(region) == REGION_INVALID)
        api_field_error(&fields, "region", http_tr(req, "Wajib: kode wilayah, mis. 32.11.", "Required: a region code such as 32.11."));
    int64_t agency_id = agency ? parse_id(agency) : 0;
    if (agency_id < 0)
        api_field_error(&fields, "agency", http_tr(req, "Harus id instansi.", "Must be an agency id."));
    if (channel && strcmp(channel, "online") && strcmp(channel, "counter") && strcmp(channel, "mobile"))
        api_field_error(&fields, "channel", http_tr(req, "online, counter atau mobile.", "online, counter or mobile."));
    if (q && (strlen(q) > 100 || !utf8_valid(q, strlen(q))))
        api_field_error(&fields, "q", http_tr(req, "Kata kunci tidak sah.", "Invalid search text."));
    if (fields) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_conn(req, app);
    if (c)
        reply_list(req, c, region, "published", agency_id, channel, q);
}

void api_services_admin_list(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code"), *status = http_query(req, "status");
    if (status && strcmp(status, "draft") && strcmp(status, "published") && strcmp(status, "retired")) {
        json_t *fields = NULL;
        api_field_error(&fields, "status", http_tr(req, "draft, published atau retired.", "draft, published or retired."));
        http_reply_invalid(req, fields);
        return;
    }
    /* An agency admin (not region admin) sees his own agency's services only. */
    int64_t agency = 0;
    if (!api_may(req, ROLE_REGION_ADMIN | ROLE_PLATFORM_ADMIN, code)) {
        const principal_t *p = api_principal(req);
        for (int i = 0; p && i < p->ngrants && !agency; i++)
            if (strcmp(p->grants[i].role, "agency_admin") == 0 && region_covers(p->grants[i].region_code, code))
                agency = p->grants[i].agency_id;
        if (!agency) {
            api_forbidden(req);
            return;
        }
    }
    db_conn_t *c = api_conn(req, app);
    if (c)
        reply_list(req, c, code, status, agency, NULL, NULL);
}

/* Loads a service: 1 found, 0 after answering 404, -1 after answering. */
static int load(http_req_t *req, db_conn_t *c, service_t *s)
{
    db_err_t err = {0};
    int64_t id = api_id_param(req, "id");
    int rc = id ? services_get(c, req->arena, id, s, &err) : 0;
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    if (rc == 0)
        http_reply_not_found(req);
    return rc;
}

void api_services_get(http_req_t *req, void *appv)
{
    app_t *app = appv;
    db_conn_t *c = api_conn(req, app);
    service_t s;
    if (!c || load(req, c, &s) != 1)
        return;
    if (strcmp(s.status, "published") != 0) { /* drafts and retired ones: only to who manages them */
        if (!api_authenticate(req, app))
            return;
        if (!may_manage(req, s.region_code, s.agency_id)) {
            http_reply_not_found(req);
            return;
        }
    }
    http_reply_json(req, 200, service_json(&s));
}

/* Applies the writable fields of body to s (create: every required one). */
static bool read_body(http_req_t *req, json_t *b, bool create, service_t *s, json_t **fields)
{
    static const char *const create_keys[] = {"agency_id", "code", "name", "description", "standard", "requirements",
                                              "form", "fee", "channels", "sla_minutes", "breach_policy", "workflow", NULL};
    static const char *const update_keys[] = {"agency_id", "code", "name", "description", "standard", "requirements",
                                              "form", "fee", "channels", "sla_minutes", "breach_policy", "workflow",
                                              "version", NULL};
    api_unknown_fields(req, b, create ? create_keys : update_keys, fields);
    json_t *v;
    if ((v = json_object_get(b, "agency_id")) || create) {
        if (!json_is_integer(v) || json_integer_value(v) < 1)
            api_field_error(fields, "agency_id", http_tr(req, "Wajib: id instansi.", "Required: an agency id."));
        else
            s->agency_id = json_integer_value(v);
    }
    if ((v = json_object_get(b, "code")) || create) {
        const char *code = api_json_text(v);
        size_t n = code ? strlen(code) : 0;
        bool ok = n >= 2 && n <= 40;
        for (size_t i = 0; ok && i < n; i++)
            ok = (code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') || code[i] == '-';
        if (!ok)
            api_field_error(fields, "code", http_tr(req, "2-40 karakter a-z 0-9 -.", "2-40 characters a-z 0-9 -."));
        else
            s->code = code;
    }
    if ((v = json_object_get(b, "name")) || create) {
        const char *name = api_json_text(v);
        size_t n = name && utf8_valid(name, strlen(name)) ? utf8_length(name, strlen(name)) : 0;
        if (n < 2 || n > 200)
            api_field_error(fields, "name", http_tr(req, "Nama 2 sampai 200 karakter.", "The name needs 2 to 200 characters."));
        else
            s->name = name;
    }
    if ((v = json_object_get(b, "description"))) {
        const char *d = api_json_text(v);
        if (!d || !utf8_valid(d, strlen(d)) || utf8_length(d, strlen(d)) > 2000)
            api_field_error(fields, "description", http_tr(req, "Teks maksimal 2000 karakter.", "Text of at most 2000 characters."));
        else
            s->description = d;
    }
    json_t *canon = NULL;
    if ((v = json_object_get(b, "standard")) || create) {
        json_t *empty = json_object();
        canon = service_standard(req, v ? v : empty, fields);
        json_decref(empty);
        if (canon) {
            char *t = json_dumps(canon, JSON_COMPACT | JSON_PRESERVE_ORDER);
            s->standard = arena_strdup(req->arena, t);
            free(t);
            json_decref(canon);
        }
    }
    if ((v = json_object_get(b, "requirements")) || create) {
        json_t *empty = json_array();
        canon = service_requirements(req, v ? v : empty, fields);
        json_decref(empty);
        if (canon) {
            char *t = json_dumps(canon, JSON_COMPACT | JSON_PRESERVE_ORDER);
            s->requirements = arena_strdup(req->arena, t);
            free(t);
            json_decref(canon);
        }
    }
    if ((v = json_object_get(b, "form")) || create) {
        json_t *empty = json_array();
        canon = service_form(req, v ? v : empty, fields);
        json_decref(empty);
        if (canon) {
            char *t = json_dumps(canon, JSON_COMPACT | JSON_PRESERVE_ORDER);
            s->form = arena_strdup(req->arena, t);
            free(t);
            json_decref(canon);
        }
    }
    if ((v = json_object_get(b, "fee")) || create) {
        if (!json_is_integer(v) || json_integer_value(v) < 0)
            api_field_error(fields, "fee", http_tr(req, "Biaya dalam rupiah, 0 atau lebih.", "The fee in rupiah, 0 or more."));
        else
            s->fee = json_integer_value(v);
    }
    if ((v = json_object_get(b, "channels")) || create) {
        const char *ch = service_channels(req, v, fields);
        if (ch)
            s->channels = ch;
    }
    if ((v = json_object_get(b, "sla_minutes")) || create) {
        if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > MAX_SLA)
            api_field_error(fields, "sla_minutes", http_tr(req, "Menit kerja, 1 sampai 1.000.000.", "Working minutes, 1 to 1,000,000."));
        else
            s->sla_minutes = json_integer_value(v);
    }
    if ((v = json_object_get(b, "breach_policy")) || create) {
        const char *bp = api_json_text(v);
        if (!bp || (strcmp(bp, "escalate") && strcmp(bp, "deemed_approval")))
            api_field_error(fields, "breach_policy", http_tr(req, "escalate atau deemed_approval.", "escalate or deemed_approval."));
        else
            s->breach_policy = bp;
    }
    v = json_object_get(b, "workflow");
    if (v || create) {
        workflow_t *wf = arena_alloc(req->arena, sizeof *wf);
        bool ok = wf != NULL;
        if (ok && v)
            ok = service_workflow_from_json(req, v, wf, fields);
        else if (ok)
            workflow_default(wf);
        if (ok) {
            json_t *w = service_workflow_json(wf);
            char *t = json_dumps(w, JSON_COMPACT | JSON_PRESERVE_ORDER);
            s->workflow = arena_strdup(req->arena, t);
            free(t);
            json_decref(w);
        }
    }
    return *fields == NULL;
}

/* The agency must exist in the service's region: true, or false after a field error / answer. */
static int agency_in_region(http_req_t *req, db_conn_t *c, int64_t agency_id, const char *region, json_t **fields)
{
    db_err_t err = {0};
    agency_t a;
    int rc = agencies_get(c, req->arena, agency_id, &a, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    if (rc == 0 || strcmp(a.region_code, region) != 0) {
        api_field_error(fields, "agency_id", http_tr(req, "Instansi tidak ada di wilayah ini.", "No such agency in this region."));
        return 0;
    }
    return 1;
}

static void conflict_code(http_req_t *req)
{
    json_t *fields = NULL;
    api_field_error(&fields, "code", http_tr(req, "Kode layanan sudah dipakai di wilayah ini.", "This service code is taken in this region."));
    http_reply_error(req, 409, "conflict", http_tr(req, "Sudah ada.", "Exists already."), fields);
}

void api_services_create(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code");
    service_t s = {.region_code = code, .description = ""};
    json_t *fields = NULL;
    if (!read_body(req, req->json, true, &s, &fields)) {
        http_reply_invalid(req, fields);
        return;
    }
    if (!may_manage(req, code, s.agency_id)) {
        api_forbidden(req);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    int fit = agency_in_region(req, c, s.agency_id, code, &fields);
    if (fit != 1) {
        db_rollback(c);
        if (fit == 0)
            http_reply_invalid(req, fields);
        return;
    }
    db_err_t err = {0};
    int64_t id;
    int rc = services_insert(c, &s, &id, &err);
    if (rc == DB_CONFLICT) {
        db_rollback(c);
        conflict_code(req);
        return;
    }
    service_t stored;
    if (rc != DB_OK || services_get(c, req->arena, id, &stored, &err) != 1) {
        api_abort(req, c, &err);
        return;
    }
    json_t *out = service_json(&stored);
    json_t *change = json_pack("{s:s, s:s, s:I}", "code", stored.code, "status", stored.status, "agency_id", (json_int_t)stored.agency_id);
    bool done = api_finish(req, c, "service.create", "service", id, code, change);
    json_decref(change);
    if (!done) {
        json_decref(out);
        return;
    }
    http_reply_json(req, 201, out);
}

/* The shared path of update, publish and retire: load, check rights and
 * version, let change() alter s, store, audit, answer. */
static void change_service(http_req_t *req, app_t *app, const char *action,
                           bool (*change)(http_req_t *req, db_conn_t *c, service_t *s, json_t **fields))
{
    json_t *jv = json_object_get(req->json, "version");
    json_t *fields = NULL;
    if (!json_is_integer(jv) || json_integer_value(jv) < 1) {
        api_field_error(&fields, "version", http_tr(req, "Wajib: versi yang terakhir dibaca.", "Required: the version you read."));
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    service_t s;
    int rc = load(req, c, &s);
    if (rc != 1 || !may_manage(req, s.region_code, s.agency_id)) {
        db_rollback(c);
        if (rc == 1)
            api_forbidden(req);
        return;
    }
    if (strcmp(s.status, "retired") == 0) {
        db_rollback(c);
        http_reply_error(req, 409, "retired", http_tr(req, "Layanan sudah dihentikan.", "The service is retired."), NULL);
        return;
    }
    if (!change(req, c, &s, &fields)) {
        db_rollback(c);
        if (fields)
            http_reply_invalid(req, fields);
        return;
    }
    s.version = json_integer_value(jv);
    db_err_t err = {0};
    bool changed;
    rc = services_update(c, &s, &changed, &err);
    if (rc == DB_CONFLICT) {
        db_rollback(c);
        conflict_code(req);
        return;
    }
    if (rc != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    if (!changed) {
        db_rollback(c);
        http_reply_error(req, 409, "stale_version", http_tr(req, "Data sudah diubah orang lain; muat ulang.", "Changed by someone else; reload."), NULL);
        return;
    }
    service_t stored;
    if (services_get(c, req->arena, s.id, &stored, &err) != 1) {
        api_abort(req, c, &err);
        return;
    }
    json_t *change_doc = json_pack("{s:s, s:s, s:I}", "code", stored.code, "status", stored.status, "version", (json_int_t)stored.version);
    bool done = api_finish(req, c, action, "service", s.id, s.region_code, change_doc);
    json_decref(change_doc);
    if (done)
        http_reply_json(req, 200, service_json(&stored));
}

static bool standard_complete(http_req_t *req, const service_t *s, json_t **fields);

static bool apply_update(http_req_t *req, db_conn_t *c, service_t *s, json_t **fields)
{
    if (!read_body(req, req->json, false, s, fields))
        return false;
    if (strcmp(s->status, "published") == 0 && !standard_complete(req, s, fields))
        return false; /* what citizens read must stay complete */
    int fit = agency_in_region(req, c, s->agency_id, s->region_code, fields);
    if (fit == 1 && !may_manage(req, s->region_code, s->agency_id)) {
        api_forbidden(req);
        return false;
    }
    return fit == 1;
}

static bool apply_publish(http_req_t *req, db_conn_t *c, service_t *s, json_t **fields)
{
    (void)c;
    static const char *const only[] = {"version", NULL};
    api_unknown_fields(req, req->json, only, fields);
    if (!standard_complete(req, s, fields))
        return false;
    s->status = "published";
    return true;
}

/* Every Standar Pelayanan component has text (PermenPAN-RB 15/2014). */
static bool standard_complete(http_req_t *req, const service_t *s, json_t **fields)
{
    json_t *std = json_loads(s->standard, 0, NULL);
    for (int i = 0; service_standard_keys[i]; i++) {
        const char *t = json_string_value(json_object_get(std, service_standard_keys[i]));
        bool blank = true;
        for (const char *q = t; q && *q && blank; q++)
            blank = *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '\f' || *q == '\v';
        if (blank) {
            char f[48];
            snprintf(f, sizeof f, "standard.%s", service_standard_keys[i]);
            api_field_error(fields, f, http_tr(req, "Wajib diisi sebelum terbit (PermenPAN-RB 15/2014).",
                                               "Required before publishing (PermenPAN-RB 15/2014)."));
        }
    }
    json_decref(std);
    return *fields == NULL;
}

static bool apply_retire(http_req_t *req, db_conn_t *c, service_t *s, json_t **fields)
{
    (void)c;
    static const char *const only[] = {"version", NULL};
    api_unknown_fields(req, req->json, only, fields);
    if (*fields)
        return false;
    s->status = "retired";
    return true;
}

void api_services_update(http_req_t *req, void *app)
{
    change_service(req, app, "service.update", apply_update);
}

void api_services_publish(http_req_t *req, void *app)
{
    change_service(req, app, "service.publish", apply_publish);
}

void api_services_retire(http_req_t *req, void *app)
{
    change_service(req, app, "service.retire", apply_retire);
}
