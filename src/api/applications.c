/* applications.c - see applications.h. */
#include "api/applications.h"

#include "api/calendars.h"
#include "api/files.h"
#include "api/filing.h"
#include "api/issue.h"
#include "api/notify.h"
#include "api/guard.h"
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
#include "store/applications.h"
#include "store/audit.h"
#include "store/issued.h"
#include "store/regions.h"
#include "store/services.h"
#include "store/sessions.h"
#include "store/users.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OFFICERS (ROLE_FRONT_OFFICE | ROLE_BACK_OFFICE | ROLE_APPROVER | ROLE_AGENCY_ADMIN | ROLE_REGION_ADMIN)
#define MAX_EVENTS 200
#define MAX_DOCS 20
#define MAX_OPEN 5000 /* open applications of a region scanned for an inbox */
#define MAX_ANSWER 2000
#define TRACK_MAX_FAILURES 10
#define TRACK_IP_MAX_FAILURES 100
#define TRACK_WINDOW_MS (15 * 60 * 1000)

/* ---- who may see and act ----------------------------------------------------- */

/* The caller's roles that count for an application: citizen only as its
 * applicant; staff roles from grants covering its region (agency grants only
 * for its agency). */
static unsigned roles_for(const http_req_t *req, const application_t *a)
{
    const principal_t *p = api_principal(req);
    unsigned bits = 0;
    for (int i = 0; p && i < p->ngrants; i++) {
        const grant_t *g = &p->grants[i];
        unsigned b = role_bit(g->role);
        if (b == ROLE_PLATFORM_ADMIN) {
            bits |= b;
            continue;
        }
        if (b == ROLE_CITIZEN) {
            if (p->user_id && p->user_id == a->applicant_id)
                bits |= b;
            continue;
        }
        if (!region_covers(g->region_code, a->region_code))
            continue;
        if (g->agency_id && g->agency_id != a->agency_id)
            continue;
        bits |= b;
    }
    if (p && p->user_id && p->user_id == a->applicant_id)
        bits |= ROLE_CITIZEN;
    return bits;
}

static bool may_see(const http_req_t *req, const application_t *a)
{
    return roles_for(req, a) & (OFFICERS | ROLE_CITIZEN | ROLE_PLATFORM_ADMIN | ROLE_EXECUTIVE);
}

/* ---- the SLA clock ------------------------------------------------------------- */

static const wf_state_t *state_of(const workflow_t *wf, const char *name)
{
    return name ? workflow_state(wf, name) : NULL;
}

static bool clock_runs_in(const workflow_t *wf, const char *state)
{
    return workflow_clock_runs(wf, state);
}

/* The clock's runs from the events: it runs from submission, stops on entering
 * a paused or terminal state and starts again on leaving a paused one. */
static size_t runs_of(const workflow_t *wf, const application_t *a, const app_event_t *ev, int n, sla_run_t *runs,
                      size_t max)
{
    size_t k = 0;
    bool running = clock_runs_in(wf, ev && n ? ev[0].to_state : a->state);
    if (running && k < max)
        runs[k++] = (sla_run_t){a->submitted_at, 0};
    for (int i = 1; i < n; i++) {
        bool next = clock_runs_in(wf, ev[i].to_state);
        if (running && !next && k)
            runs[k - 1].end_ms = ev[i].at > runs[k - 1].start_ms ? ev[i].at : runs[k - 1].start_ms + 1;
        else if (!running && next && k < max)
            runs[k++] = (sla_run_t){ev[i].at, 0};
        running = next;
    }
    return k;
}

json_t *api_sla_json(const sla_state_t *s, int offset)
{
    json_t *due = json_null();
    if (s->due_ms && !s->paused) {
        char buf[CAL_RFC3339_SIZE];
        if (calendar_format_due(s->due_ms, offset, buf) == CAL_OK)
            due = json_string(buf);
    }
    return json_pack("{s:I, s:I, s:I, s:o, s:b, s:b}", "budget_minutes", (json_int_t)s->budget_minutes, "used_minutes",
                     (json_int_t)s->used_minutes, "remaining_minutes", (json_int_t)s->remaining_minutes, "due_at",
                     due, "paused", s->paused, "breached", s->breached);
}

/* Everything needed to describe one application. */
typedef struct {
    application_t a;
    const workflow_t *wf;
    calendar_doc_t cal;
    app_event_t *events;
    int nevents;
    sla_state_t sla;
} app_view_t;

/* The workflows a request has parsed, by their JSON text: the applications of
 * a list share a few (one per service version), and parsing is the dear part. */
#define WF_MEMO_MAX 32
typedef struct {
    int n;
    struct {
        const char *text;
        size_t len;
        const workflow_t *wf;
    } e[WF_MEMO_MAX];
} wf_memo_t;

/* The parsed workflow of text (arena), from memo when it has it (memo may be NULL); NULL when unreadable. */
static const workflow_t *parsed_workflow(http_req_t *req, wf_memo_t *memo, const char *text)
{
    size_t len = text ? strlen(text) : 0;
    for (int i = 0; memo && i < memo->n; i++)
        if (memo->e[i].len == len && memcmp(memo->e[i].text, text, len) == 0)
            return memo->e[i].wf;
    workflow_t *wf = arena_alloc(req->arena, sizeof *wf);
    json_t *wj = text ? json_loads(text, 0, NULL) : NULL, *fields = NULL;
    bool ok = wf && wj && service_workflow_from_json(req, wj, wf, &fields);
    json_decref(wj);
    json_decref(fields);
    if (!ok)
        return NULL;
    if (memo && memo->n < WF_MEMO_MAX) {
        memo->e[memo->n].text = text;
        memo->e[memo->n].len = len;
        memo->e[memo->n].wf = wf;
        memo->n++;
    }
    return wf;
}

/* Loads the workflow snapshot (through memo, which may be NULL), the events,
 * the calendar and computes the SLA. false after answering. */
static bool build_view_memo(http_req_t *req, db_conn_t *c, app_view_t *v, wf_memo_t *memo)
{
    db_err_t err = {0};
    v->wf = parsed_workflow(req, memo, v->a.workflow);
    v->events = arena_alloc(req->arena, MAX_EVENTS * sizeof *v->events);
    if (!v->wf || !v->events) {
        http_reply_internal(req);
        return false;
    }
    if (app_events_of(c, req->arena, v->a.id, v->events, MAX_EVENTS, &v->nevents, &err) != DB_OK) {
        api_db_failed(req, &err);
        return false;
    }
    if (!api_region_calendar(req, c, v->a.region_code, &v->cal))
        return false;
    sla_run_t runs[MAX_EVENTS];
    size_t n = runs_of(v->wf, &v->a, v->events, v->nevents, runs, MAX_EVENTS);
    if (sla_compute(&v->cal.cal, v->a.sla_minutes, runs, n, clock_now_ms(), &v->sla) != CAL_OK)
        memset(&v->sla, 0, sizeof v->sla);
    return true;
}

static bool build_view(http_req_t *req, db_conn_t *c, app_view_t *v)
{
    return build_view_memo(req, c, v, NULL);
}

static const char *label(const http_req_t *req, const char *id, const char *en)
{
    return req->lang == LANG_EN ? en : id;
}

static json_t *summary_json_base(http_req_t *req, const app_view_t *v);

static json_t *actions_json(http_req_t *req, const app_view_t *v)
{
    const wf_action_t *acts[WF_MAX_ACTIONS];
    size_t n = workflow_allowed_actions(v->wf, v->a.state, roles_for(req, &v->a), acts, WF_MAX_ACTIONS);
    json_t *actions = json_array();
    for (size_t i = 0; i < n && i < WF_MAX_ACTIONS; i++)
        json_array_append_new(actions, json_pack("{s:s, s:s, s:b}", "name", acts[i]->name, "label",
                                                 label(req, acts[i]->label_id, acts[i]->label_en), "comment_required",
                                                 acts[i]->comment_required));
    return actions;
}

static json_t *summary_json(http_req_t *req, const app_view_t *v)
{
    json_t *o = summary_json_base(req, v);
    json_t *sla = json_object_get(o, "sla");
    json_object_set_new(sla, "escalated", json_boolean(v->a.breach_handled_at && v->sla.breached));
    json_object_set_new(o, "actions", actions_json(req, v));
    return o;
}

static json_t *summary_json_base(http_req_t *req, const app_view_t *v)
{
    const application_t *a = &v->a;
    const wf_state_t *st = state_of(v->wf, a->state);
    json_t *answers = json_loads(a->answers, 0, NULL);
    return json_pack("{s:I, s:s, s:s, s:{s:I, s:s, s:s, s:{s:I, s:s}}, s:s, s:s, s:{s:o, s:s, s:o}, s:o, s:s, s:s,"
                     " s:I, s:o, s:o, s:o}",
                     "id", (json_int_t)a->id, "uuid", a->uuid, "tracking_no", a->tracking_no, "service", "id",
                     (json_int_t)a->service_id, "code", a->service_code, "name", a->service_name, "agency", "id",
                     (json_int_t)a->agency_id, "name", a->agency_name, "region_code", a->region_code, "channel",
                     a->channel, "applicant", "id", a->applicant_id ? json_integer(a->applicant_id) : json_null(),
                     "name", a->applicant_name, "nik", a->nik_masked ? json_string(a->nik_masked) : json_null(),
                     "answers", answers ? answers : json_object(), "state", a->state, "state_label",
                     st ? label(req, st->label_id, st->label_en) : a->state, "version", (json_int_t)a->version, "sla",
                     api_sla_json(&v->sla, v->cal.cal.offset_minutes), "submitted_at",
                     api_time_json(a->submitted_at, a->region_code), "updated_at",
                     api_time_json(a->updated_at, a->region_code));
}

/* What a person reads for an event's action: the workflow's label, else the
 * name of a step outside the workflow (filing, the breach policy). */
static const char *action_label(const http_req_t *req, const workflow_t *wf, const app_event_t *e)
{
    const wf_action_t *act = e->from_state ? workflow_find_action(wf, e->from_state, e->action) : NULL;
    if (act)
        return label(req, act->label_id, act->label_en);
    if (strcmp(e->action, "submit") == 0)
        return label(req, "Diajukan", "Submitted");
    if (strcmp(e->action, "deemed_approval") == 0)
        return label(req, "Disetujui demi hukum (batas waktu terlampaui)", "Deemed approved (time limit passed)");
    if (strcmp(e->action, "escalate") == 0)
        return label(req, "Dieskalasi (batas waktu terlampaui)", "Escalated (time limit passed)");
    return e->action;
}

/* A state's label in the caller's language; NULL stays NULL, an unknown name is shown as is. */
static json_t *state_label_json(const http_req_t *req, const workflow_t *wf, const char *name)
{
    const wf_state_t *st = state_of(wf, name);
    if (!name)
        return json_null();
    return json_string(st ? label(req, st->label_id, st->label_en) : name);
}

/* The full Application: summary, the caller's actions, events, documents. */
static void reply_view(http_req_t *req, app_t *app, db_conn_t *c, app_view_t *v, int status)
{
    json_t *o = summary_json(req, v);
    json_t *events = json_array();
    for (int i = 0; i < v->nevents; i++) {
        const app_event_t *e = &v->events[i];
        json_array_append_new(
            events, json_pack("{s:o, s:o, s:o, s:s, s:s, s:o, s:o, s:s, s:o, s:o}", "at",
                              api_time_json(e->at, v->a.region_code), "actor_name",
                              e->actor_name ? json_string(e->actor_name) : json_null(), "role",
                              e->role ? json_string(e->role) : json_null(), "action", e->action, "action_label",
                              action_label(req, v->wf, e), "from",
                              e->from_state ? json_string(e->from_state) : json_null(), "from_label",
                              state_label_json(req, v->wf, e->from_state), "to", e->to_state, "to_label",
                              state_label_json(req, v->wf, e->to_state), "comment",
                              e->comment ? json_string(e->comment) : json_null()));
    }
    json_object_set_new(o, "events", events);
    db_err_t err = {0};
    app_document_t docs[MAX_DOCS];
    int nd = 0;
    if (app_documents_of(c, req->arena, v->a.id, docs, MAX_DOCS, &nd, &err) != DB_OK) {
        json_decref(o);
        api_db_failed(req, &err);
        return;
    }
    json_t *dj = json_array();
    for (int i = 0; i < nd; i++)
        json_array_append_new(dj, json_pack("{s:s, s:s, s:I, s:s, s:o}", "requirement", docs[i].requirement, "sha256",
                                            docs[i].sha256, "size", (json_int_t)docs[i].size, "type", docs[i].type,
                                            "uploaded_at", api_time_json(docs[i].uploaded_at, v->a.region_code)));
    json_object_set_new(o, "documents", dj);
    /* The issued document, once there is one: where to check it and fetch it. */
    issued_doc_t issued;
    int ir = issued_of_application(c, req->arena, v->a.id, &issued, &err);
    if (ir < 0) {
        json_decref(o);
        api_db_failed(req, &err);
        return;
    }
    if (ir == 1)
        json_object_set_new(o, "issued_document",
                            json_pack("{s:s, s:o, s:o, s:o}", "code", issued.code, "verify_url",
                                      json_sprintf("%s/verify/%s", app->public_url, issued.code), "pdf_url",
                                      json_sprintf("/api/v1/applications/%lld/document.pdf", (long long)v->a.id),
                                      "issued_at", api_time_json(issued.issued_at, v->a.region_code)));
    else
        json_object_set_new(o, "issued_document", json_null());
    http_reply_json(req, status, o);
}

/* Loads the application of the {id} parameter that the caller may see; false after answering 404. */
static bool load_visible(http_req_t *req, db_conn_t *c, app_view_t *v)
{
    db_err_t err = {0};
    int64_t id = api_id_param(req, "id");
    int rc = id ? applications_get(c, req->arena, id, &v->a, &err) : 0;
    if (rc < 0) {
        api_db_failed(req, &err);
        return false;
    }
    if (rc == 0 || !may_see(req, &v->a)) {
        http_reply_not_found(req); /* others are not told it exists */
        return false;
    }
    return true;
}

void api_applications_get(http_req_t *req, void *appv)
{
    app_t *app = appv;
    db_conn_t *c = api_conn(req, app);
    app_view_t v;
    if (!c || !load_visible(req, c, &v) || !build_view(req, c, &v))
        return;
    reply_view(req, app, c, &v, 200);
}

/* ---- lists ----------------------------------------------------------------------- */

static void reply_list(http_req_t *req, db_conn_t *c, application_t *rows, int n, bool inbox, const char *next)
{
    json_t *data = json_array();
    typedef struct {
        json_t *j;
        int64_t remaining;
        bool paused;
    } item_t;
    item_t *items = arena_alloc(req->arena, (size_t)(n ? n : 1) * sizeof *items);
    int k = 0;
    wf_memo_t *memo = arena_calloc(req->arena, sizeof *memo);
    for (int i = 0; items && memo && i < n; i++) {
        if (inbox) { /* cheap test first: can the caller act on it (or does he supervise a breach)? */
            const workflow_t *wf = parsed_workflow(req, memo, rows[i].workflow);
            const wf_action_t *acts[WF_MAX_ACTIONS];
            unsigned mine = roles_for(req, &rows[i]) & ~ROLE_CITIZEN;
            bool supervises = (mine & (ROLE_REGION_ADMIN | ROLE_AGENCY_ADMIN | ROLE_PLATFORM_ADMIN)) && rows[i].breach_handled_at;
            if (!wf || (!supervises && workflow_allowed_actions(wf, rows[i].state, mine, acts, WF_MAX_ACTIONS) == 0))
                continue;
        }
        app_view_t v = {.a = rows[i]};
        if (!build_view_memo(req, c, &v, memo)) {
            for (int j = 0; j < k; j++)
                json_decref(items[j].j);
            json_decref(data);
            return;
        }
        items[k++] = (item_t){summary_json(req, &v), v.sla.remaining_minutes, v.sla.paused};
    }
    if (inbox) /* time left, least first; paused ones last */
        for (int i = 1; i < k; i++)
            for (int j = i; j > 0 && (items[j - 1].paused > items[j].paused ||
                                      (items[j - 1].paused == items[j].paused && items[j - 1].remaining > items[j].remaining));
                 j--) {
                item_t t = items[j];
                items[j] = items[j - 1];
                items[j - 1] = t;
            }
    for (int i = 0; i < k; i++)
        json_array_append_new(data, items[i].j);
    http_reply_json(req, 200, json_pack("{s:o, s:o}", "data", data, "next_cursor", next ? json_string(next) : json_null()));
}

void api_applications_mine(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *mine = http_query(req, "mine");
    json_t *fields = NULL;
    if (!mine || strcmp(mine, "true") != 0)
        api_field_error(&fields, "mine", http_tr(req, "Gunakan ?mine=true, atau kotak masuk untuk petugas.", "Use ?mine=true, or the inbox for officers."));
    long limit;
    int64_t before;
    db_conn_t *c = api_page_begin(req, app, fields, &limit, &before);
    if (!c)
        return;
    db_err_t err = {0};
    application_t *rows = arena_alloc(req->arena, (size_t)(limit + 1) * sizeof *rows);
    int n = 0;
    if (!rows || applications_of(c, req->arena, api_principal(req)->user_id, before, rows, (int)limit + 1, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    /* One more row than the page says whether another page follows. */
    const char *next = n > limit ? arena_printf(req->arena, "%lld", (long long)rows[limit - 1].id) : NULL;
    reply_list(req, c, rows, n > limit ? (int)limit : n, false, next);
}

void api_inbox(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *region = http_query(req, "region"), *agency = http_query(req, "agency");
    int64_t agency_id = 0;
    if (!region) { /* the guard lets a platform admin omit it; the inbox is per region */
        json_t *fields = NULL;
        api_field_error(&fields, "region", http_tr(req, "Wajib diisi (kode wilayah).", "Required (a region code)."));
        http_reply_invalid(req, fields);
        return;
    }
    if (agency) {
        char *end;
        errno = 0;
        agency_id = strtoll(agency, &end, 10);
        if (errno || *end || agency_id < 1) {
            json_t *fields = NULL;
            api_field_error(&fields, "agency", http_tr(req, "Harus id instansi.", "Must be an agency id."));
            http_reply_invalid(req, fields);
            return;
        }
    }
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    application_t *rows = arena_alloc(req->arena, MAX_OPEN * sizeof *rows);
    int n = 0;
    if (!rows || applications_open(c, req->arena, region, agency_id, rows, MAX_OPEN, &n, &err) != DB_OK) {
        api_db_failed(req, &err);
        return;
    }
    reply_list(req, c, rows, n, true, NULL);
}

/* ---- actions --------------------------------------------------------------------- */

void api_applications_act(http_req_t *req, void *appv)
{
    app_t *app = appv;
    static const char *const allowed[] = {"action", "comment", "version", NULL};
    json_t *b = req->json, *fields = NULL;
    api_unknown_fields(req, b, allowed, &fields);
    const char *action = api_json_text(json_object_get(b, "action"));
    json_t *jc = json_object_get(b, "comment"), *jv = json_object_get(b, "version");
    const char *comment = jc && !json_is_null(jc) ? api_json_text(jc) : NULL;
    if (!action || !*action)
        api_field_error(&fields, "action", http_tr(req, "Wajib diisi.", "Required."));
    if (jc && !json_is_null(jc) && (!comment || !utf8_valid(comment, strlen(comment)) || utf8_length(comment, strlen(comment)) > 2000))
        api_field_error(&fields, "comment", http_tr(req, "Teks maksimal 2000 karakter.", "Text of at most 2000 characters."));
    if (!json_is_integer(jv) || json_integer_value(jv) < 1)
        api_field_error(&fields, "version", http_tr(req, "Wajib: versi yang terakhir dibaca.", "Required: the version you read."));
    if (fields) {
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_begin(req, app);
    app_view_t v;
    if (!c)
        return;
    if (!load_visible(req, c, &v) || !build_view(req, c, &v)) {
        db_rollback(c);
        return;
    }
    if (json_integer_value(jv) != v.a.version) { /* someone acted since the caller read it */
        db_rollback(c);
        http_reply_error(req, 409, "stale_version",
                         http_tr(req, "Permohonan sudah diproses orang lain; muat ulang.", "Someone else acted first; reload."), NULL);
        return;
    }
    const wf_state_t *next_state = NULL;
    unsigned roles = roles_for(req, &v.a);
    wf_move_t mv = workflow_transition(v.wf, v.a.state, action, roles, comment, &next_state);
    const char *next = next_state ? next_state->name : NULL;
    if (mv == WF_MOVE_UNKNOWN_ACTION) {
        db_rollback(c);
        api_field_error(&fields, "action", http_tr(req, "Tindakan tidak dikenal.", "Unknown action."));
        http_reply_invalid(req, fields);
        return;
    }
    if (mv == WF_MOVE_COMMENT_REQUIRED) {
        db_rollback(c);
        api_field_error(&fields, "comment", http_tr(req, "Tindakan ini memerlukan catatan.", "This action needs a comment."));
        http_reply_invalid(req, fields);
        return;
    }
    if (mv != WF_MOVE_OK) {
        db_rollback(c);
        http_reply_error(req, 403, "action_not_allowed",
                         req->lang == LANG_EN ? workflow_move_reason_en(mv) : workflow_move_reason_id(mv), NULL);
        return;
    }
    db_err_t err = {0};
    bool changed;
    if (applications_move(c, v.a.id, next, json_integer_value(jv), &changed, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    if (!changed) {
        db_rollback(c);
        http_reply_error(req, 409, "stale_version",
                         http_tr(req, "Permohonan sudah diproses orang lain; muat ulang.", "Someone else acted first; reload."), NULL);
        return;
    }
    const wf_action_t *wa = workflow_find_action(v.wf, v.a.state, action);
    const principal_t *p = api_principal(req);
    const char *role = NULL;
    for (int i = 0; role_names[i]; i++)
        if ((wa->roles & roles) & (1u << i))
            role = role_names[i];
    app_event_t ev = {.at = clock_now_ms(), .actor_id = p->user_id, .actor_name = p->name, .role = role,
                      .action = action, .from_state = v.a.state, .to_state = next, .comment = comment};
    if (app_events_add(c, v.a.id, &ev, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    if (next_state->kind == WF_TERMINAL && strcmp(next, "issued") == 0) {
        v.a.state = next;
        if (!api_issue_document(req, app, c, &v.a, false, &err)) {
            if (!req->status)
                api_abort(req, c, &err);
            else
                db_rollback(c);
            return;
        }
    }
    const char *tpl = next_state->kind == WF_PAUSED ? "returned"
                      : strcmp(next, "issued") == 0 ? "issued"
                      : strcmp(next, "rejected") == 0 ? "rejected" : NULL;
    if (tpl && api_notify(req, app, c, &v.a, tpl, comment, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    char audit_action[80];
    snprintf(audit_action, sizeof audit_action, "application.%s", action);
    json_t *change = json_pack("{s:s, s:s}", "from", v.a.state, "to", next);
    bool done = api_finish(req, c, audit_action, "application", v.a.id, v.a.region_code, change);
    json_decref(change);
    if (!done)
        return;
    app_view_t after;
    c = api_conn(req, app);
    if (!c || applications_get(c, req->arena, v.a.id, &after.a, &err) != 1 || !build_view(req, c, &after)) {
        if (!req->status)
            api_db_failed(req, &err);
        return;
    }
    reply_view(req, app, c, &after, 200);
}

/* ---- documents ------------------------------------------------------------------- */

/* The type by the bytes, not the name. */
static const char *sniff(const char *d, size_t n)
{
    if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
        return "pdf";
    if (n >= 3 && (unsigned char)d[0] == 0xFF && (unsigned char)d[1] == 0xD8 && (unsigned char)d[2] == 0xFF)
        return "jpg";
    if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
        return "png";
    return NULL;
}

void api_applications_upload(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *requirement = http_param(req, "requirement");
    db_conn_t *c = api_conn(req, app);
    app_view_t v;
    if (!c || !load_visible(req, c, &v))
        return;
    unsigned roles = roles_for(req, &v.a);
    if (!(roles & (ROLE_CITIZEN | ROLE_FRONT_OFFICE | ROLE_PLATFORM_ADMIN))) {
        api_forbidden(req);
        return;
    }
    if (strcmp(v.a.state, "issued") == 0 || strcmp(v.a.state, "rejected") == 0) {
        http_reply_error(req, 409, "finished", http_tr(req, "Permohonan sudah diputus; dokumen tidak dapat diubah.",
                                                       "The application has been decided; its documents cannot change."), NULL);
        return;
    }
    db_err_t err = {0};
    service_t s;
    if (services_get(c, req->arena, v.a.service_id, &s, &err) != 1) {
        api_db_failed(req, &err);
        return;
    }
    json_t *reqs = json_loads(s.requirements, 0, NULL), *r = NULL;
    size_t i;
    json_t *x;
    json_array_foreach(reqs, i, x) if (strcmp(json_string_value(json_object_get(x, "code")), requirement) == 0) r = x;
    if (!r) {
        json_decref(reqs);
        http_reply_error(req, 404, "not_found", http_tr(req, "Dokumen persyaratan tidak dikenal.", "Unknown required document."), NULL);
        return;
    }
    size_t max = (size_t)json_integer_value(json_object_get(r, "max_bytes"));
    const char *type = sniff(req->body, req->body_len);
    bool allowed = false;
    json_array_foreach(json_object_get(r, "formats"), i, x) allowed |= type && strcmp(json_string_value(x), type) == 0;
    json_decref(reqs);
    if (!req->body_len) {
        json_t *fields = NULL;
        api_field_error(&fields, "body", http_tr(req, "Berkas kosong.", "The file is empty."));
        http_reply_invalid(req, fields);
        return;
    }
    if (req->body_len > max) {
        char msg[120];
        snprintf(msg, sizeof msg, req->lang == LANG_EN ? "The file is larger than %zu bytes." : "Berkas melebihi %zu byte.", max);
        http_reply_error(req, 413, "payload_too_large", msg, NULL);
        return;
    }
    if (!allowed) {
        http_reply_error(req, 415, "unsupported_document_type",
                         http_tr(req, "Jenis berkas tidak diterima untuk dokumen ini (dilihat dari isinya).",
                                 "This kind of file is not accepted for this document (judged by its content)."), NULL);
        return;
    }
    char sha[65];
    crypto_sha256_hex(req->body, req->body_len, sha);
    if (!api_store_file(app->data_dir, sha, req->body, req->body_len)) {
        http_reply_internal(req);
        return;
    }
    app_document_t d = {.requirement = requirement, .sha256 = sha, .type = type, .size = (int64_t)req->body_len,
                        .uploaded_at = clock_now_ms()};
    if (!(c = api_begin(req, app)))
        return;
    if (app_documents_put(c, v.a.id, &d, &err) != DB_OK) {
        api_abort(req, c, &err);
        return;
    }
    json_t *out = json_pack("{s:s, s:s, s:I, s:s, s:o}", "requirement", requirement, "sha256", sha, "size",
                            (json_int_t)d.size, "type", type, "uploaded_at", api_time_json(d.uploaded_at, v.a.region_code));
    if (!api_finish(req, c, "document.upload", "application", v.a.id, v.a.region_code, out)) {
        json_decref(out);
        return;
    }
    http_reply_json(req, 201, out);
}

void api_document_pdf(http_req_t *req, void *appv)
{
    app_t *app = appv;
    db_conn_t *c = api_conn(req, app);
    app_view_t v;
    if (!c || !load_visible(req, c, &v))
        return;
    db_err_t err = {0};
    issued_doc_t d;
    int rc = issued_of_application(c, req->arena, v.a.id, &d, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return;
    }
    size_t len = 0;
    char *pdf = rc == 1 ? api_read_file(app->data_dir, d.pdf_sha256, &len) : NULL;
    if (!pdf) {
        http_reply_error(req, 404, "not_found", http_tr(req, "Belum ada dokumen terbit.", "No document has been issued."), NULL);
        return;
    }
    char disp[96];
    snprintf(disp, sizeof disp, "attachment; filename=\"%s.pdf\"", v.a.tracking_no);
    http_add_header(req, "Content-Disposition", disp);
    req->cache_control = "private, no-store";
    http_reply_take(req, 200, "application/pdf", pdf, len);
}

/* ---- public tracking ------------------------------------------------------------- */

/* Answers 429 with Retry-After when key has max failures within the window; true then. */
static bool track_throttled(http_req_t *req, db_conn_t *c, const char *key, int64_t max, const char *message)
{
    db_err_t err = {0};
    int64_t failures = 0, since = 0;
    int64_t now = clock_now_ms();
    if (throttle_get(c, key, &failures, &since, &err) != DB_OK || failures < max || now - since >= TRACK_WINDOW_MS)
        return false;
    char retry[24];
    snprintf(retry, sizeof retry, "%lld", (long long)((since + TRACK_WINDOW_MS - now) / 1000 + 1));
    http_add_header(req, "Retry-After", retry);
    http_reply_error(req, 429, "too_many_attempts", message, NULL);
    return true;
}

void api_track(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const char *raw = http_param(req, "tracking_no");
    const char *pin = http_query(req, "pin"), *nik = http_query(req, "nik");
    char tracking[TRACKING_SIZE];
    tracking_status_t ts = tracking_parse(raw, tracking);
    if (ts != TRACKING_OK) {
        json_t *fields = NULL;
        api_field_error(&fields, "tracking_no", req->lang == LANG_EN ? tracking_reason_en(ts) : tracking_reason_id(ts));
        http_reply_invalid(req, fields);
        return;
    }
    db_conn_t *c = api_conn(req, app);
    if (!c)
        return;
    db_err_t err = {0};
    app_view_t v;
    int rc = applications_by_tracking(c, req->arena, tracking, &v.a, &err);
    if (rc < 0) {
        api_db_failed(req, &err);
        return;
    }
    /* Guessing a 6-digit PIN: 10 wrong tries per number, and 100 from one client address
     * (many numbers, a few tries each), per 15 minutes; then 429. */
    char ip[64];
    http_client_ip(req, ip, sizeof ip);
    const char *key = arena_printf(req->arena, "t:%s", tracking);
    const char *ip_key = arena_printf(req->arena, "tip:%s", ip);
    if (track_throttled(req, c, key, TRACK_MAX_FAILURES,
                        http_tr(req, "Terlalu banyak percobaan untuk nomor ini. Coba lagi nanti.",
                                "Too many tries for this number. Try again later.")) ||
        track_throttled(req, c, ip_key, TRACK_IP_MAX_FAILURES,
                        http_tr(req, "Terlalu banyak percobaan dari alamat Anda. Coba lagi nanti.",
                                "Too many tries from your address. Try again later.")))
        return;
    bool ok = false;
    if (rc == 1 && pin)
        ok = crypto_equal(api_pin_hash(req, app, tracking, pin), v.a.pin_hash);
    else if (rc == 1 && nik && v.a.nik_bidx)
        ok = crypto_equal(api_blind_index(app, req->arena, "nik", nik), v.a.nik_bidx);
    if (!ok) { /* the same answer for no such number and a wrong PIN or NIK */
        throttle_fail(c, key, TRACK_WINDOW_MS, &err);
        throttle_fail(c, ip_key, TRACK_WINDOW_MS, &err);
        http_reply_not_found(req);
        return;
    }
    if (!build_view(req, c, &v))
        return;
    const wf_state_t *st = state_of(v.wf, v.a.state);
    http_reply_json(req, 200, json_pack("{s:s, s:{s:s, s:s}, s:s, s:s, s:o}", "tracking_no", tracking, "service", "code",
                                        v.a.service_code, "name", v.a.service_name, "state", v.a.state, "state_label",
                                        st ? label(req, st->label_id, st->label_en) : v.a.state, "sla",
                                        api_sla_json(&v.sla, v.cal.cal.offset_minutes)));
}

/* ---- the breach policy, run by a background thread --------------------------------- */

#define SYSTEM_ACTOR "satupintu"

/* Acts on one breached application inside its own transaction: 1 acted, 0 nothing to do, -1 error. */
static int handle_breach(http_req_t *req, app_t *app, db_conn_t *c, int64_t id)
{
    db_err_t err = {0};
    app_view_t v;
    if (applications_get(c, req->arena, id, &v.a, &err) != 1 || !build_view(req, c, &v))
        return -1;
    if (!v.sla.breached)
        return 0;
    service_t s;
    if (services_get(c, req->arena, v.a.service_id, &s, &err) != 1)
        return -1;
    bool deemed = strcmp(s.breach_policy, "deemed_approval") == 0 && workflow_state(v.wf, "issued") &&
                  workflow_state(v.wf, "issued")->kind == WF_TERMINAL;
    if (db_begin(c, true, &err) != DB_OK)
        return -1;
    bool marked = false, moved = true;
    int rc = breach_mark(c, id, &marked, &err);
    if (rc == DB_OK && marked && deemed)
        rc = applications_move(c, id, "issued", v.a.version, &moved, &err);
    if (rc != DB_OK || !marked || !moved) { /* another node or an officer was first */
        db_rollback(c);
        return rc == DB_OK ? 0 : -1;
    }
    app_event_t ev = {.at = clock_now_ms(), .actor_name = SYSTEM_ACTOR,
                      .action = deemed ? "deemed_approval" : "escalate", .from_state = v.a.state,
                      .to_state = deemed ? "issued" : v.a.state,
                      .comment = deemed ? "Disetujui demi hukum: batas waktu layanan terlampaui (fiktif positif, PP 28/2025)."
                                        : "Batas waktu layanan terlampaui: diteruskan kepada pimpinan (admin wilayah)."};
    rc = app_events_add(c, id, &ev, &err);
    if (rc == DB_OK && deemed) {
        v.a.state = "issued";
        rc = api_issue_document(req, app, c, &v.a, true, &err) ? DB_OK : DB_ERROR;
        if (rc == DB_OK)
            rc = api_notify(req, app, c, &v.a, "issued", "Disetujui demi hukum karena batas waktu terlampaui.", &err);
    }
    audit_entry_t e = {.actor_name = SYSTEM_ACTOR, .action = deemed ? "application.deemed_approval" : "application.escalate",
                       .entity = "application", .entity_id = arena_printf(req->arena, "%lld", (long long)id),
                       .region_code = v.a.region_code, .change = deemed ? "{\"to\":\"issued\"}" : "{\"escalated\":true}"};
    if (rc == DB_OK)
        rc = audit_append(c, &e, &err);
    if (rc == DB_OK)
        rc = db_commit(c, &err);
    if (rc != DB_OK) {
        db_rollback(c);
        return -1;
    }
    return 1;
}

int api_breach_tick(app_t *app)
{
    db_err_t err = {0};
    db_conn_t *c = db_conn(app->db, &err);
    if (!c)
        return -1;
    int64_t ids[200];
    int n = 0;
    if (breach_candidates(c, ids, 200, &n, &err) != DB_OK)
        return -1;
    int acted = 0;
    for (int i = 0; i < n; i++) {
        /* A request of its own for each application: its arena holds what is loaded. */
        http_req_t req = {.arena = arena_new(16384), .lang = LANG_ID, .method = "POST", .path = "(breach worker)"};
        if (!req.arena)
            return -1;
        int rc = handle_breach(&req, app, c, ids[i]);
        free(req.resp);
        arena_free(req.arena);
        if (rc > 0)
            acted++;
    }
    return acted;
}
