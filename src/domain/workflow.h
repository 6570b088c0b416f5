/* workflow.h - an application's workflow as data (issue 4 "Catalogue" and
 * "Applications"): states an application can be in, actions officers and the
 * applicant take to move it between states, who may take each action, and a
 * version (applications keep the version they started with).
 *
 * A state has a kind: the one start state, normal states (the SLA clock runs),
 * paused states (the clock stops: returned to the applicant) and terminal states
 * (issued, rejected: nothing leaves them). A state may carry its own budget of
 * working minutes besides the service's overall sla_minutes.
 *
 * Pure: no I/O, no allocation. A workflow_t is one self-contained value of fixed
 * size (about 13 KB): copy it, keep it, free nothing. JSON is the API layer's
 * business; the kind names and the add functions below are what it maps with.
 * Rules that read a workflow (find, allowed, transition) expect one that passed
 * workflow_validate; on any other they stay memory-safe but answer nothing useful. */
#ifndef SATUPINTU_DOMAIN_WORKFLOW_H
#define SATUPINTU_DOMAIN_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define WF_MAX_STATES 16
#define WF_MAX_ACTIONS 32
#define WF_NAME_MAX 40          /* a name is [a-z_], 1..40 characters */
#define WF_LABEL_MAX 80         /* a label is 1..80 bytes of UTF-8 */

typedef enum {
    WF_OK = 0,
    WF_NULL_ARG,                /* a required pointer is NULL */
    WF_BAD_VERSION,             /* version below 1 */
    WF_NO_STATES,               /* no state at all */
    WF_TOO_MANY_STATES,         /* more than WF_MAX_STATES */
    WF_TOO_MANY_ACTIONS,        /* more than WF_MAX_ACTIONS */
    WF_BAD_NAME,                /* a state or action name is not [a-z_] 1..40 */
    WF_BAD_LABEL,               /* a label is empty or longer than WF_LABEL_MAX bytes */
    WF_BAD_KIND,                /* a kind outside wf_kind_t */
    WF_BAD_BUDGET,              /* a state budget below 0, above ten years, or on a paused or terminal state */
    WF_DUPLICATE_STATE,         /* two states share a name */
    WF_NO_START,                /* no state is the start */
    WF_MANY_STARTS,             /* more than one state is the start */
    WF_NO_TERMINAL,             /* no state is terminal: nothing would ever finish */
    WF_UNKNOWN_STATE,           /* an action's from or to names no state */
    WF_FROM_TERMINAL,           /* an action leaves a terminal state */
    WF_BAD_ROLES,               /* an action allows no role, or a bit that is no role */
    WF_DUPLICATE_ACTION,        /* two actions share a name and a from state */
    WF_UNREACHABLE,             /* no way leads from the start to this state */
    WF_DEAD_END,                /* from this state no way leads to a terminal state */
} wf_status_t;

/* What workflow_transition decided. */
typedef enum {
    WF_MOVE_OK = 0,             /* allowed: next is the new state */
    WF_MOVE_NULL_ARG,           /* wf, state or action is NULL */
    WF_MOVE_UNKNOWN_STATE,      /* the current state is not in this workflow (version mix-up) */
    WF_MOVE_FINISHED,           /* the current state is terminal: nothing more to do */
    WF_MOVE_UNKNOWN_ACTION,     /* no action of that name anywhere in the workflow */
    WF_MOVE_NOT_FROM_HERE,      /* the action exists, but not from the current state */
    WF_MOVE_ROLE_NOT_ALLOWED,   /* none of the caller's roles may take it */
    WF_MOVE_COMMENT_REQUIRED,   /* the action needs a comment and got none (or only blanks) */
} wf_move_t;

typedef enum {
    WF_START,                   /* where every application begins (exactly one) */
    WF_NORMAL,                  /* the SLA clock runs */
    WF_PAUSED,                  /* the SLA clock stops (returned_to_applicant) */
    WF_TERMINAL,                /* finished (issued, rejected) */
} wf_kind_t;

typedef struct {
    char name[WF_NAME_MAX + 1];         /* "technical_review" */
    char label_id[WF_LABEL_MAX + 1];    /* "Pemeriksaan teknis" */
    char label_en[WF_LABEL_MAX + 1];    /* "Technical review" */
    wf_kind_t kind;
    int64_t sla_minutes;                /* this state's budget of working minutes; 0 = none */
} wf_state_t;

typedef struct {
    char name[WF_NAME_MAX + 1];         /* "verify"; unique per from state */
    char from[WF_NAME_MAX + 1];         /* a state name */
    char to[WF_NAME_MAX + 1];           /* a state name */
    char label_id[WF_LABEL_MAX + 1];    /* the button: "Verifikasi" */
    char label_en[WF_LABEL_MAX + 1];    /* "Verify" */
    unsigned roles;                     /* ROLE_* bits of domain/roles.h that may take it */
    bool comment_required;
} wf_action_t;

typedef struct {
    int version;                        /* 1, 2, ...: applications keep theirs */
    size_t n_states, n_actions;
    wf_state_t states[WF_MAX_STATES];
    wf_action_t actions[WF_MAX_ACTIONS];
} workflow_t;

/* Whether the SLA clock runs in state: it exists and is neither paused nor terminal. */
bool workflow_clock_runs(const workflow_t *wf, const char *state);

/* Which part of a workflow workflow_validate found wrong. */
typedef enum { WF_AT_NONE, WF_AT_WORKFLOW, WF_AT_STATE, WF_AT_ACTION } wf_part_t;

/* Where the fault is: index into states or actions; field names the member
 * ("name", "label_en", "kind", "sla_minutes", "from", "to", "roles", and for the
 * workflow "version", "states", "actions"), a static string; NULL when none. */
typedef struct {
    wf_part_t part;
    size_t index;
    const char *field;
} wf_where_t;

/* Empties wf and sets its version. */
void workflow_init(workflow_t *wf, int version);

/* Appends a state; WF_TOO_MANY_STATES when full, WF_BAD_NAME or WF_BAD_LABEL
 * when a string is NULL or too long to store whole. The rest is for validate. */
wf_status_t workflow_add_state(workflow_t *wf, const char *name, wf_kind_t kind,
                               int64_t sla_minutes, const char *label_id, const char *label_en);

/* Appends an action, refusing the same way as workflow_add_state. */
wf_status_t workflow_add_action(workflow_t *wf, const char *name, const char *from, const char *to,
                                unsigned roles, bool comment_required, const char *label_id,
                                const char *label_en);

/* Fills out with the default template of issue 4 (version 1):
 *   submitted (start) --receive [front_office]--> verification
 *   verification --verify [front_office]--> technical_review
 *   technical_review --recommend [back_office]--> approval
 *   approval --approve [approver]--> issued (terminal)
 *   verification, technical_review --return_to_applicant [that step's role], comment-->
 *       returned_to_applicant (paused)
 *   returned_to_applicant --resubmit [citizen]--> verification
 *   verification, technical_review, approval --reject [that step's role], comment--> rejected (terminal)
 * No per-state budgets: the service's sla_minutes is the budget. */
void workflow_default(workflow_t *out);

/* Checks wf; on a fault returns its status and, when where is not NULL, says where. */
wf_status_t workflow_validate(const workflow_t *wf, wf_where_t *where);

/* The state called name, or NULL. Borrowed from wf. */
const wf_state_t *workflow_state(const workflow_t *wf, const char *name);

/* The action called action_name out of from_state, or NULL. Borrowed from wf. */
const wf_action_t *workflow_find_action(const workflow_t *wf, const char *from_state,
                                        const char *action_name);

/* Writes to out (at most max, borrowed from wf, in workflow order) the actions a
 * caller holding role_bits may take in state now, and returns how many there are
 * (more than max means out was too short). 0 for a terminal or unknown state. */
size_t workflow_allowed_actions(const workflow_t *wf, const char *state, unsigned role_bits,
                                const wf_action_t *out[], size_t max);

/* Decides whether a caller holding role_bits may take action in state, with
 * comment (may be NULL); on WF_MOVE_OK *next (when next is not NULL) is the state
 * the application moves to, borrowed from wf; otherwise *next is NULL. */
wf_move_t workflow_transition(const workflow_t *wf, const char *state, const char *action,
                              unsigned role_bits, const char *comment, const wf_state_t **next);

/* The kind's name for JSON: "start", "normal", "paused", "terminal" ("" if none). */
const char *wf_kind_name(wf_kind_t kind);

/* Parses a kind name into *kind; false when name is none of wf_kind_name's. */
bool wf_kind_parse(const char *name, wf_kind_t *kind);

/* A short English reason for a validation status ("two states share a name"). */
const char *workflow_reason_en(wf_status_t s);

/* The same in Bahasa Indonesia. */
const char *workflow_reason_id(wf_status_t s);

/* A short English reason for a refused transition. */
const char *workflow_move_reason_en(wf_move_t m);

/* The same in Bahasa Indonesia. */
const char *workflow_move_reason_id(wf_move_t m);

#endif
