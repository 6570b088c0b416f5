/* filing.c - see filing.h. */
#include "api/filing.h"

#include "api/applications.h"
#include "api/cache.h"
#include "api/calendars.h"
#include "api/guard.h"
#include "api/notify.h"
#include "api/people.h"
#include "api/service_json.h"
#include "domain/nik.h"
#include "domain/region_code.h"
#include "domain/roles.h"
#include "domain/tracking.h"
#include "domain/workflow.h"
#include "lib/clock.h"
#include "lib/crypto.h"
#include "lib/utf8.h"
#include "lib/uuid.h"
#include "store/applications.h"
#include "store/audit.h"
#include "store/regions.h"
#include "store/services.h"
#include "store/writer.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ANSWER 2000
#define SERVICE_TTL_MS 5000 /* how late an edit made by another process is seen */

/* ---- the service, parsed once per thread (api/cache.h) --------------------------- */

typedef struct {
    arena_t *arena; /* owns s's strings */
    service_t s;
    json_t *form;   /* owned: the form fields */
    char workflow_sha256[65];
    int64_t workflow_id; /* its stored id when it was stored already; 0: the writer adds it */
    char start[WF_NAME_MAX + 1];
    bool start_runs; /* the SLA clock runs in the start state */
} cached_service_t;

static void cached_service_free(void *v)
{
    cached_service_t *cs = v;
    if (!cs)
        return;
    json_decref(cs->form);
    arena_free(cs->arena);
    free(cs);
}

static const cache_kind_t service_kind = {"service", SERVICE_TTL_MS, cached_service_free};

/* Reads and parses a service: 1 with *out (the caller owns it), 0 no such
 * service, -1 after answering. */
static int load_service(http_req_t *req, db_conn_t *c, int64_t id, cached_service_t **out)
{
    cached_service_t *cs = calloc(1, sizeof *cs);
    if (!cs || !(cs->arena = arena_new(8192))) {
        cached_service_free(cs);
        http_reply_internal(req);
        return -1;
    }
    db_err_t err = {0};
    int rc = services_get(c, cs->arena, id, &cs->s, &err);
    if (rc <= 0) {
        cached_service_free(cs);
        if (rc < 0)
            api_db_failed(req, &err);
        return rc < 0 ? -1 : 0;
    }
    /* The parser allocates from a request's arena: lend it the entry's. */
    http_req_t parse = {.arena = cs->arena, .lang = req->lang};
    workflow_t *wf = arena_alloc(cs->arena, sizeof *wf);
    json_t *wj = json_loads(cs->s.workflow, 0, NULL), *fields = NULL;
    bool ok = wf && wj && service_workflow_from_json(&parse, wj, wf, &fields);
    json_decref(wj);
    json_decref(fields);
    for (size_t i = 0; ok && i < wf->n_states; i++)
        if (wf->states[i].kind == WF_START && !cs->start[0])
            snprintf(cs->start, sizeof cs->start, "%s", wf->states[i].name);
    cs->start_runs = ok && workflow_clock_runs(wf, cs->start);
    crypto_sha256_hex(cs->s.workflow, strlen(cs->s.workflow), cs->workflow_sha256);
    if (workflows_find(c, cs->workflow_sha256, &cs->workflow_id, &err) < 0) {
        cached_service_free(cs);
        api_db_failed(req, &err);
        return -1;
    }
    cs->form = json_loads(cs->s.form, 0, NULL);
    if (!ok || !cs->start[0] || !json_is_array(cs->form)) {
        cached_service_free(cs);
        http_reply_internal(req); /* a stored service the editor would have refused */
        return -1;
    }
    *out = cs;
    return 1;
}

/* The service id, borrowed from this thread's cache until its next
 * api_cache_* call: 1 found, 0 none, -1 after answering. */
static int service_of(http_req_t *req, db_conn_t *c, int64_t id, const cached_service_t **out)
{
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)id);
    if ((*out = api_cache_get(&service_kind, key)))
        return 1;
    uint64_t gen = api_cache_generation();
    cached_service_t *cs;
    int rc = load_service(req, c, id, &cs);
    if (rc <= 0)
        return rc;
    /* Used as read even when a write committed meanwhile made it stale: this
     * request then simply counts as made before that write. */
    if ((*out = api_cache_put(&service_kind, key, cs, gen)))
        return 1;
    http_reply_internal(req); /* could not be cached (out of memory) */
    return -1;
}

/* ---- the answers ------------------------------------------------------------------ */

static int found_region(void *ctx, const region_t *r)
{
    (void)r;
    *(bool *)ctx = true;
    return 0;
}

static bool is_date(const char *s)
{
    cal_date_t d;
    return s && calendar_date_parse(s, &d) == CAL_OK;
}

/* A number given as JSON, or as text in decimal ("36", "-2.5", "1e3"): no hex, no
 * "inf" or "nan", nothing out of range. */
static bool is_number(json_t *a, const char *t)
{
    if (json_is_number(a))
        return true;
    if (!t)
        return false;
    const char *p = t + (*t == '-' || *t == '+');
    if (*p < '0' || *p > '9')
        return false;
    for (const char *q = p; *q; q++)
        if (!strchr("0123456789.eE+-", *q))
            return false;
    char *end;
    errno = 0;
    double d = strtod(t, &end);
    return !errno && !*end && isfinite(d);
}

/* The JSON number a numeric text (is_number() said so) stands for: an integer when it is one. */
static json_t *number_of(const char *t)
{
    char *end;
    errno = 0;
    long long i = strtoll(t, &end, 10);
    if (!errno && !*end)
        return json_integer(i);
    return json_real(strtod(t, NULL));
}

static bool is_choice(json_t *fld, const char *t)
{
    size_t k;
    json_t *o;
    json_array_foreach(json_object_get(fld, "options"), k, o) {
        if (t && strcmp(json_string_value(o), t) == 0)
            return true;
    }
    return false;
}

/* Region codes known to exist, cached per thread: reference data, changed
 * only by import-regions (which adds and never takes a code away). */
static const cache_kind_t region_kind = {"region", 60000, NULL};
static const char KNOWN[] = "known";

static bool is_region(db_conn_t *c, const char *t)
{
    if (!t || region_code_level(t) == REGION_INVALID)
        return false;
    if (api_cache_get(&region_kind, t))
        return true;
    uint64_t gen = api_cache_generation();
    bool known = false;
    db_err_t err = {0};
    if (regions_get(c, t, found_region, &known, &err) < 0 || !known)
        return false;
    api_cache_put(&region_kind, t, (void *)KNOWN, gen);
    return true;
}

/* Whether answer a (its text t) fits a field of type. */
static bool fits(db_conn_t *c, json_t *fld, const char *type, json_t *a, const char *t)
{
    if (strcmp(type, "number") == 0)
        return is_number(a, t);
    if (strcmp(type, "date") == 0)
        return is_date(t);
    if (strcmp(type, "choice") == 0)
        return is_choice(fld, t);
    if (strcmp(type, "nik") == 0)
        return t && nik_parse(t, NULL) == NIK_OK;
    if (strcmp(type, "region") == 0)
        return is_region(c, t);
    if (strcmp(type, "file") == 0)
        return false; /* files come as documents, not answers */
    return t && utf8_valid(t, strlen(t)) && utf8_length(t, strlen(t)) <= MAX_ANSWER;
}

/* Checks the answers against the service's form; returns the canonical answers or NULL. */
static json_t *check_answers(http_req_t *req, db_conn_t *c, json_t *form, json_t *answers, json_t **fields)
{
    if (!json_is_object(answers)) {
        api_field_error(fields, "answers", http_tr(req, "Harus berupa objek.", "Must be an object."));
        return NULL;
    }
    char f[96];
    const char *key;
    json_t *v, *fld;
    size_t i;
    json_object_foreach(answers, key, v) {
        bool known = false;
        json_array_foreach(form, i, fld) known |= strcmp(json_string_value(json_object_get(fld, "name")), key) == 0;
        if (!known) {
            snprintf(f, sizeof f, "answers.%.60s", key);
            api_field_error(fields, f, http_tr(req, "Isian tidak dikenal untuk layanan ini.", "Not a field of this service."));
        }
    }
    json_t *out = json_object();
    json_array_foreach(form, i, fld) {
        const char *name = json_string_value(json_object_get(fld, "name"));
        const char *type = json_string_value(json_object_get(fld, "type"));
        json_t *a = json_object_get(answers, name);
        snprintf(f, sizeof f, "answers.%s", name);
        if (!a || json_is_null(a) || (json_is_string(a) && !*json_string_value(a))) {
            if (json_is_true(json_object_get(fld, "required")) && strcmp(type, "file") != 0)
                api_field_error(fields, f, http_tr(req, "Wajib diisi.", "Required."));
            continue;
        }
        if (!fits(c, fld, type, a, api_json_text(a))) {
            api_field_error(fields, f, http_tr(req, "Jawaban tidak sesuai jenis isian.", "The answer does not fit the field."));
            continue;
        }
        if (strcmp(type, "number") == 0 && json_is_string(a))
            json_object_set_new(out, name, number_of(json_string_value(a))); /* stored as the number it is */
        else
            json_object_set(out, name, a);
    }
    if (*fields) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* ---- tracking numbers -------------------------------------------------------------- */

/* "pbg-mbr" -> "PBG"; at least 2, at most 6 letters, else "SP". */
static void tracking_prefix(const char *code, char out[8])
{
    size_t n = 0;
    for (const char *p = code; *p && *p != '-' && n < TRACKING_PREFIX_MAX; p++)
        if (*p >= 'a' && *p <= 'z')
            out[n++] = (char)(*p - 'a' + 'A');
    out[n] = '\0';
    if (n < TRACKING_PREFIX_MIN)
        strcpy(out, "SP");
}

static bool new_tracking(const char *code, char tracking[TRACKING_SIZE], char pin[TRACKING_PIN_SIZE])
{
    char prefix[8];
    tracking_prefix(code, prefix);
    for (int attempt = 0; attempt < 16; attempt++) {
        uint8_t rnd[32];
        size_t used;
        crypto_random(rnd, sizeof rnd);
        if (tracking_make(prefix, rnd, sizeof rnd, tracking, &used) != TRACKING_OK)
            continue;
        crypto_random(rnd, sizeof rnd);
        if (tracking_pin(rnd, sizeof rnd, pin, &used) == TRACKING_OK)
            return true;
    }
    return false;
}

const char *api_pin_hash(http_req_t *req, app_t *app, const char *tracking, const char *pin)
{
    char both[64];
    snprintf(both, sizeof both, "%s:%s", tracking, pin);
    return api_blind_index(app, req->arena, "pin", both);
}

/* ---- idempotency ------------------------------------------------------------------- */

static void reply_replay(http_req_t *req, const char *stored_hash, const char *hash, int status, const char *body)
{
    if (strcmp(stored_hash, hash) != 0) {
        http_reply_error(req, 409, "idempotency_conflict",
                         http_tr(req, "Idempotency-Key ini sudah dipakai untuk permintaan lain.",
                                 "This Idempotency-Key was used for another request."), NULL);
        return;
    }
    http_add_header(req, "Idempotent-Replayed", "true");
    http_reply_copy(req, status, "application/json", body, strlen(body));
}

/* Replays the stored answer of an Idempotency-Key: 1 replayed, 0 not stored, -1 answered. */
static int idempotent_replay(http_req_t *req, db_conn_t *c, const char *owner, const char *key, const char *hash)
{
    db_err_t err = {0};
    const char *stored_hash, *body;
    int status;
    int rc = idempotency_get(c, req->arena, owner, key, &stored_hash, &status, &body, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return -1;
    }
    if (rc == 0)
        return 0;
    reply_replay(req, stored_hash, hash, status, body);
    return 1;
}

/* ---- the write, on the writer thread ----------------------------------------------- */

/* One filing on its way to the writer; lives in the request's arena, which
 * the writer owns while the request is parked. */
typedef struct {
    writer_job_t job; /* first: the writer hands back &job */
    http_req_t *req;
    app_t *app;
    application_t a;
    app_event_t ev;
    const user_t *applicant; /* the signed-in citizen (notified); NULL at the counter */
    audit_entry_t audit;
    const char *key, *owner, *hash; /* Idempotency-Key, its owner, the body's hash; key NULL: none */
    const char *workflow_sha256;
    int64_t workflow_id; /* committed already (never removed); 0: resolved by the writer */
    const char *tail;               /* the answer after the pin: "state":..,"version":1,"sla":{..}} */
    char tracking[TRACKING_SIZE], pin[TRACKING_PIN_SIZE];
    char uuid[UUID_STR_LEN]; /* time-ordered: its index grows at the end */
    const char *body; /* the answer, made once the id is known */
    bool replay;      /* the key was stored meanwhile: answer what it holds */
    const char *replay_hash, *replay_body;
    int replay_status;
} filing_t;

/* Inserts the application, drawing a new number on the (rare) collision. */
static int insert_application(db_conn_t *c, filing_t *f, db_err_t *err)
{
    int rc = DB_CONFLICT;
    for (int attempt = 0; attempt < 5 && rc == DB_CONFLICT; attempt++) {
        if (attempt && !new_tracking(f->a.service_code, f->tracking, f->pin))
            return DB_ERROR;
        if (attempt)
            f->a.pin_hash = api_pin_hash(f->req, f->app, f->tracking, f->pin);
        rc = applications_insert(c, &f->a, &f->a.id, err);
    }
    return rc;
}

static int filing_run(db_conn_t *c, writer_job_t *job, db_err_t *err)
{
    filing_t *f = (filing_t *)job;
    arena_t *ar = f->req->arena;
    f->replay = false; /* a second run (after the batch rolled back) starts over */
    f->a.workflow_id = f->workflow_id;
    int rc = f->workflow_id ? DB_OK : workflows_id(c, f->workflow_sha256, f->a.workflow, &f->a.workflow_id, err);
    if (rc == DB_OK)
        rc = insert_application(c, f, err);
    if (rc != DB_OK || (rc = app_events_add(c, f->a.id, &f->ev, err)) != DB_OK)
        return rc;
    f->body = arena_printf(ar, "{\"id\":%lld,\"tracking_no\":\"%s\",\"pin\":\"%s\",%s", (long long)f->a.id, f->tracking,
                           f->pin, f->tail);
    if (!f->body)
        return DB_ERROR;
    if (f->key) {
        bool stored = true;
        if ((rc = idempotency_put(c, f->owner, f->key, f->hash, 201, f->body, &stored, err)) != DB_OK)
            return rc;
        if (!stored) { /* the same key raced us and won: answer what it answered */
            rc = idempotency_get(c, ar, f->owner, f->key, &f->replay_hash, &f->replay_status, &f->replay_body, err);
            f->replay = rc == 1;
            return rc < 0 ? rc : DB_CONFLICT; /* rolls this filing back */
        }
    }
    if (f->applicant && (rc = api_notify_to(f->app, c, &f->a, f->applicant, "submitted", NULL, err)) != DB_OK)
        return rc;
    f->audit.entity_id = arena_printf(ar, "%lld", (long long)f->a.id);
    f->audit.change = arena_printf(ar, "{\"channel\":\"%s\",\"service_id\":%lld,\"tracking_no\":\"%s\"}", f->a.channel,
                                   (long long)f->a.service_id, f->tracking);
    if (!f->audit.entity_id || !f->audit.change)
        return DB_ERROR;
    return audit_append(c, &f->audit, err);
}

static void filing_done(writer_job_t *job, int status, const db_err_t *err)
{
    filing_t *f = (filing_t *)job;
    http_req_t *req = f->req;
    if (status == DB_CONFLICT && f->replay) /* only when its batch committed: the answer it replays is stored */
        reply_replay(req, f->replay_hash, f->hash, f->replay_status, f->replay_body);
    else if (status != DB_OK)
        api_db_failed(req, err);
    else
        http_reply_copy(req, 201, "application/json", f->body, strlen(f->body));
    http_resume(req); /* req and f are the server's again */
}

/* ---- the handler ------------------------------------------------------------------- */

/* The answer's part after the PIN (arena), with the SLA clock as it starts. */
static const char *answer_tail(http_req_t *req, const char *state, const sla_state_t *sla, int offset)
{
    json_t *o = json_pack("{s:s, s:i, s:o}", "state", state, "version", 1, "sla", api_sla_json(sla, offset));
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    const char *tail = text ? arena_strdup(req->arena, text + 1) : NULL; /* without the "{" */
    free(text);
    return tail;
}

/* The applicant at the counter: the person named, NIK sealed. false after field errors or answering. */
static bool counter_applicant(http_req_t *req, app_t *app, json_t *ap, application_t *a, json_t **fields)
{
    const char *name = api_json_text(json_object_get(ap, "name"));
    const char *nik = api_json_text(json_object_get(ap, "nik"));
    api_check_name(req, "applicant.name", name, fields);
    nik_status_t ns = nik_parse(nik, NULL);
    if (ns != NIK_OK)
        api_field_error(fields, "applicant.nik", req->lang == LANG_EN ? nik_reason_en(ns) : nik_reason_id(ns));
    if (*fields)
        return true;
    char masked[17];
    nik_mask(nik, masked);
    sealed_t sealed;
    if (!api_seal(app, req->arena, "nik", nik, masked, &sealed)) {
        http_reply_internal(req);
        return false;
    }
    a->applicant_name = name;
    a->nik_enc = sealed.enc;
    a->nik_bidx = sealed.bidx;
    a->nik_masked = sealed.masked;
    return true;
}

/* The channel asked for (or the caller's usual one), checked against the service. */
static const char *pick_channel(http_req_t *req, json_t *b, const service_t *s, bool counter, json_t **fields)
{
    const char *channel = api_json_text(json_object_get(b, "channel"));
    if (!channel)
        channel = counter ? "counter" : "online";
    char needle[16];
    snprintf(needle, sizeof needle, ",%s,", channel);
    if (strlen(channel) > 8 || !strstr(s->channels, needle))
        api_field_error(fields, "channel", http_tr(req, "Saluran ini tidak tersedia untuk layanan ini.",
                                                   "This channel is not offered for this service."));
    else if (!counter && strcmp(channel, "online") != 0)
        api_field_error(fields, "channel", http_tr(req, "Warga mengajukan secara daring; loket dan MPP keliling diisi petugas.",
                                                   "Citizens apply online; counter and mobile filings are made by officers."));
    return channel;
}

/* The canonical answers as text (arena), or NULL after field errors. */
static const char *answers_text(http_req_t *req, db_conn_t *c, json_t *form, json_t *b, json_t **fields)
{
    json_t *given = json_object_get(b, "answers");
    json_t *none = given ? NULL : json_object();
    json_t *answers = check_answers(req, c, form, given ? given : none, fields);
    json_decref(none);
    if (!answers)
        return NULL;
    char *text = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS);
    json_decref(answers);
    const char *out = text ? arena_strdup(req->arena, text) : NULL;
    free(text);
    return out;
}

/* What an Idempotency-Key is tied to (arena): the SHA-256 of the body's JSON
 * with keys sorted and no spaces, so that a retry that spells the same JSON
 * differently is still the same request. NULL on OOM. */
static const char *body_hash(http_req_t *req)
{
    char *canonical = json_dumps(req->json, JSON_COMPACT | JSON_SORT_KEYS);
    if (!canonical)
        return NULL;
    char hash[65];
    crypto_sha256_hex(canonical, strlen(canonical), hash);
    free(canonical);
    return arena_strdup(req->arena, hash);
}

/* Starts the clock, draws the tracking number, readies the event and the
 * audit entry, parks the request and hands the filing to the writer; answers
 * 500 itself when it cannot. */
static void submit(http_req_t *req, app_t *app, db_conn_t *c, filing_t *f, bool start_runs, bool at_counter)
{
    const principal_t *p = api_principal(req);
    application_t *a = &f->a;
    /* The clock starts now: the answer's SLA needs only the calendar. */
    a->submitted_at = clock_now_ms();
    uuid_v7(a->submitted_at, f->uuid);
    a->uuid = f->uuid;
    calendar_doc_t cal;
    if (!api_region_calendar(req, c, a->region_code, &cal))
        return;
    sla_run_t run = {a->submitted_at, 0};
    sla_state_t sla;
    if (sla_compute(&cal.cal, a->sla_minutes, &run, start_runs ? 1 : 0, a->submitted_at, &sla) != CAL_OK)
        memset(&sla, 0, sizeof sla);
    f->tail = answer_tail(req, a->state, &sla, cal.cal.offset_minutes);
    if (!f->tail || !new_tracking(a->service_code, f->tracking, f->pin)) {
        http_reply_internal(req);
        return;
    }
    a->tracking_no = f->tracking;
    a->pin_hash = api_pin_hash(req, app, f->tracking, f->pin);
    const char *role = at_counter ? "front_office" : "citizen";
    f->ev = (app_event_t){.at = a->submitted_at, .actor_id = p->user_id, .actor_name = p->name, .role = role,
                          .action = "submit", .to_state = a->state};
    char ip[64];
    http_client_ip(req, ip, sizeof ip);
    f->audit = (audit_entry_t){.actor_id = p->user_id, .actor_name = p->name, .role = api_acting_role(req, 0),
                               .region_code = a->region_code, .action = "application.create",
                               .entity = "application", .ip = arena_strdup(req->arena, ip)};
    f->job.run = filing_run;
    f->job.done = filing_done;
    http_suspend(req); /* before the writer can see the job: it resumes the request */
    writer_submit(app->writer, &f->job);
}

void api_applications_create(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const principal_t *p = api_principal(req);
    static const char *const allowed[] = {"service_id", "answers", "applicant", "channel", NULL};
    json_t *b = req->json, *fields = NULL;
    filing_t *f = arena_calloc(req->arena, sizeof *f);
    if (!f) {
        http_reply_internal(req);
        return;
    }
    f->req = req;
    f->app = app;
    const char *key = http_header(req, "Idempotency-Key");
    if (key && (strlen(key) < 1 || strlen(key) > 100)) {
        api_field_error(&fields, "Idempotency-Key", http_tr(req, "1 sampai 100 karakter.", "1 to 100 characters."));
        http_reply_invalid(req, fields);
        return;
    }
    f->key = key ? arena_strdup(req->arena, key) : NULL; /* the writer reads it */
    /* Each user and each API token has its own key space. */
    f->owner = p->token_id ? arena_printf(req->arena, "t%lld", (long long)p->token_id)
                           : arena_printf(req->arena, "u%lld", (long long)p->user_id);
    f->hash = key ? body_hash(req) : "";
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    if (!f->owner || !f->hash || (key && !f->key)) {
        http_reply_internal(req);
        return;
    }
    if (f->key && idempotent_replay(req, c, f->owner, f->key, f->hash) != 0)
        return;

    api_unknown_fields(req, b, allowed, &fields);
    json_t *sid = json_object_get(b, "service_id");
    const cached_service_t *cs = NULL;
    int rc = json_is_integer(sid) ? service_of(req, c, json_integer_value(sid), &cs) : 0;
    if (rc < 0) {
        json_decref(fields);
        return;
    }
    if (rc == 0 || strcmp(cs->s.status, "published") != 0) {
        api_field_error(&fields, "service_id", http_tr(req, "Layanan tidak ada atau belum terbit.", "No such published service."));
        http_reply_invalid(req, fields);
        return;
    }
    bool counter = api_may(req, ROLE_FRONT_OFFICE, cs->s.region_code);
    bool citizen = api_may(req, ROLE_CITIZEN, NULL) && p->user_id && p->user;
    if (!counter && !citizen) {
        json_decref(fields);
        api_forbidden(req);
        return;
    }
    /* cs is borrowed until the next cache call on this thread: take what the filing keeps. */
    application_t *a = &f->a;
    *a = (application_t){.region_code = arena_strdup(req->arena, cs->s.region_code), .service_id = cs->s.id,
                         .service_code = arena_strdup(req->arena, cs->s.code),
                         .service_name = arena_strdup(req->arena, cs->s.name),
                         .workflow = arena_strdup(req->arena, cs->s.workflow), .sla_minutes = cs->s.sla_minutes,
                         .state = arena_strdup(req->arena, cs->start), .created_by = p->user_id};
    bool start_runs = cs->start_runs;
    f->workflow_sha256 = arena_strdup(req->arena, cs->workflow_sha256);
    f->workflow_id = cs->workflow_id;
    a->channel = pick_channel(req, b, &cs->s, counter, &fields);
    json_t *form = json_incref(cs->form); /* checking a region answer may evict cs from the cache */
    cs = NULL;
    a->answers = answers_text(req, c, form, b, &fields);
    json_decref(form);
    json_t *ap = json_object_get(b, "applicant");
    if (counter && !citizen) {
        if (!counter_applicant(req, app, ap, a, &fields)) {
            json_decref(fields);
            return;
        }
    } else if (ap) {
        api_field_error(&fields, "applicant", http_tr(req, "Hanya untuk petugas loket.", "Only for counter staff."));
    } else {
        f->applicant = p->user;
        a->applicant_id = p->user->id;
        a->applicant_name = p->user->name;
        a->nik_enc = p->user->nik.enc;
        a->nik_bidx = p->user->nik.bidx;
        a->nik_masked = p->user->nik.masked;
    }
    if (fields) {
        http_reply_invalid(req, fields);
        return;
    }
    if (!a->region_code || !a->service_code || !a->service_name || !a->workflow || !a->state || !a->answers ||
        !f->workflow_sha256) {
        http_reply_internal(req);
        return;
    }

    submit(req, app, c, f, start_runs, counter && !citizen);
}
