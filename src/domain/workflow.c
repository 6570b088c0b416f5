/* workflow.c - see workflow.h. The default template follows the usual PTSP
 * licensing path (PP 16/2021 for PBG: verification, technical consultation,
 * approval, issue); the clock pause while returned to the applicant is issue 4's
 * "The SLA clock". Names inside a workflow_t are read within their arrays only,
 * so a hand-filled struct without a NUL is refused, never overrun. */
#include "domain/workflow.h"

#include "domain/calendar.h"
#include "domain/roles.h"

#include <string.h>

#define MAX_BUDGET ((int64_t)CAL_MAX_DAYS * 1440)

/* ---- strings within fixed arrays --------------------------------------- */

/* Length of the string in field[size], or size when it has no NUL there. */
static size_t field_len(const char *field, size_t size)
{
    const char *nul = memchr(field, '\0', size);
    return nul ? (size_t)(nul - field) : size;
}

/* Whether field[size] holds exactly the string s. */
static bool field_eq(const char *field, size_t size, const char *s)
{
    size_t n = field_len(field, size);
    return n < size && strncmp(field, s, size) == 0;
}

#define NAME_EQ(field, s) field_eq((field), sizeof(field), (s))

static bool name_ok(const char *field, size_t size)
{
    size_t n = field_len(field, size);
    if (n < 1 || n > WF_NAME_MAX || n >= size)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((field[i] >= 'a' && field[i] <= 'z') || field[i] == '_'))
            return false;
    return true;
}

static bool label_ok(const char *field, size_t size)
{
    size_t n = field_len(field, size);
    return n >= 1 && n <= WF_LABEL_MAX && n < size;
}

/* Copies s into dst[size] whole; false when s is NULL or does not fit. */
static bool store(char *dst, size_t size, const char *s)
{
    if (!s)
        return false;
    size_t n = strlen(s);
    if (n >= size)
        return false;
    memcpy(dst, s, n + 1);
    return true;
}

/* Every bit that names a role of domain/roles.h. */
static unsigned known_roles(void)
{
    unsigned all = 0;
    for (int i = 0; role_names[i]; i++)
        all |= 1u << i;
    return all;
}

/* ---- building ----------------------------------------------------------- */

void workflow_init(workflow_t *wf, int version)
{
    memset(wf, 0, sizeof *wf);
    wf->version = version;
}

wf_status_t workflow_add_state(workflow_t *wf, const char *name, wf_kind_t kind,
                               int64_t sla_minutes, const char *label_id, const char *label_en)
{
    if (!wf)
        return WF_NULL_ARG;
    if (wf->n_states >= WF_MAX_STATES)
        return WF_TOO_MANY_STATES;
    wf_state_t st = {.kind = kind, .sla_minutes = sla_minutes};
    if (!store(st.name, sizeof st.name, name))
        return WF_BAD_NAME;
    if (!store(st.label_id, sizeof st.label_id, label_id) ||
        !store(st.label_en, sizeof st.label_en, label_en))
        return WF_BAD_LABEL;
    wf->states[wf->n_states++] = st;
    return WF_OK;
}

wf_status_t workflow_add_action(workflow_t *wf, const char *name, const char *from, const char *to,
                                unsigned roles, bool comment_required, const char *label_id,
                                const char *label_en)
{
    if (!wf)
        return WF_NULL_ARG;
    if (wf->n_actions >= WF_MAX_ACTIONS)
        return WF_TOO_MANY_ACTIONS;
    wf_action_t a = {.roles = roles, .comment_required = comment_required};
    if (!store(a.name, sizeof a.name, name) || !store(a.from, sizeof a.from, from) ||
        !store(a.to, sizeof a.to, to))
        return WF_BAD_NAME;
    if (!store(a.label_id, sizeof a.label_id, label_id) ||
        !store(a.label_en, sizeof a.label_en, label_en))
        return WF_BAD_LABEL;
    wf->actions[wf->n_actions++] = a;
    return WF_OK;
}

void workflow_default(workflow_t *out)
{
    workflow_init(out, 1);
    workflow_add_state(out, "submitted", WF_START, 0, "Diajukan", "Submitted");
    workflow_add_state(out, "verification", WF_NORMAL, 0, "Verifikasi berkas", "Document verification");
    workflow_add_state(out, "technical_review", WF_NORMAL, 0, "Pemeriksaan teknis", "Technical review");
    workflow_add_state(out, "approval", WF_NORMAL, 0, "Persetujuan", "Approval");
    workflow_add_state(out, "returned_to_applicant", WF_PAUSED, 0, "Dikembalikan ke pemohon",
                       "Returned to the applicant");
    workflow_add_state(out, "issued", WF_TERMINAL, 0, "Terbit", "Issued");
    workflow_add_state(out, "rejected", WF_TERMINAL, 0, "Ditolak", "Rejected");

    workflow_add_action(out, "receive", "submitted", "verification", ROLE_FRONT_OFFICE, false,
                        "Terima berkas", "Receive");
    workflow_add_action(out, "verify", "verification", "technical_review", ROLE_FRONT_OFFICE, false,
                        "Verifikasi", "Verify");
    workflow_add_action(out, "return_to_applicant", "verification", "returned_to_applicant",
                        ROLE_FRONT_OFFICE, true, "Kembalikan ke pemohon", "Return to the applicant");
    workflow_add_action(out, "reject", "verification", "rejected", ROLE_FRONT_OFFICE, true, "Tolak",
                        "Reject");
    workflow_add_action(out, "recommend", "technical_review", "approval", ROLE_BACK_OFFICE, false,
                        "Rekomendasikan", "Recommend for approval");
    workflow_add_action(out, "return_to_applicant", "technical_review", "returned_to_applicant",
                        ROLE_BACK_OFFICE, true, "Kembalikan ke pemohon", "Return to the applicant");
    workflow_add_action(out, "reject", "technical_review", "rejected", ROLE_BACK_OFFICE, true, "Tolak",
                        "Reject");
    workflow_add_action(out, "approve", "approval", "issued", ROLE_APPROVER, false, "Setujui",
                        "Approve");
    workflow_add_action(out, "reject", "approval", "rejected", ROLE_APPROVER, true, "Tolak", "Reject");
    workflow_add_action(out, "resubmit", "returned_to_applicant", "verification", ROLE_CITIZEN, false,
                        "Ajukan kembali", "Resubmit");
}

/* ---- validation --------------------------------------------------------- */

static wf_status_t fault(wf_where_t *where, wf_status_t s, wf_part_t part, size_t index,
                         const char *field)
{
    if (where)
        *where = (wf_where_t){.part = part, .index = index, .field = field};
    return s;
}

/* Index of the state called name (a field of size bytes), or -1. */
static int state_index(const workflow_t *wf, const char *name, size_t size)
{
    size_t n = field_len(name, size);
    if (n >= size)
        return -1;
    for (size_t i = 0; i < wf->n_states; i++)
        if (NAME_EQ(wf->states[i].name, name))
            return (int)i;
    return -1;
}

static wf_status_t check_state(const workflow_t *wf, size_t i, wf_where_t *where)
{
    const wf_state_t *st = &wf->states[i];
    if (!name_ok(st->name, sizeof st->name))
        return fault(where, WF_BAD_NAME, WF_AT_STATE, i, "name");
    if (!label_ok(st->label_id, sizeof st->label_id))
        return fault(where, WF_BAD_LABEL, WF_AT_STATE, i, "label_id");
    if (!label_ok(st->label_en, sizeof st->label_en))
        return fault(where, WF_BAD_LABEL, WF_AT_STATE, i, "label_en");
    if ((int)st->kind < (int)WF_START || (int)st->kind > (int)WF_TERMINAL)
        return fault(where, WF_BAD_KIND, WF_AT_STATE, i, "kind");
    if (st->sla_minutes < 0 || st->sla_minutes > MAX_BUDGET ||
        (st->sla_minutes > 0 && (st->kind == WF_PAUSED || st->kind == WF_TERMINAL)))
        return fault(where, WF_BAD_BUDGET, WF_AT_STATE, i, "sla_minutes");
    for (size_t j = 0; j < i; j++)
        if (NAME_EQ(wf->states[j].name, st->name))
            return fault(where, WF_DUPLICATE_STATE, WF_AT_STATE, i, "name");
    return WF_OK;
}

static wf_status_t check_action(const workflow_t *wf, size_t i, wf_where_t *where)
{
    const wf_action_t *a = &wf->actions[i];
    if (!name_ok(a->name, sizeof a->name))
        return fault(where, WF_BAD_NAME, WF_AT_ACTION, i, "name");
    if (!label_ok(a->label_id, sizeof a->label_id))
        return fault(where, WF_BAD_LABEL, WF_AT_ACTION, i, "label_id");
    if (!label_ok(a->label_en, sizeof a->label_en))
        return fault(where, WF_BAD_LABEL, WF_AT_ACTION, i, "label_en");
    int from = state_index(wf, a->from, sizeof a->from);
    if (from < 0)
        return fault(where, WF_UNKNOWN_STATE, WF_AT_ACTION, i, "from");
    if (state_index(wf, a->to, sizeof a->to) < 0)
        return fault(where, WF_UNKNOWN_STATE, WF_AT_ACTION, i, "to");
    if (wf->states[from].kind == WF_TERMINAL)
        return fault(where, WF_FROM_TERMINAL, WF_AT_ACTION, i, "from");
    if (a->roles == 0 || (a->roles & ~known_roles()) != 0)
        return fault(where, WF_BAD_ROLES, WF_AT_ACTION, i, "roles");
    for (size_t j = 0; j < i; j++)
        if (NAME_EQ(wf->actions[j].name, a->name) && NAME_EQ(wf->actions[j].from, a->from))
            return fault(where, WF_DUPLICATE_ACTION, WF_AT_ACTION, i, "name");
    return WF_OK;
}

/* Marks in seen[] every state reachable from the marked ones, following
 * actions forward (or backward when reverse). Actions must be checked. */
static void spread(const workflow_t *wf, bool seen[WF_MAX_STATES], bool reverse)
{
    bool grew = true;
    while (grew) {
        grew = false;
        for (size_t i = 0; i < wf->n_actions; i++) {
            const wf_action_t *a = &wf->actions[i];
            int from = state_index(wf, a->from, sizeof a->from);
            int to = state_index(wf, a->to, sizeof a->to);
            if (from < 0 || to < 0)
                continue;
            int src = reverse ? to : from, dst = reverse ? from : to;
            if (seen[src] && !seen[dst]) {
                seen[dst] = true;
                grew = true;
            }
        }
    }
}

wf_status_t workflow_validate(const workflow_t *wf, wf_where_t *where)
{
    fault(where, WF_OK, WF_AT_NONE, 0, NULL);
    if (!wf)
        return WF_NULL_ARG;
    if (wf->version < 1)
        return fault(where, WF_BAD_VERSION, WF_AT_WORKFLOW, 0, "version");
    if (wf->n_states == 0)
        return fault(where, WF_NO_STATES, WF_AT_WORKFLOW, 0, "states");
    if (wf->n_states > WF_MAX_STATES)
        return fault(where, WF_TOO_MANY_STATES, WF_AT_WORKFLOW, 0, "states");
    if (wf->n_actions > WF_MAX_ACTIONS)
        return fault(where, WF_TOO_MANY_ACTIONS, WF_AT_WORKFLOW, 0, "actions");

    int start = -1;
    bool terminal = false;
    for (size_t i = 0; i < wf->n_states; i++) {
        wf_status_t s = check_state(wf, i, where);
        if (s != WF_OK)
            return s;
        if (wf->states[i].kind == WF_START) {
            if (start >= 0)
                return fault(where, WF_MANY_STARTS, WF_AT_STATE, i, "kind");
            start = (int)i;
        }
        terminal = terminal || wf->states[i].kind == WF_TERMINAL;
    }
    if (start < 0)
        return fault(where, WF_NO_START, WF_AT_WORKFLOW, 0, "states");
    if (!terminal)
        return fault(where, WF_NO_TERMINAL, WF_AT_WORKFLOW, 0, "states");
    for (size_t i = 0; i < wf->n_actions; i++) {
        wf_status_t s = check_action(wf, i, where);
        if (s != WF_OK)
            return s;
    }

    bool reached[WF_MAX_STATES] = {false};
    reached[start] = true;
    spread(wf, reached, false);
    for (size_t i = 0; i < wf->n_states; i++)
        if (!reached[i])
            return fault(where, WF_UNREACHABLE, WF_AT_STATE, i, "name");

    bool finishes[WF_MAX_STATES] = {false};
    for (size_t i = 0; i < wf->n_states; i++)
        finishes[i] = wf->states[i].kind == WF_TERMINAL;
    spread(wf, finishes, true);
    for (size_t i = 0; i < wf->n_states; i++)
        if (!finishes[i])
            return fault(where, WF_DEAD_END, WF_AT_STATE, i, "name");
    return WF_OK;
}

/* ---- reading ------------------------------------------------------------ */

static size_t n_states(const workflow_t *wf)
{
    return wf->n_states < WF_MAX_STATES ? wf->n_states : WF_MAX_STATES;
}

static size_t n_actions(const workflow_t *wf)
{
    return wf->n_actions < WF_MAX_ACTIONS ? wf->n_actions : WF_MAX_ACTIONS;
}

const wf_state_t *workflow_state(const workflow_t *wf, const char *name)
{
    if (!wf || !name)
        return NULL;
    for (size_t i = 0; i < n_states(wf); i++)
        if (NAME_EQ(wf->states[i].name, name))
            return &wf->states[i];
    return NULL;
}

const wf_action_t *workflow_find_action(const workflow_t *wf, const char *from_state,
                                        const char *action_name)
{
    if (!wf || !from_state || !action_name)
        return NULL;
    for (size_t i = 0; i < n_actions(wf); i++) {
        const wf_action_t *a = &wf->actions[i];
        if (NAME_EQ(a->from, from_state) && NAME_EQ(a->name, action_name))
            return a;
    }
    return NULL;
}

size_t workflow_allowed_actions(const workflow_t *wf, const char *state, unsigned role_bits,
                                const wf_action_t *out[], size_t max)
{
    const wf_state_t *st = workflow_state(wf, state);
    if (!st || st->kind == WF_TERMINAL)
        return 0;
    size_t count = 0;
    for (size_t i = 0; i < n_actions(wf); i++) {
        const wf_action_t *a = &wf->actions[i];
        if (!NAME_EQ(a->from, state) || (a->roles & role_bits) == 0)
            continue;
        if (out && count < max)
            out[count] = a;
        count++;
    }
    return count;
}

/* Whether comment holds something other than blanks. */
static bool has_text(const char *comment)
{
    if (!comment)
        return false;
    for (const char *p = comment; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return true;
    return false;
}

wf_move_t workflow_transition(const workflow_t *wf, const char *state, const char *action,
                              unsigned role_bits, const char *comment, const wf_state_t **next)
{
    if (next)
        *next = NULL;
    if (!wf || !state || !action)
        return WF_MOVE_NULL_ARG;
    const wf_state_t *st = workflow_state(wf, state);
    if (!st)
        return WF_MOVE_UNKNOWN_STATE;
    if (st->kind == WF_TERMINAL)
        return WF_MOVE_FINISHED;
    const wf_action_t *a = workflow_find_action(wf, state, action);
    if (!a) {
        for (size_t i = 0; i < n_actions(wf); i++)
            if (NAME_EQ(wf->actions[i].name, action))
                return WF_MOVE_NOT_FROM_HERE;
        return WF_MOVE_UNKNOWN_ACTION;
    }
    if ((a->roles & role_bits) == 0)
        return WF_MOVE_ROLE_NOT_ALLOWED;
    if (a->comment_required && !has_text(comment))
        return WF_MOVE_COMMENT_REQUIRED;
    const wf_state_t *to = workflow_state(wf, a->to);
    if (!to)
        return WF_MOVE_UNKNOWN_STATE; /* only on a workflow that never passed validation */
    if (next)
        *next = to;
    return WF_MOVE_OK;
}

/* ---- names and reasons -------------------------------------------------- */

static const char *const KIND_NAMES[] = {"start", "normal", "paused", "terminal"};

const char *wf_kind_name(wf_kind_t kind)
{
    if ((int)kind < (int)WF_START || (int)kind > (int)WF_TERMINAL)
        return "";
    return KIND_NAMES[kind];
}

bool wf_kind_parse(const char *name, wf_kind_t *kind)
{
    if (!name || !kind)
        return false;
    for (int k = WF_START; k <= WF_TERMINAL; k++) {
        if (strcmp(name, KIND_NAMES[k]) == 0) {
            *kind = (wf_kind_t)k;
            return true;
        }
    }
    return false;
}

const char *workflow_reason_en(wf_status_t s)
{
    switch (s) {
    case WF_OK: return "valid";
    case WF_NULL_ARG: return "A required value is missing.";
    case WF_BAD_VERSION: return "The workflow version must be 1 or more.";
    case WF_NO_STATES: return "A workflow needs states.";
    case WF_TOO_MANY_STATES: return "A workflow has at most 16 states.";
    case WF_TOO_MANY_ACTIONS: return "A workflow has at most 32 actions.";
    case WF_BAD_NAME: return "A name is 1 to 40 lower-case letters a-z or underscores.";
    case WF_BAD_LABEL: return "A label must be given, at most 80 bytes.";
    case WF_BAD_KIND: return "A state's kind is start, normal, paused or terminal.";
    case WF_BAD_BUDGET: return "A state budget is 0 or more working minutes, at most ten years, and only on a start or normal state.";
    case WF_DUPLICATE_STATE: return "Two states share a name.";
    case WF_NO_START: return "One state must be the start.";
    case WF_MANY_STARTS: return "Only one state can be the start.";
    case WF_NO_TERMINAL: return "At least one state must be terminal.";
    case WF_UNKNOWN_STATE: return "An action names a state the workflow does not have.";
    case WF_FROM_TERMINAL: return "No action may leave a terminal state.";
    case WF_BAD_ROLES: return "An action must allow at least one known role.";
    case WF_DUPLICATE_ACTION: return "Two actions out of the same state share a name.";
    case WF_UNREACHABLE: return "No way leads from the start to this state.";
    case WF_DEAD_END: return "No way leads from this state to a terminal state.";
    }
    return "invalid";
}

const char *workflow_reason_id(wf_status_t s)
{
    switch (s) {
    case WF_OK: return "sah";
    case WF_NULL_ARG: return "Ada nilai wajib yang tidak diisi.";
    case WF_BAD_VERSION: return "Versi alur kerja minimal 1.";
    case WF_NO_STATES: return "Alur kerja harus memiliki tahapan.";
    case WF_TOO_MANY_STATES: return "Alur kerja memiliki paling banyak 16 tahapan.";
    case WF_TOO_MANY_ACTIONS: return "Alur kerja memiliki paling banyak 32 tindakan.";
    case WF_BAD_NAME: return "Nama terdiri dari 1 sampai 40 huruf kecil a-z atau garis bawah.";
    case WF_BAD_LABEL: return "Label wajib diisi, paling panjang 80 bita.";
    case WF_BAD_KIND: return "Jenis tahapan adalah start, normal, paused, atau terminal.";
    case WF_BAD_BUDGET: return "Batas waktu tahapan 0 menit kerja atau lebih, paling lama sepuluh tahun, dan hanya pada tahapan awal atau biasa.";
    case WF_DUPLICATE_STATE: return "Dua tahapan memiliki nama yang sama.";
    case WF_NO_START: return "Satu tahapan harus menjadi tahapan awal.";
    case WF_MANY_STARTS: return "Hanya satu tahapan yang boleh menjadi tahapan awal.";
    case WF_NO_TERMINAL: return "Paling sedikit satu tahapan harus menjadi tahapan akhir.";
    case WF_UNKNOWN_STATE: return "Tindakan menyebut tahapan yang tidak ada dalam alur kerja.";
    case WF_FROM_TERMINAL: return "Tidak boleh ada tindakan dari tahapan akhir.";
    case WF_BAD_ROLES: return "Tindakan harus mengizinkan paling sedikit satu peran yang dikenal.";
    case WF_DUPLICATE_ACTION: return "Dua tindakan dari tahapan yang sama memiliki nama yang sama.";
    case WF_UNREACHABLE: return "Tahapan ini tidak dapat dicapai dari tahapan awal.";
    case WF_DEAD_END: return "Dari tahapan ini tidak ada jalan ke tahapan akhir.";
    }
    return "tidak sah";
}

const char *workflow_move_reason_en(wf_move_t m)
{
    switch (m) {
    case WF_MOVE_OK: return "allowed";
    case WF_MOVE_NULL_ARG: return "A required value is missing.";
    case WF_MOVE_UNKNOWN_STATE: return "The application's state is not part of its workflow.";
    case WF_MOVE_FINISHED: return "The application is finished; no action is possible.";
    case WF_MOVE_UNKNOWN_ACTION: return "The workflow has no such action.";
    case WF_MOVE_NOT_FROM_HERE: return "This action is not possible at the application's current step.";
    case WF_MOVE_ROLE_NOT_ALLOWED: return "Your role may not take this action.";
    case WF_MOVE_COMMENT_REQUIRED: return "This action needs a comment.";
    }
    return "not allowed";
}

const char *workflow_move_reason_id(wf_move_t m)
{
    switch (m) {
    case WF_MOVE_OK: return "diizinkan";
    case WF_MOVE_NULL_ARG: return "Ada nilai wajib yang tidak diisi.";
    case WF_MOVE_UNKNOWN_STATE: return "Tahapan permohonan tidak ada dalam alur kerjanya.";
    case WF_MOVE_FINISHED: return "Permohonan sudah selesai; tidak ada tindakan lagi.";
    case WF_MOVE_UNKNOWN_ACTION: return "Alur kerja tidak memiliki tindakan ini.";
    case WF_MOVE_NOT_FROM_HERE: return "Tindakan ini tidak dapat dilakukan pada tahapan permohonan saat ini.";
    case WF_MOVE_ROLE_NOT_ALLOWED: return "Peran Anda tidak boleh melakukan tindakan ini.";
    case WF_MOVE_COMMENT_REQUIRED: return "Tindakan ini memerlukan catatan.";
    }
    return "tidak diizinkan";
}

bool workflow_clock_runs(const workflow_t *wf, const char *state)
{
    const wf_state_t *s = state ? workflow_state(wf, state) : NULL;
    return s && s->kind != WF_PAUSED && s->kind != WF_TERMINAL;
}
