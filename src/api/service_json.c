/* service_json.c - see service_json.h. */
#include "api/service_json.h"

#include "domain/roles.h"
#include "lib/utf8.h"

#include <stdio.h>
#include <string.h>

#define MAX_TEXT 4000
#define MAX_REQUIREMENTS 20
#define MAX_FORM 50
#define MAX_OPTIONS 50
#define MAX_UPLOAD (20 * 1024 * 1024)

/* PermenPAN-RB 15/2014: service delivery, then service management. */
const char *const service_standard_keys[] = {
    "persyaratan", "prosedur",   "jangka_waktu", "biaya",           "produk",            "pengaduan",
    "dasar_hukum", "sarana",     "kompetensi",   "pengawasan",      "jumlah_pelaksana", "jaminan_pelayanan",
    "jaminan_keamanan", "evaluasi", NULL,
};

static const char *const form_types[] = {"text", "number", "date", "choice", "nik", "region", "file", NULL};
static const char *const formats[] = {"pdf", "jpg", "png", NULL};
static const char *const channels[] = {"online", "counter", "mobile", NULL};

static bool in_list(const char *s, const char *const list[])
{
    for (int i = 0; s && list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return true;
    return false;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static size_t chars(const char *s)
{
    return s && utf8_valid(s, strlen(s)) ? utf8_length(s, strlen(s)) : (size_t)-1;
}

/* [a-z0-9_], 1..40. */
static bool ident(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 1 || n > 40)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
            return false;
    return true;
}

static void err_at(http_req_t *req, json_t **fields, const char *path, const char *id, const char *en)
{
    api_field_error(fields, path, http_tr(req, id, en));
}

json_t *service_standard(http_req_t *req, json_t *v, json_t **fields)
{
    if (!json_is_object(v)) {
        err_at(req, fields, "standard", "Harus berupa objek 14 komponen.", "Must be an object of the 14 components.");
        return NULL;
    }
    bool ok = true;
    const char *key;
    json_t *x;
    char path[64];
    json_object_foreach(v, key, x) {
        snprintf(path, sizeof path, "standard.%s", key);
        if (!in_list(key, service_standard_keys)) {
            err_at(req, fields, path, "Komponen tidak dikenal.", "Unknown component.");
            ok = false;
        } else if (!api_json_text(x) || chars(api_json_text(x)) > MAX_TEXT) {
            err_at(req, fields, path, "Teks maksimal 4000 karakter.", "Text of at most 4000 characters.");
            ok = false;
        }
    }
    if (!ok)
        return NULL;
    json_t *out = json_object();
    for (int i = 0; service_standard_keys[i]; i++) {
        const char *t = api_json_text(json_object_get(v, service_standard_keys[i]));
        json_object_set_new(out, service_standard_keys[i], json_string(t ? t : ""));
    }
    return out;
}

json_t *service_requirements(http_req_t *req, json_t *v, json_t **fields)
{
    if (!json_is_array(v) || json_array_size(v) > MAX_REQUIREMENTS) {
        err_at(req, fields, "requirements", "Daftar sampai 20 dokumen.", "A list of up to 20 documents.");
        return NULL;
    }
    json_t *out = json_array();
    bool ok = true;
    size_t i;
    json_t *r;
    char p[96];
    json_array_foreach(v, i, r) {
        snprintf(p, sizeof p, "requirements[%zu]", i);
        if (!json_is_object(r)) {
            err_at(req, fields, p, "Harus berupa objek.", "Must be an object.");
            ok = false;
            continue;
        }
        static const char *const keys[] = {"code", "name", "formats", "max_bytes", "mandatory", NULL};
        const char *key;
        json_t *x;
        json_object_foreach(r, key, x) {
            if (!in_list(key, keys)) {
                char kp[128];
                snprintf(kp, sizeof kp, "%s.%s", p, key);
                err_at(req, fields, kp, "Kolom tidak dikenal.", "Unknown field.");
                ok = false;
            }
        }
        const char *code = api_json_text(json_object_get(r, "code"));
        const char *name = api_json_text(json_object_get(r, "name"));
        json_t *fm = json_object_get(r, "formats"), *mb = json_object_get(r, "max_bytes"),
               *md = json_object_get(r, "mandatory");
        char f[128];
        snprintf(f, sizeof f, "%s.code", p);
        if (!ident(code)) {
            err_at(req, fields, f, "1-40 karakter a-z 0-9 _.", "1-40 characters a-z 0-9 _.");
            ok = false;
        } else {
            for (size_t k = 0; k < i; k++)
                if (strcmp(code, or_empty(api_json_text(json_object_get(json_array_get(v, k), "code")))) == 0) {
                    err_at(req, fields, f, "Kode dokumen ganda.", "Duplicate document code.");
                    ok = false;
                }
        }
        snprintf(f, sizeof f, "%s.name", p);
        if (chars(name) < 2 || chars(name) > 200) {
            err_at(req, fields, f, "Nama 2 sampai 200 karakter.", "The name needs 2 to 200 characters.");
            ok = false;
        }
        snprintf(f, sizeof f, "%s.formats", p);
        if (!json_is_array(fm) || json_array_size(fm) == 0 || json_array_size(fm) > 3) {
            err_at(req, fields, f, "Daftar format: pdf, jpg, png.", "A list of formats: pdf, jpg, png.");
            ok = false;
        } else {
            size_t k;
            json_t *x2;
            json_array_foreach(fm, k, x2) {
                if (!in_list(api_json_text(x2), formats)) {
                    snprintf(f, sizeof f, "%s.formats[%zu]", p, k);
                    err_at(req, fields, f, "pdf, jpg atau png.", "pdf, jpg or png.");
                    ok = false;
                }
            }
        }
        snprintf(f, sizeof f, "%s.max_bytes", p);
        if (!json_is_integer(mb) || json_integer_value(mb) < 1 || json_integer_value(mb) > MAX_UPLOAD) {
            err_at(req, fields, f, "Ukuran 1 byte sampai 20 MiB.", "A size from 1 byte to 20 MiB.");
            ok = false;
        }
        snprintf(f, sizeof f, "%s.mandatory", p);
        if (md && !json_is_boolean(md)) {
            err_at(req, fields, f, "Harus true atau false.", "Must be true or false.");
            ok = false;
        }
        if (ok)
            json_array_append_new(out, json_pack("{s:s, s:s, s:O, s:I, s:b}", "code", code, "name", name, "formats", fm,
                                                 "max_bytes", (json_int_t)json_integer_value(mb), "mandatory",
                                                 md ? json_is_true(md) : 1));
    }
    if (!ok) {
        json_decref(out);
        return NULL;
    }
    return out;
}

json_t *service_form(http_req_t *req, json_t *v, json_t **fields)
{
    if (!json_is_array(v) || json_array_size(v) > MAX_FORM) {
        err_at(req, fields, "form", "Daftar sampai 50 isian.", "A list of up to 50 fields.");
        return NULL;
    }
    json_t *out = json_array();
    bool ok = true;
    size_t i;
    json_t *r;
    char p[64], f[128];
    json_array_foreach(v, i, r) {
        snprintf(p, sizeof p, "form[%zu]", i);
        if (!json_is_object(r)) {
            err_at(req, fields, p, "Harus berupa objek.", "Must be an object.");
            ok = false;
            continue;
        }
        static const char *const keys[] = {"name", "label", "type", "required", "options", NULL};
        const char *key;
        json_t *x;
        json_object_foreach(r, key, x) {
            if (!in_list(key, keys)) {
                snprintf(f, sizeof f, "%s.%s", p, key);
                err_at(req, fields, f, "Kolom tidak dikenal.", "Unknown field.");
                ok = false;
            }
        }
        const char *name = api_json_text(json_object_get(r, "name"));
        const char *label = api_json_text(json_object_get(r, "label"));
        const char *type = api_json_text(json_object_get(r, "type"));
        json_t *rq = json_object_get(r, "required"), *opts = json_object_get(r, "options");
        snprintf(f, sizeof f, "%s.name", p);
        if (!ident(name)) {
            err_at(req, fields, f, "1-40 karakter a-z 0-9 _.", "1-40 characters a-z 0-9 _.");
            ok = false;
        } else {
            for (size_t k = 0; k < i; k++)
                if (strcmp(name, or_empty(api_json_text(json_object_get(json_array_get(v, k), "name")))) == 0) {
                    err_at(req, fields, f, "Nama isian ganda.", "Duplicate field name.");
                    ok = false;
                }
        }
        snprintf(f, sizeof f, "%s.label", p);
        if (chars(label) < 1 || chars(label) > 200) {
            err_at(req, fields, f, "Label 1 sampai 200 karakter.", "A label of 1 to 200 characters.");
            ok = false;
        }
        snprintf(f, sizeof f, "%s.type", p);
        if (!in_list(type, form_types)) {
            err_at(req, fields, f, "text, number, date, choice, nik, region atau file.",
                   "text, number, date, choice, nik, region or file.");
            ok = false;
        }
        snprintf(f, sizeof f, "%s.required", p);
        if (rq && !json_is_boolean(rq)) {
            err_at(req, fields, f, "Harus true atau false.", "Must be true or false.");
            ok = false;
        }
        snprintf(f, sizeof f, "%s.options", p);
        bool choice = type && strcmp(type, "choice") == 0;
        if (choice && (!json_is_array(opts) || json_array_size(opts) < 1 || json_array_size(opts) > MAX_OPTIONS)) {
            err_at(req, fields, f, "Pilihan wajib: 1 sampai 50 teks.", "Options required: 1 to 50 texts.");
            ok = false;
        } else if (!choice && opts && !json_is_null(opts)) {
            err_at(req, fields, f, "Hanya untuk jenis choice.", "Only for type choice.");
            ok = false;
        } else if (choice) {
            size_t k;
            json_t *o;
            json_array_foreach(opts, k, o) {
                if (chars(api_json_text(o)) < 1 || chars(api_json_text(o)) > 200) {
                    snprintf(f, sizeof f, "%s.options[%zu]", p, k);
                    err_at(req, fields, f, "Teks 1 sampai 200 karakter.", "Text of 1 to 200 characters.");
                    ok = false;
                }
            }
        }
        if (ok) {
            json_t *field = json_pack("{s:s, s:s, s:s, s:b}", "name", name, "label", label, "type", type, "required",
                                      rq ? json_is_true(rq) : 0);
            json_object_set(field, "options", choice ? opts : json_null());
            json_array_append_new(out, field);
        }
    }
    if (!ok) {
        json_decref(out);
        return NULL;
    }
    return out;
}

const char *service_channels(http_req_t *req, json_t *v, json_t **fields)
{
    if (!json_is_array(v) || json_array_size(v) < 1 || json_array_size(v) > 3) {
        err_at(req, fields, "channels", "Pilih online, counter dan/atau mobile.", "Choose online, counter and/or mobile.");
        return NULL;
    }
    char buf[64] = ",";
    size_t i;
    json_t *c;
    json_array_foreach(v, i, c) {
        const char *s = api_json_text(c);
        char f[32];
        snprintf(f, sizeof f, "channels[%zu]", i);
        if (!in_list(s, channels)) {
            err_at(req, fields, f, "online, counter atau mobile.", "online, counter or mobile.");
            return NULL;
        }
        char needle[16];
        snprintf(needle, sizeof needle, ",%s,", s);
        if (!strstr(buf, needle)) {
            strcat(buf, s);
            strcat(buf, ",");
        }
    }
    return arena_strdup(req->arena, buf);
}

json_t *service_channels_json(const char *stored)
{
    json_t *a = json_array();
    for (int i = 0; channels[i]; i++) {
        char needle[16];
        snprintf(needle, sizeof needle, ",%s,", channels[i]);
        if (stored && strstr(stored, needle))
            json_array_append_new(a, json_string(channels[i]));
    }
    return a;
}

/* ---- workflow ------------------------------------------------------------------ */

static unsigned roles_from_json(json_t *v, bool *ok)
{
    unsigned bits = 0;
    *ok = json_is_array(v) && json_array_size(v) > 0;
    size_t i;
    json_t *r;
    json_array_foreach(v, i, r) {
        unsigned b = role_bit(api_json_text(r));
        if (!b)
            *ok = false;
        bits |= b;
    }
    return bits;
}

/* Adds "Unknown field" errors for keys of obj not in allowed, under path. */
static bool only_keys(http_req_t *req, json_t *obj, const char *const allowed[], const char *path, json_t **fields)
{
    bool ok = true;
    const char *key;
    json_t *x;
    json_object_foreach(obj, key, x) {
        if (!in_list(key, allowed)) {
            char f[128];
            snprintf(f, sizeof f, "%s.%s", path, key);
            err_at(req, fields, f, "Kolom tidak dikenal.", "Unknown field.");
            ok = false;
        }
    }
    return ok;
}

bool service_workflow_from_json(http_req_t *req, json_t *v, workflow_t *wf, json_t **fields)
{
    static const char *const top_keys[] = {"version", "states", "actions", NULL};
    static const char *const state_keys[] = {"name", "label_id", "label_en", "kind", "sla_minutes", NULL};
    static const char *const action_keys[] = {"name", "from", "to", "label_id", "label_en", "roles", "comment_required", NULL};
    json_t *st = json_object_get(v, "states"), *ac = json_object_get(v, "actions"), *ver = json_object_get(v, "version");
    if (!json_is_object(v) || !json_is_array(st) || !json_is_array(ac)) {
        err_at(req, fields, "workflow", "Harus {version, states, actions}.", "Must be {version, states, actions}.");
        return false;
    }
    bool ok = only_keys(req, v, top_keys, "workflow", fields);
    if (ver && (!json_is_integer(ver) || json_integer_value(ver) < 1 || json_integer_value(ver) > 1000000)) {
        err_at(req, fields, "workflow.version", "Bilangan bulat 1 atau lebih.", "A whole number, 1 or more.");
        ok = false;
    }
    workflow_init(wf, ver && json_is_integer(ver) ? (int)json_integer_value(ver) : 1);
    char f[96], ff[128];
    size_t i;
    json_t *s;
    json_array_foreach(st, i, s) {
        snprintf(f, sizeof f, "workflow.states[%zu]", i);
        if (!json_is_object(s)) {
            err_at(req, fields, f, "Harus berupa objek.", "Must be an object.");
            ok = false;
            continue;
        }
        ok &= only_keys(req, s, state_keys, f, fields);
        wf_kind_t kind = WF_NORMAL;
        const char *kn = api_json_text(json_object_get(s, "kind"));
        if (!kn || !wf_kind_parse(kn, &kind)) {
            snprintf(ff, sizeof ff, "%s.kind", f);
            err_at(req, fields, ff, "start, normal, paused atau terminal.", "start, normal, paused or terminal.");
            ok = false;
        }
        json_t *budget = json_object_get(s, "sla_minutes");
        if (budget && !json_is_null(budget) && (!json_is_integer(budget) || json_integer_value(budget) < 0)) {
            snprintf(ff, sizeof ff, "%s.sla_minutes", f);
            err_at(req, fields, ff, "Menit kerja, 0 atau lebih.", "Working minutes, 0 or more.");
            ok = false;
        }
        const char *lid = api_json_text(json_object_get(s, "label_id")), *len = api_json_text(json_object_get(s, "label_en"));
        if (ok && workflow_add_state(wf, api_json_text(json_object_get(s, "name")), kind,
                                     json_is_integer(budget) ? json_integer_value(budget) : 0, lid ? lid : "",
                                     len ? len : "") != WF_OK) {
            err_at(req, fields, f, "Tahapan tidak sah atau terlalu banyak.", "Invalid state, or too many.");
            ok = false;
        }
    }
    json_t *a;
    json_array_foreach(ac, i, a) {
        snprintf(f, sizeof f, "workflow.actions[%zu]", i);
        if (!json_is_object(a)) {
            err_at(req, fields, f, "Harus berupa objek.", "Must be an object.");
            ok = false;
            continue;
        }
        ok &= only_keys(req, a, action_keys, f, fields);
        bool roles_ok;
        unsigned roles = roles_from_json(json_object_get(a, "roles"), &roles_ok);
        if (!roles_ok) {
            snprintf(ff, sizeof ff, "%s.roles", f);
            err_at(req, fields, ff, "Daftar peran yang dikenal.", "A list of known roles.");
            ok = false;
        }
        json_t *cr = json_object_get(a, "comment_required");
        if (cr && !json_is_boolean(cr)) {
            snprintf(ff, sizeof ff, "%s.comment_required", f);
            err_at(req, fields, ff, "Harus true atau false.", "Must be true or false.");
            ok = false;
        }
        const char *lid = api_json_text(json_object_get(a, "label_id")), *len = api_json_text(json_object_get(a, "label_en"));
        if (ok && workflow_add_action(wf, api_json_text(json_object_get(a, "name")), api_json_text(json_object_get(a, "from")),
                                      api_json_text(json_object_get(a, "to")), roles, json_is_true(cr), lid ? lid : "",
                                      len ? len : "") != WF_OK) {
            err_at(req, fields, f, "Tindakan tidak sah atau terlalu banyak.", "Invalid action, or too many.");
            ok = false;
        }
    }
    if (!ok)
        return false;
    wf_where_t where;
    wf_status_t rc = workflow_validate(wf, &where);
    if (rc == WF_OK)
        return true;
    if (where.part == WF_AT_STATE || where.part == WF_AT_ACTION)
        snprintf(f, sizeof f, "workflow.%s[%zu]%s%s", where.part == WF_AT_STATE ? "states" : "actions", where.index,
                 where.field ? "." : "", where.field ? where.field : "");
    else if (where.field)
        snprintf(f, sizeof f, "workflow.%s", where.field);
    else
        snprintf(f, sizeof f, "workflow");
    api_field_error(fields, f, req->lang == LANG_EN ? workflow_reason_en(rc) : workflow_reason_id(rc));
    return false;
}

json_t *service_workflow_json(const workflow_t *wf)
{
    json_t *states = json_array(), *actions = json_array();
    for (size_t i = 0; i < wf->n_states; i++) {
        const wf_state_t *s = &wf->states[i];
        json_array_append_new(states, json_pack("{s:s, s:s, s:s, s:s, s:I}", "name", s->name, "label_id", s->label_id,
                                                "label_en", s->label_en, "kind", wf_kind_name(s->kind), "sla_minutes",
                                                (json_int_t)s->sla_minutes));
    }
    for (size_t i = 0; i < wf->n_actions; i++) {
        const wf_action_t *a = &wf->actions[i];
        json_t *roles = json_array();
        for (int r = 0; role_names[r]; r++)
            if (a->roles & (1u << r))
                json_array_append_new(roles, json_string(role_names[r]));
        json_array_append_new(actions, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:b}", "name", a->name, "from", a->from,
                                                 "to", a->to, "label_id", a->label_id, "label_en", a->label_en, "roles",
                                                 roles, "comment_required", a->comment_required));
    }
    return json_pack("{s:i, s:o, s:o}", "version", wf->version, "states", states, "actions", actions);
}
