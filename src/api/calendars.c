/* calendars.c - see calendars.h. */
#include "api/calendars.h"

#include "api/cache.h"
#include "api/guard.h"
#include "api/people.h"
#include "domain/region_code.h"
#include "domain/roles.h"
#include "domain/timezone.h"
#include "store/calendars.h"
#include "store/regions.h"
#include "lib/clock.h"
#include "lib/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_HOLIDAYS 500
#define MAX_EXCEPTIONS 50

static const char *const day_keys[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* "07:30" -> 450; "24:00" allowed; -1 when malformed. */
static int parse_hhmm(const char *s)
{
    if (!s || strlen(s) != 5 || s[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    return h * 60 + m;
}

static json_t *hhmm(int minutes)
{
    return json_sprintf("%02d:%02d", minutes / 60, minutes % 60);
}

static json_t *date_json(cal_date_t d)
{
    return json_sprintf("%04d-%02d-%02d", d.year, d.month, d.day);
}

/* Reads {"mon": [["07:30","12:00"], ...], ...} at path into week; missing days are closed. */
static void read_week(http_req_t *req, json_t *w, const char *path, cal_day_hours_t week[7], json_t **fields)
{
    memset(week, 0, 7 * sizeof *week);
    char f[96];
    if (!json_is_object(w)) {
        api_field_error(fields, path, http_tr(req, "Harus berupa objek mon..sun.", "Must be an object mon..sun."));
        return;
    }
    const char *key;
    json_t *v;
    json_object_foreach(w, key, v) {
        int d = -1;
        for (int i = 0; i < 7; i++)
            if (strcmp(key, day_keys[i]) == 0)
                d = i;
        snprintf(f, sizeof f, "%s.%s", path, key);
        if (d < 0) {
            api_field_error(fields, f, http_tr(req, "Hari tidak dikenal (mon..sun).", "Unknown day (mon..sun)."));
            continue;
        }
        if (!json_is_array(v) || json_array_size(v) > CAL_MAX_INTERVALS) {
            api_field_error(fields, f, http_tr(req, "Daftar sampai 4 jam buka [\"07:30\",\"12:00\"].",
                                               "A list of up to 4 intervals [\"07:30\",\"12:00\"]."));
            continue;
        }
        size_t i;
        json_t *iv;
        json_array_foreach(v, i, iv) {
            snprintf(f, sizeof f, "%s.%s[%zu]", path, key, i);
            int a = json_is_array(iv) && json_array_size(iv) == 2 ? parse_hhmm(api_json_text(json_array_get(iv, 0))) : -1;
            int b = a >= 0 ? parse_hhmm(api_json_text(json_array_get(iv, 1))) : -1;
            if (a < 0 || b < 0) {
                api_field_error(fields, f, http_tr(req, "Harus [\"JJ:MM\",\"JJ:MM\"].", "Must be [\"HH:MM\",\"HH:MM\"]."));
                continue;
            }
            week[d].iv[week[d].count++] = (cal_interval_t){a, b};
        }
    }
}

static bool read_date(http_req_t *req, json_t *v, const char *f, cal_date_t *d, json_t **fields)
{
    if (calendar_date_parse(api_json_text(v), d) == CAL_OK)
        return true;
    api_field_error(fields, f, http_tr(req, "Tanggal YYYY-MM-DD yang sah.", "A real date YYYY-MM-DD."));
    return false;
}

/* Reads [{"first","last","name"[, "week"]}...] for holidays (week=false) or exceptions. */
static void read_ranges(http_req_t *req, json_t *list, const char *path, bool with_week, calendar_doc_t *out,
                        json_t **fields)
{
    size_t max = with_week ? MAX_EXCEPTIONS : MAX_HOLIDAYS;
    if (!list)
        return;
    if (!json_is_array(list) || json_array_size(list) > max) {
        api_field_error(fields, path, with_week ? http_tr(req, "Daftar sampai 50 pengecualian.", "A list of up to 50 exceptions.")
                                                : http_tr(req, "Daftar sampai 500 hari libur.", "A list of up to 500 holidays."));
        return;
    }
    size_t n = json_array_size(list), i;
    json_t *v;
    if (with_week)
        out->exceptions = arena_calloc(req->arena, (n ? n : 1) * sizeof *out->exceptions);
    else
        out->holidays = arena_calloc(req->arena, (n ? n : 1) * sizeof *out->holidays);
    json_array_foreach(list, i, v) {
        char f[96];
        snprintf(f, sizeof f, "%s[%zu]", path, i);
        if (!json_is_object(v)) {
            api_field_error(fields, f, http_tr(req, "Harus berupa objek.", "Must be an object."));
            continue;
        }
        const char *key;
        json_t *x;
        json_object_foreach(v, key, x) {
            if (strcmp(key, "first") && strcmp(key, "last") && strcmp(key, "name") && (!with_week || strcmp(key, "week"))) {
                char kf[128];
                snprintf(kf, sizeof kf, "%s.%s", f, key);
                api_field_error(fields, kf, http_tr(req, "Kolom tidak dikenal.", "Unknown field."));
            }
        }
        cal_date_t first = {0}, last = {0};
        char ff[128], lf[128], nf[128];
        snprintf(ff, sizeof ff, "%s.first", f);
        snprintf(lf, sizeof lf, "%s.last", f);
        snprintf(nf, sizeof nf, "%s.name", f);
        read_date(req, json_object_get(v, "first"), ff, &first, fields);
        json_t *jl = json_object_get(v, "last");
        if (jl)
            read_date(req, jl, lf, &last, fields);
        else
            last = first; /* a single day */
        json_t *jn = json_object_get(v, "name");
        const char *name = jn ? api_json_text(jn) : NULL;
        if (jn && !name)
            api_field_error(fields, nf, http_tr(req, "Harus berupa teks.", "Must be text."));
        else if (name && (!utf8_valid(name, strlen(name)) || utf8_length(name, strlen(name)) > 120))
            api_field_error(fields, nf, http_tr(req, "Nama maksimal 120 karakter.", "At most 120 characters."));
        const char *copy = name ? arena_strdup(req->arena, name) : NULL;
        if (with_week) {
            cal_exception_t *e = &out->exceptions[out->cal.n_exceptions++];
            e->first = first;
            e->last = last;
            e->name = copy;
            char wf[128];
            snprintf(wf, sizeof wf, "%s.week", f);
            read_week(req, json_object_get(v, "week"), wf, e->hours, fields);
        } else {
            cal_holiday_t *h = &out->holidays[out->cal.n_holidays++];
            h->first = first;
            h->last = last;
            h->name = copy;
        }
    }
    if (with_week)
        out->cal.exceptions = out->exceptions;
    else
        out->cal.holidays = out->holidays;
}

/* Turns a validation failure into the field it concerns. */
static void where_field(const cal_where_t *w, char *out, size_t len)
{
    switch (w->part) {
    case CAL_AT_OFFSET: snprintf(out, len, "time_zone"); break;
    case CAL_AT_WEEK:
        if (w->interval >= 0)
            snprintf(out, len, "week.%s[%d]", day_keys[w->weekday % 7], w->interval);
        else
            snprintf(out, len, "week");
        break;
    case CAL_AT_HOLIDAY: snprintf(out, len, "holidays[%zu]", w->index); break;
    case CAL_AT_EXCEPTION:
        if (w->interval >= 0)
            snprintf(out, len, "exceptions[%zu].week.%s[%d]", w->index, day_keys[w->weekday % 7], w->interval);
        else
            snprintf(out, len, "exceptions[%zu]", w->index);
        break;
    default: snprintf(out, len, "calendar");
    }
}

bool calendar_from_json(http_req_t *req, json_t *doc, calendar_doc_t *out, json_t **fields)
{
    /* What GET answers can be sent back as it is: the read-only fields are ignored. */
    static const char *const allowed[] = {"time_zone", "week",        "holidays",   "exceptions", "version",
                                          "region_code", "utc_offset", "updated_at", NULL};
    memset(out, 0, sizeof *out);
    api_unknown_fields(req, doc, allowed, fields);
    const char *tz = api_json_text(json_object_get(doc, "time_zone"));
    int offset = tz_parse(tz);
    if (offset < 0)
        api_field_error(fields, "time_zone", http_tr(req, "WIB, WITA atau WIT.", "WIB, WITA or WIT."));
    out->cal.offset_minutes = offset < 0 ? 420 : offset;
    read_week(req, json_object_get(doc, "week"), "week", out->cal.week, fields);
    read_ranges(req, json_object_get(doc, "holidays"), "holidays", false, out, fields);
    read_ranges(req, json_object_get(doc, "exceptions"), "exceptions", true, out, fields);
    if (*fields)
        return false;
    cal_where_t where;
    calendar_status_t st = calendar_validate(&out->cal, &where);
    if (st == CAL_OK)
        return true;
    char f[96];
    where_field(&where, f, sizeof f);
    api_field_error(fields, f, req->lang == LANG_EN ? calendar_reason_en(st) : calendar_reason_id(st));
    return false;
}

static json_t *week_json(const cal_day_hours_t week[7])
{
    json_t *w = json_object();
    for (int d = 0; d < 7; d++) {
        json_t *ivs = json_array();
        for (int i = 0; i < week[d].count; i++)
            json_array_append_new(ivs, json_pack("[o, o]", hhmm(week[d].iv[i].start), hhmm(week[d].iv[i].end)));
        json_object_set_new(w, day_keys[d], ivs);
    }
    return w;
}

json_t *calendar_to_json(const calendar_t *cal)
{
    json_t *hol = json_array(), *exc = json_array();
    for (size_t i = 0; i < cal->n_holidays; i++) {
        const cal_holiday_t *h = &cal->holidays[i];
        json_t *o = json_pack("{s:o, s:o}", "first", date_json(h->first), "last", date_json(h->last));
        if (h->name)
            json_object_set_new(o, "name", json_string(h->name));
        json_array_append_new(hol, o);
    }
    for (size_t i = 0; i < cal->n_exceptions; i++) {
        const cal_exception_t *e = &cal->exceptions[i];
        json_t *o = json_pack("{s:o, s:o, s:o}", "first", date_json(e->first), "last", date_json(e->last), "week",
                              week_json(e->hours));
        if (e->name)
            json_object_set_new(o, "name", json_string(e->name));
        json_array_append_new(exc, o);
    }
    const char *tz = tz_name(cal->offset_minutes);
    return json_pack("{s:s, s:o, s:o, s:o}", "time_zone", tz ? tz : "WIB", "week", week_json(cal->week), "holidays",
                     hol, "exceptions", exc);
}

static int found(void *ctx, const region_t *r)
{
    (void)r;
    *(bool *)ctx = true;
    return 0;
}

/* 1 known region, 0 after answering 404, -1 after answering 503/500. */
static int known_region(http_req_t *req, db_conn_t *c, const char *code)
{
    db_err_t err = {0};
    bool known = false;
    if (regions_get(c, code, found, &known, &err) < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    if (!known)
        http_reply_error(req, 404, "not_found", http_tr(req, "Kode wilayah tidak dikenal.", "Unknown region code."), NULL);
    return known ? 1 : 0;
}

/* Adds region_code, utc_offset, version and updated_at to a calendar document and answers it. */
static void reply_calendar(http_req_t *req, json_t *doc, const char *code, int64_t version, int64_t updated_at)
{
    int offset = tz_parse(json_string_value(json_object_get(doc, "time_zone")));
    if (offset < 0)
        offset = tz_region_offset(code);
    char utc[24], at[40];
    snprintf(utc, sizeof utc, "+%02d:%02d", offset / 60, offset % 60);
    clock_format_offset(updated_at, offset, at, sizeof at); /* in the calendar's own zone */
    json_object_set_new(doc, "region_code", json_string(code));
    json_object_set_new(doc, "utc_offset", json_string(utc));
    json_object_set_new(doc, "version", json_integer(version));
    json_object_set_new(doc, "updated_at", updated_at ? json_string(at) : json_null());
    http_reply_json(req, 200, doc);
}

void api_calendar_get(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code");
    if (region_code_level(code) == REGION_INVALID) {
        json_t *fields = NULL;
        api_field_error(&fields, "code", http_tr(req, "Bukan kode wilayah yang sah.", "Not a valid region code."));
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_conn(req, app);
    if (!c || known_region(req, c, code) != 1)
        return;
    db_err_t err = {0};
    const char *text = NULL;
    int64_t version = 0, updated_at = 0;
    int rc = calendars_get(c, req->arena, code, &text, &version, &updated_at, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return;
    }
    json_t *doc;
    if (rc == 1) {
        doc = json_loads(text, 0, NULL);
    } else { /* none stored: government hours (Perpres 21/2023) in the region's zone */
        calendar_t def = {.offset_minutes = tz_region_offset(code)};
        calendar_week_perpres21(def.week);
        doc = calendar_to_json(&def);
    }
    if (!doc) {
        http_reply_internal(req);
        return;
    }
    reply_calendar(req, doc, code, version, updated_at);
}

void api_calendar_put(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *code = http_param(req, "code");
    json_t *fields = NULL;
    calendar_doc_t parsed;
    bool ok = calendar_from_json(req, req->json, &parsed, &fields);
    json_t *jv = json_object_get(req->json, "version");
    json_t *jr = json_object_get(req->json, "region_code");
    if (jr && !(api_json_text(jr) && strcmp(api_json_text(jr), code) == 0))
        api_field_error(&fields, "region_code", http_tr(req, "Berbeda dengan kode wilayah di alamat.",
                                                        "Differs from the region code in the path."));
    if (!json_is_integer(jv) || json_integer_value(jv) < 0)
        api_field_error(&fields, "version", http_tr(req, "Wajib: versi yang terakhir dibaca (0 bila belum ada).",
                                                    "Required: the version you read (0 when none)."));
    if (!ok || fields) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    if (!c)
        return;
    int known = known_region(req, c, code);
    if (known != 1) {
        db_rollback(c);
        return;
    }
    json_t *doc = calendar_to_json(&parsed.cal); /* canonical: what was understood, not what was sent */
    char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    db_err_t err = {0};
    bool changed = false;
    int64_t expected = json_integer_value(jv), now = clock_now_ms();
    int rc = text ? calendars_put(c, code, text, expected, api_principal(req)->user_id, now, &changed, &err) : DB_ERROR;
    free(text);
    if (rc != DB_OK) {
        json_decref(doc);
        api_abort(req, c, &err);
        return;
    }
    if (!changed) {
        json_decref(doc);
        db_rollback(c);
        http_reply_error(req, 409, "stale_version",
                         http_tr(req, "Kalender sudah diubah orang lain; muat ulang.", "Changed by someone else; reload."), NULL);
        return;
    }
    json_t *change = json_pack("{s:I, s:I}", "holidays", (json_int_t)parsed.cal.n_holidays, "exceptions",
                               (json_int_t)parsed.cal.n_exceptions);
    bool done = api_finish(req, c, "calendar.update", "calendar", 0, code, change);
    json_decref(change);
    if (!done) {
        json_decref(doc);
        return;
    }
    reply_calendar(req, doc, code, expected + 1, now);
}

/* A region's parsed calendar, cached per thread (api/cache.h). */
typedef struct {
    arena_t *arena; /* owns doc's lists and names */
    calendar_doc_t doc;
} cached_calendar_t;

static void cached_calendar_free(void *v)
{
    cached_calendar_t *cc = v;
    if (cc)
        arena_free(cc->arena);
    free(cc);
}

static const cache_kind_t calendar_kind = {"calendar", 5000, cached_calendar_free};

/* A deep copy of src's lists into a; false on OOM. */
static bool copy_calendar(arena_t *a, const calendar_doc_t *src, calendar_doc_t *dst)
{
    *dst = *src;
    size_t nh = src->cal.n_holidays, ne = src->cal.n_exceptions;
    dst->holidays = arena_alloc(a, (nh ? nh : 1) * sizeof *dst->holidays);
    dst->exceptions = arena_alloc(a, (ne ? ne : 1) * sizeof *dst->exceptions);
    if (!dst->holidays || !dst->exceptions)
        return false;
    for (size_t i = 0; i < nh; i++) {
        dst->holidays[i] = src->cal.holidays[i];
        dst->holidays[i].name = arena_strdup_opt(a, src->cal.holidays[i].name);
    }
    for (size_t i = 0; i < ne; i++) {
        dst->exceptions[i] = src->cal.exceptions[i];
        dst->exceptions[i].name = arena_strdup_opt(a, src->cal.exceptions[i].name);
    }
    dst->cal.holidays = dst->holidays;
    dst->cal.exceptions = dst->exceptions;
    return true;
}

/* Reads and parses region code's calendar into a fresh cache entry; false after answering. */
static bool load_calendar(http_req_t *req, db_conn_t *c, const char *code, cached_calendar_t **out)
{
    db_err_t err = {0};
    const char *text = NULL;
    int64_t version = 0, updated_at = 0;
    int rc = calendars_get(c, req->arena, code, &text, &version, &updated_at, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return false;
    }
    cached_calendar_t *cc = calloc(1, sizeof *cc);
    if (!cc || !(cc->arena = arena_new(4096))) {
        cached_calendar_free(cc);
        http_reply_internal(req);
        return false;
    }
    *out = cc;
    if (rc == 0) {
        cc->doc.cal.offset_minutes = tz_region_offset(code);
        calendar_week_perpres21(cc->doc.cal.week);
        return true;
    }
    /* The parser allocates from a request's arena: lend it the entry's. */
    http_req_t parse = {.arena = cc->arena, .lang = req->lang};
    json_t *doc = json_loads(text, 0, NULL), *fields = NULL;
    bool ok = doc && calendar_from_json(&parse, doc, &cc->doc, &fields);
    json_decref(doc);
    json_decref(fields);
    if (!ok) {
        cached_calendar_free(cc);
        http_reply_internal(req);
    }
    return ok;
}

bool api_region_calendar(http_req_t *req, db_conn_t *c, const char *code, calendar_doc_t *out)
{
    const cached_calendar_t *hit = api_cache_get(&calendar_kind, code);
    if (hit) {
        if (copy_calendar(req->arena, &hit->doc, out))
            return true;
        http_reply_internal(req);
        return false;
    }
    uint64_t gen = api_cache_generation();
    cached_calendar_t *cc;
    if (!load_calendar(req, c, code, &cc))
        return false;
    bool ok = copy_calendar(req->arena, &cc->doc, out);
    api_cache_put(&calendar_kind, code, cc, gen);
    if (!ok)
        http_reply_internal(req);
    return ok;
}
