/* test_workflow.c - domain/workflow: the default template of issue 4, who may
 * act where, refused transitions with the right reason, and what validation
 * catches in a workflow an administrator designed. */
#include "domain/roles.h"
#include "domain/workflow.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#define STATES_IN_DEFAULT 7
#define ACTIONS_IN_DEFAULT 10

/* The allowed action names, comma-joined, in workflow order ("" for none). */
static const char *allowed(const workflow_t *wf, const char *state, unsigned roles)
{
    static char buf[512];
    const wf_action_t *out[WF_MAX_ACTIONS];
    size_t n = workflow_allowed_actions(wf, state, roles, out, WF_MAX_ACTIONS);
    cr_assert_leq(n, WF_MAX_ACTIONS);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            strcat(buf, ",");
        strcat(buf, out[i]->name);
    }
    return buf;
}

static wf_status_t check(const workflow_t *wf, wf_where_t *where)
{
    return workflow_validate(wf, where);
}

static void assert_where(wf_where_t w, wf_part_t part, size_t index, const char *field)
{
    cr_assert_eq(w.part, part, "part %d, expected %d", w.part, part);
    cr_assert_eq(w.index, index, "index %zu, expected %zu", w.index, index);
    if (field)
        cr_assert_str_eq(w.field, field);
}

/* ---- the default template ----------------------------------------------- */

Test(workflow, default_template_validates)
{
    workflow_t wf;
    wf_where_t w = {.part = WF_AT_STATE, .index = 9};
    workflow_default(&wf);
    cr_assert_eq(check(&wf, &w), WF_OK);
    assert_where(w, WF_AT_NONE, 0, NULL);
    cr_assert_null(w.field);
    cr_assert_eq(wf.version, 1);
    cr_assert_eq(wf.n_states, STATES_IN_DEFAULT);
    cr_assert_eq(wf.n_actions, ACTIONS_IN_DEFAULT);

    static const struct {
        const char *name;
        wf_kind_t kind;
    } kinds[] = {
        {"submitted", WF_START},        {"verification", WF_NORMAL},
        {"technical_review", WF_NORMAL}, {"approval", WF_NORMAL},
        {"returned_to_applicant", WF_PAUSED}, {"issued", WF_TERMINAL},
        {"rejected", WF_TERMINAL},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        const wf_state_t *st = workflow_state(&wf, kinds[i].name);
        cr_assert_not_null(st, "%s", kinds[i].name);
        cr_assert_eq(st->kind, kinds[i].kind, "%s", kinds[i].name);
        cr_assert_eq(st->sla_minutes, 0, "the service's budget applies");
        cr_assert_gt(strlen(st->label_id), 0);
        cr_assert_gt(strlen(st->label_en), 0);
    }
    cr_assert_null(workflow_state(&wf, "limbo"));
    cr_assert_null(workflow_state(&wf, "Submitted"));
    cr_assert_null(workflow_state(&wf, "submitte"));
    cr_assert_null(workflow_state(&wf, "submittedx"));
    cr_assert_null(workflow_state(&wf, NULL));
    cr_assert_null(workflow_state(NULL, "submitted"));
}

Test(workflow, default_template_overwrites_whatever_was_there)
{
    workflow_t wf;
    memset(&wf, 0x5A, sizeof wf);
    workflow_default(&wf);
    cr_assert_eq(check(&wf, NULL), WF_OK);
    cr_assert_eq(wf.n_states, STATES_IN_DEFAULT);
}

/* Every role at every state of the default template: exactly what the issue
 * implies, and nothing for the other roles. */
Test(workflow, each_role_sees_exactly_its_actions)
{
    static const struct {
        const char *state, *role, *actions;
    } grants[] = {
        {"submitted", "front_office", "receive"},
        {"verification", "front_office", "verify,return_to_applicant,reject"},
        {"technical_review", "back_office", "recommend,return_to_applicant,reject"},
        {"approval", "approver", "approve,reject"},
        {"returned_to_applicant", "citizen", "resubmit"},
    };
    static const char *const states[] = {"submitted", "verification", "technical_review", "approval",
                                         "returned_to_applicant", "issued", "rejected"};
    workflow_t wf;
    workflow_default(&wf);
    int checked = 0;
    for (size_t s = 0; s < sizeof states / sizeof states[0]; s++) {
        for (int r = 0; role_names[r]; r++) {
            const char *expected = "";
            for (size_t g = 0; g < sizeof grants / sizeof grants[0]; g++)
                if (strcmp(grants[g].state, states[s]) == 0 && strcmp(grants[g].role, role_names[r]) == 0)
                    expected = grants[g].actions;
            cr_assert_str_eq(allowed(&wf, states[s], role_bit(role_names[r])), expected,
                             "%s at %s", role_names[r], states[s]);
            checked++;
        }
    }
    cr_assert_eq(checked, 7 * 11);
}

Test(workflow, nobody_acts_on_a_finished_application)
{
    workflow_t wf;
    workflow_default(&wf);
    unsigned everyone = ROLE_CITIZEN | ROLE_STAFF;
    cr_assert_str_eq(allowed(&wf, "issued", everyone), "");
    cr_assert_str_eq(allowed(&wf, "rejected", everyone), "");
    cr_assert_str_eq(allowed(&wf, "rejected", ~0u), "");
    cr_assert_eq(workflow_allowed_actions(&wf, "issued", everyone, NULL, 0), 0);
}

Test(workflow, several_roles_see_the_union)
{
    workflow_t wf;
    workflow_default(&wf);
    unsigned fo_bo = ROLE_FRONT_OFFICE | ROLE_BACK_OFFICE;
    cr_assert_str_eq(allowed(&wf, "verification", fo_bo), "verify,return_to_applicant,reject");
    cr_assert_str_eq(allowed(&wf, "technical_review", fo_bo), "recommend,return_to_applicant,reject");
    cr_assert_str_eq(allowed(&wf, "approval", fo_bo), "");
    cr_assert_str_eq(allowed(&wf, "verification", 0), "", "no roles, no actions");
    cr_assert_str_eq(allowed(&wf, "limbo", ~0u), "", "unknown state");
    cr_assert_str_eq(allowed(&wf, "verification", ROLE_PLATFORM_ADMIN | ROLE_EXECUTIVE), "",
                     "administrators do not process applications");
}

Test(workflow, allowed_actions_counts_past_a_short_array)
{
    workflow_t wf;
    workflow_default(&wf);
    const wf_action_t *out[1] = {NULL};
    cr_assert_eq(workflow_allowed_actions(&wf, "verification", ROLE_FRONT_OFFICE, out, 1), 3);
    cr_assert_str_eq(out[0]->name, "verify");
    cr_assert_eq(workflow_allowed_actions(&wf, "verification", ROLE_FRONT_OFFICE, NULL, 0), 3);
    cr_assert_eq(workflow_allowed_actions(NULL, "verification", ROLE_FRONT_OFFICE, out, 1), 0);
    cr_assert_eq(workflow_allowed_actions(&wf, NULL, ROLE_FRONT_OFFICE, out, 1), 0);
}

Test(workflow, allowed_actions_carry_what_the_ui_needs)
{
    workflow_t wf;
    workflow_default(&wf);
    const wf_action_t *out[4];
    size_t n = workflow_allowed_actions(&wf, "approval", ROLE_APPROVER, out, 4);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(out[0]->name, "approve");
    cr_assert_str_eq(out[0]->to, "issued");
    cr_assert(!out[0]->comment_required);
    cr_assert_str_eq(out[0]->label_id, "Setujui");
    cr_assert_str_eq(out[1]->name, "reject");
    cr_assert_str_eq(out[1]->to, "rejected");
    cr_assert(out[1]->comment_required);
}

/* ---- transitions -------------------------------------------------------- */

/* Takes action from state and checks the state it leads to. */
static void step(const workflow_t *wf, const char *state, const char *action, unsigned roles,
                 const char *comment, const char *to, wf_kind_t kind)
{
    const wf_state_t *next = NULL;
    wf_move_t m = workflow_transition(wf, state, action, roles, comment, &next);
    cr_assert_eq(m, WF_MOVE_OK, "%s from %s: %s", action, state, workflow_move_reason_en(m));
    cr_assert_not_null(next);
    cr_assert_str_eq(next->name, to);
    cr_assert_eq(next->kind, kind, "%s", to);
}

Test(workflow, pbg_mbr_straight_through)
{
    workflow_t wf;
    workflow_default(&wf);
    step(&wf, "submitted", "receive", ROLE_FRONT_OFFICE, NULL, "verification", WF_NORMAL);
    step(&wf, "verification", "verify", ROLE_FRONT_OFFICE, NULL, "technical_review", WF_NORMAL);
    step(&wf, "technical_review", "recommend", ROLE_BACK_OFFICE, "", "approval", WF_NORMAL);
    step(&wf, "approval", "approve", ROLE_APPROVER, "Sesuai KRK", "issued", WF_TERMINAL);
}

Test(workflow, returned_pauses_and_resubmit_goes_back_to_verification)
{
    workflow_t wf;
    workflow_default(&wf);
    step(&wf, "verification", "return_to_applicant", ROLE_FRONT_OFFICE, "Lampirkan sertifikat tanah",
         "returned_to_applicant", WF_PAUSED);
    step(&wf, "technical_review", "return_to_applicant", ROLE_BACK_OFFICE, "Gambar denah kurang",
         "returned_to_applicant", WF_PAUSED);
    step(&wf, "returned_to_applicant", "resubmit", ROLE_CITIZEN, NULL, "verification", WF_NORMAL);
}

Test(workflow, reject_from_each_step_by_that_steps_role)
{
    workflow_t wf;
    workflow_default(&wf);
    step(&wf, "verification", "reject", ROLE_FRONT_OFFICE, "Bukan MBR", "rejected", WF_TERMINAL);
    step(&wf, "technical_review", "reject", ROLE_BACK_OFFICE, "Melanggar KDB", "rejected", WF_TERMINAL);
    step(&wf, "approval", "reject", ROLE_APPROVER, "Tidak sesuai RTRW", "rejected", WF_TERMINAL);
    const wf_state_t *next = &wf.states[0];
    cr_assert_eq(workflow_transition(&wf, "approval", "reject", ROLE_FRONT_OFFICE, "x", &next),
                 WF_MOVE_ROLE_NOT_ALLOWED, "front office cannot reject at approval");
    cr_assert_null(next);
    cr_assert_eq(workflow_transition(&wf, "verification", "reject", ROLE_APPROVER, "x", NULL),
                 WF_MOVE_ROLE_NOT_ALLOWED, "the approver cannot reject at verification");
}

Test(workflow, wrong_role_is_refused)
{
    workflow_t wf;
    workflow_default(&wf);
    const wf_state_t *next = &wf.states[0];
    cr_assert_eq(workflow_transition(&wf, "verification", "verify", ROLE_CITIZEN, NULL, &next),
                 WF_MOVE_ROLE_NOT_ALLOWED);
    cr_assert_null(next, "no next state on a refusal");
    cr_assert_eq(workflow_transition(&wf, "verification", "verify", ROLE_BACK_OFFICE, NULL, NULL),
                 WF_MOVE_ROLE_NOT_ALLOWED);
    cr_assert_eq(workflow_transition(&wf, "approval", "approve", ROLE_BACK_OFFICE, NULL, NULL),
                 WF_MOVE_ROLE_NOT_ALLOWED);
    cr_assert_eq(workflow_transition(&wf, "returned_to_applicant", "resubmit", ROLE_FRONT_OFFICE,
                                     NULL, NULL),
                 WF_MOVE_ROLE_NOT_ALLOWED);
    cr_assert_eq(workflow_transition(&wf, "approval", "approve", 0, NULL, NULL),
                 WF_MOVE_ROLE_NOT_ALLOWED, "no roles at all");
    cr_assert_eq(workflow_transition(&wf, "approval", "approve", ROLE_PLATFORM_ADMIN, NULL, NULL),
                 WF_MOVE_ROLE_NOT_ALLOWED);
}

Test(workflow, wrong_state_is_refused)
{
    workflow_t wf;
    workflow_default(&wf);
    const wf_state_t *next = &wf.states[0];
    cr_assert_eq(workflow_transition(&wf, "verification", "approve", ROLE_APPROVER, NULL, &next),
                 WF_MOVE_NOT_FROM_HERE, "approval is not the step yet");
    cr_assert_null(next);
    cr_assert_eq(workflow_transition(&wf, "submitted", "verify", ROLE_FRONT_OFFICE, NULL, NULL),
                 WF_MOVE_NOT_FROM_HERE, "receive first");
    cr_assert_eq(workflow_transition(&wf, "approval", "return_to_applicant", ROLE_APPROVER, "x", NULL),
                 WF_MOVE_NOT_FROM_HERE, "the approver approves or rejects");
    cr_assert_eq(workflow_transition(&wf, "verification", "resubmit", ROLE_CITIZEN, NULL, NULL),
                 WF_MOVE_NOT_FROM_HERE, "a second resubmit");
    cr_assert_eq(workflow_transition(&wf, "verification", "escalate", ROLE_FRONT_OFFICE, NULL, NULL),
                 WF_MOVE_UNKNOWN_ACTION);
    cr_assert_eq(workflow_transition(&wf, "verification", "Verify", ROLE_FRONT_OFFICE, NULL, NULL),
                 WF_MOVE_UNKNOWN_ACTION, "names are exact");
    cr_assert_eq(workflow_transition(&wf, "issued", "approve", ROLE_APPROVER, NULL, NULL),
                 WF_MOVE_FINISHED);
    cr_assert_eq(workflow_transition(&wf, "rejected", "resubmit", ROLE_CITIZEN, NULL, NULL),
                 WF_MOVE_FINISHED);
    cr_assert_eq(workflow_transition(&wf, "limbo", "verify", ROLE_FRONT_OFFICE, NULL, NULL),
                 WF_MOVE_UNKNOWN_STATE);
    cr_assert_eq(workflow_transition(NULL, "verification", "verify", ROLE_FRONT_OFFICE, NULL, NULL),
                 WF_MOVE_NULL_ARG);
    cr_assert_eq(workflow_transition(&wf, NULL, "verify", ROLE_FRONT_OFFICE, NULL, NULL),
                 WF_MOVE_NULL_ARG);
    cr_assert_eq(workflow_transition(&wf, "verification", NULL, ROLE_FRONT_OFFICE, NULL, NULL),
                 WF_MOVE_NULL_ARG);
}

Test(workflow, missing_comment_is_refused)
{
    workflow_t wf;
    workflow_default(&wf);
    static const char *const blank[] = {NULL, "", " ", " \t\r\n "};
    for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++) {
        const wf_state_t *next = &wf.states[0];
        cr_assert_eq(workflow_transition(&wf, "verification", "reject", ROLE_FRONT_OFFICE, blank[i], &next),
                     WF_MOVE_COMMENT_REQUIRED, "comment %zu", i);
        cr_assert_null(next);
        cr_assert_eq(workflow_transition(&wf, "technical_review", "return_to_applicant",
                                         ROLE_BACK_OFFICE, blank[i], NULL),
                     WF_MOVE_COMMENT_REQUIRED, "comment %zu", i);
        cr_assert_eq(workflow_transition(&wf, "approval", "reject", ROLE_APPROVER, blank[i], NULL),
                     WF_MOVE_COMMENT_REQUIRED, "comment %zu", i);
    }
    cr_assert_eq(workflow_transition(&wf, "verification", "reject", ROLE_CITIZEN, NULL, NULL),
                 WF_MOVE_ROLE_NOT_ALLOWED, "the role is checked before the comment");
    step(&wf, "verification", "reject", ROLE_FRONT_OFFICE, " x ", "rejected", WF_TERMINAL);
}

Test(workflow, find_action_by_state_and_name)
{
    workflow_t wf;
    workflow_default(&wf);
    const wf_action_t *a = workflow_find_action(&wf, "technical_review", "reject");
    cr_assert_not_null(a);
    cr_assert_str_eq(a->from, "technical_review");
    cr_assert_str_eq(a->to, "rejected");
    cr_assert_eq(a->roles, ROLE_BACK_OFFICE);
    cr_assert(a->comment_required);
    a = workflow_find_action(&wf, "verification", "reject");
    cr_assert_not_null(a);
    cr_assert_eq(a->roles, ROLE_FRONT_OFFICE, "the same name, another step, another role");
    a = workflow_find_action(&wf, "returned_to_applicant", "resubmit");
    cr_assert_not_null(a);
    cr_assert(!a->comment_required);
    cr_assert_null(workflow_find_action(&wf, "issued", "reject"));
    cr_assert_null(workflow_find_action(&wf, "verification", "approve"));
    cr_assert_null(workflow_find_action(&wf, NULL, "approve"));
    cr_assert_null(workflow_find_action(&wf, "approval", NULL));
    cr_assert_null(workflow_find_action(NULL, "approval", "approve"));
}

/* ---- validation --------------------------------------------------------- */

/* The default template with one thing changed, expected to fail as said. */
#define EXPECT_FAULT(wf, status, part, index, field)                                           \
    do {                                                                                       \
        wf_where_t w_;                                                                         \
        wf_status_t s_ = check(&(wf), &w_);                                                    \
        cr_assert_eq(s_, (status), "got %d: %s", s_, workflow_reason_en(s_));                   \
        assert_where(w_, (part), (index), (field));                                            \
    } while (0)

static wf_state_t *state_named(workflow_t *wf, const char *name)
{
    return (wf_state_t *)workflow_state(wf, name);
}

Test(validate, two_start_states)
{
    workflow_t wf;
    workflow_default(&wf);
    state_named(&wf, "verification")->kind = WF_START;
    EXPECT_FAULT(wf, WF_MANY_STARTS, WF_AT_STATE, 1, "kind");
}

Test(validate, no_start_state)
{
    workflow_t wf;
    workflow_default(&wf);
    state_named(&wf, "submitted")->kind = WF_NORMAL;
    EXPECT_FAULT(wf, WF_NO_START, WF_AT_WORKFLOW, 0, "states");
}

Test(validate, dangling_action)
{
    workflow_t wf;
    workflow_default(&wf);
    cr_assert_eq(workflow_add_action(&wf, "escalate", "verification", "head_office", ROLE_FRONT_OFFICE,
                                     false, "Eskalasi", "Escalate"),
                 WF_OK, "add does not look at the states");
    EXPECT_FAULT(wf, WF_UNKNOWN_STATE, WF_AT_ACTION, ACTIONS_IN_DEFAULT, "to");

    workflow_default(&wf);
    workflow_add_action(&wf, "escalate", "head_office", "approval", ROLE_FRONT_OFFICE, false,
                        "Eskalasi", "Escalate");
    EXPECT_FAULT(wf, WF_UNKNOWN_STATE, WF_AT_ACTION, ACTIONS_IN_DEFAULT, "from");

    workflow_default(&wf);
    snprintf(wf.actions[3].to, sizeof wf.actions[3].to, "reject");
    EXPECT_FAULT(wf, WF_UNKNOWN_STATE, WF_AT_ACTION, 3, "to");
}

Test(validate, unreachable_terminal_state)
{
    workflow_t wf;
    workflow_default(&wf);
    cr_assert_eq(workflow_add_state(&wf, "withdrawn", WF_TERMINAL, 0, "Dicabut", "Withdrawn"), WF_OK);
    EXPECT_FAULT(wf, WF_UNREACHABLE, WF_AT_STATE, STATES_IN_DEFAULT, "name");
    cr_assert_eq(workflow_add_action(&wf, "withdraw", "returned_to_applicant", "withdrawn", ROLE_CITIZEN,
                                     false, "Cabut permohonan", "Withdraw"),
                 WF_OK);
    cr_assert_eq(check(&wf, NULL), WF_OK, "reachable once an action leads there");
}

Test(validate, issued_unreachable_when_approve_is_gone)
{
    workflow_t wf;
    workflow_default(&wf);
    const wf_action_t *approve = workflow_find_action(&wf, "approval", "approve");
    size_t i = (size_t)(approve - wf.actions);
    wf.actions[i] = wf.actions[--wf.n_actions];
    EXPECT_FAULT(wf, WF_UNREACHABLE, WF_AT_STATE, 5, "name");
}

Test(validate, action_out_of_a_terminal_state)
{
    workflow_t wf;
    workflow_default(&wf);
    workflow_add_action(&wf, "reopen", "issued", "verification", ROLE_FRONT_OFFICE, true, "Buka kembali",
                        "Reopen");
    EXPECT_FAULT(wf, WF_FROM_TERMINAL, WF_AT_ACTION, ACTIONS_IN_DEFAULT, "from");
    workflow_default(&wf);
    workflow_add_action(&wf, "appeal", "rejected", "rejected", ROLE_CITIZEN, false, "Banding", "Appeal");
    EXPECT_FAULT(wf, WF_FROM_TERMINAL, WF_AT_ACTION, ACTIONS_IN_DEFAULT, "from");
}

Test(validate, bad_names)
{
    static const char *const bad[] = {"", "Verify", "verify2", "ver-ify", "ver ify", "verifikasi_é",
                                      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 41 */};
    workflow_t wf;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        workflow_default(&wf);
        snprintf(wf.actions[1].name, sizeof wf.actions[1].name, "%s", bad[i]);
        if (strlen(bad[i]) > WF_NAME_MAX) /* a hand-filled array without its NUL */
            memset(wf.actions[1].name, 'a', sizeof wf.actions[1].name);
        EXPECT_FAULT(wf, WF_BAD_NAME, WF_AT_ACTION, 1, "name");

        workflow_default(&wf);
        snprintf(wf.states[6].name, sizeof wf.states[6].name, "%s", bad[i]);
        if (strlen(bad[i]) > WF_NAME_MAX)
            memset(wf.states[6].name, 'a', sizeof wf.states[6].name);
        EXPECT_FAULT(wf, WF_BAD_NAME, WF_AT_STATE, 6, "name");
    }
    /* 40 characters of [a-z_] are fine. */
    workflow_default(&wf);
    snprintf(wf.actions[1].name, sizeof wf.actions[1].name, "%s", "verify_and_forward_to_technical_review_x");
    cr_assert_eq(strlen(wf.actions[1].name), WF_NAME_MAX);
    cr_assert_eq(check(&wf, NULL), WF_OK);
    snprintf(wf.actions[1].name, sizeof wf.actions[1].name, "_");
    cr_assert_eq(check(&wf, NULL), WF_OK);
}

Test(validate, duplicates)
{
    workflow_t wf;
    workflow_default(&wf);
    snprintf(wf.states[3].name, sizeof wf.states[3].name, "verification");
    EXPECT_FAULT(wf, WF_DUPLICATE_STATE, WF_AT_STATE, 3, "name");

    workflow_default(&wf);
    workflow_add_action(&wf, "verify", "verification", "approval", ROLE_FRONT_OFFICE, false, "Lewati",
                        "Skip review");
    EXPECT_FAULT(wf, WF_DUPLICATE_ACTION, WF_AT_ACTION, ACTIONS_IN_DEFAULT, "name");

    workflow_default(&wf);
    workflow_add_action(&wf, "verify", "approval", "issued", ROLE_APPROVER, false, "Verifikasi", "Verify");
    cr_assert_eq(check(&wf, NULL), WF_OK, "one name may leave several states (reject does)");
}

Test(validate, roles)
{
    workflow_t wf;
    workflow_default(&wf);
    wf.actions[2].roles = 0;
    EXPECT_FAULT(wf, WF_BAD_ROLES, WF_AT_ACTION, 2, "roles");
    wf.actions[2].roles = ROLE_FRONT_OFFICE | (1u << 20);
    EXPECT_FAULT(wf, WF_BAD_ROLES, WF_AT_ACTION, 2, "roles");
    wf.actions[2].roles = ROLE_FRONT_OFFICE | ROLE_BACK_OFFICE;
    cr_assert_eq(check(&wf, NULL), WF_OK);
}

Test(validate, budgets)
{
    workflow_t wf;
    workflow_default(&wf);
    state_named(&wf, "verification")->sla_minutes = 60;
    state_named(&wf, "technical_review")->sla_minutes = 90;
    state_named(&wf, "submitted")->sla_minutes = 15;
    cr_assert_eq(check(&wf, NULL), WF_OK, "3 hours split over the steps");
    state_named(&wf, "approval")->sla_minutes = -1;
    EXPECT_FAULT(wf, WF_BAD_BUDGET, WF_AT_STATE, 3, "sla_minutes");
    state_named(&wf, "approval")->sla_minutes = 3660LL * 1440 + 1;
    EXPECT_FAULT(wf, WF_BAD_BUDGET, WF_AT_STATE, 3, "sla_minutes");
    state_named(&wf, "approval")->sla_minutes = 3660LL * 1440;
    cr_assert_eq(check(&wf, NULL), WF_OK);

    workflow_default(&wf);
    state_named(&wf, "returned_to_applicant")->sla_minutes = 60;
    EXPECT_FAULT(wf, WF_BAD_BUDGET, WF_AT_STATE, 4, "sla_minutes");
    workflow_default(&wf);
    state_named(&wf, "issued")->sla_minutes = 60;
    EXPECT_FAULT(wf, WF_BAD_BUDGET, WF_AT_STATE, 5, "sla_minutes");
}

Test(validate, labels_and_kinds)
{
    workflow_t wf;
    workflow_default(&wf);
    wf.states[2].label_en[0] = '\0';
    EXPECT_FAULT(wf, WF_BAD_LABEL, WF_AT_STATE, 2, "label_en");
    workflow_default(&wf);
    memset(wf.actions[0].label_id, 'x', sizeof wf.actions[0].label_id);
    EXPECT_FAULT(wf, WF_BAD_LABEL, WF_AT_ACTION, 0, "label_id");
    workflow_default(&wf);
    wf.states[2].kind = (wf_kind_t)7;
    EXPECT_FAULT(wf, WF_BAD_KIND, WF_AT_STATE, 2, "kind");
}

Test(validate, no_terminal_and_dead_ends)
{
    workflow_t wf;
    workflow_default(&wf);
    state_named(&wf, "issued")->kind = WF_NORMAL;
    state_named(&wf, "rejected")->kind = WF_NORMAL;
    EXPECT_FAULT(wf, WF_NO_TERMINAL, WF_AT_WORKFLOW, 0, "states");

    /* A step nothing leaves: applications would wait there forever. */
    workflow_default(&wf);
    workflow_add_state(&wf, "site_visit", WF_NORMAL, 0, "Peninjauan lapangan", "Site visit");
    workflow_add_action(&wf, "visit", "technical_review", "site_visit", ROLE_BACK_OFFICE, false,
                        "Tinjau lapangan", "Visit the site");
    EXPECT_FAULT(wf, WF_DEAD_END, WF_AT_STATE, STATES_IN_DEFAULT, "name");
    /* A loop with no way out is a dead end too. */
    workflow_add_action(&wf, "revisit", "site_visit", "site_visit", ROLE_BACK_OFFICE, false,
                        "Tinjau ulang", "Visit again");
    EXPECT_FAULT(wf, WF_DEAD_END, WF_AT_STATE, STATES_IN_DEFAULT, "name");
    workflow_add_action(&wf, "report", "site_visit", "technical_review", ROLE_BACK_OFFICE, false,
                        "Laporkan", "Report");
    cr_assert_eq(check(&wf, NULL), WF_OK);
}

Test(validate, counts_and_version)
{
    workflow_t wf;
    cr_assert_eq(check(NULL, NULL), WF_NULL_ARG);
    workflow_default(&wf);
    wf.version = 0;
    EXPECT_FAULT(wf, WF_BAD_VERSION, WF_AT_WORKFLOW, 0, "version");
    workflow_default(&wf);
    wf.version = 7;
    cr_assert_eq(check(&wf, NULL), WF_OK);
    wf.n_states = 0;
    EXPECT_FAULT(wf, WF_NO_STATES, WF_AT_WORKFLOW, 0, "states");
    wf.n_states = WF_MAX_STATES + 1;
    EXPECT_FAULT(wf, WF_TOO_MANY_STATES, WF_AT_WORKFLOW, 0, "states");
    workflow_default(&wf);
    wf.n_actions = WF_MAX_ACTIONS + 1;
    EXPECT_FAULT(wf, WF_TOO_MANY_ACTIONS, WF_AT_WORKFLOW, 0, "actions");
}

Test(validate, smallest_workflow)
{
    workflow_t wf;
    workflow_init(&wf, 1);
    cr_assert_eq(workflow_add_state(&wf, "received", WF_START, 30, "Diterima", "Received"), WF_OK);
    cr_assert_eq(workflow_add_state(&wf, "done", WF_TERMINAL, 0, "Selesai", "Done"), WF_OK);
    cr_assert_eq(check(&wf, NULL), WF_UNREACHABLE);
    cr_assert_eq(workflow_add_action(&wf, "finish", "received", "done", ROLE_FRONT_OFFICE, false,
                                     "Selesaikan", "Finish"),
                 WF_OK);
    cr_assert_eq(check(&wf, NULL), WF_OK);
    step(&wf, "received", "finish", ROLE_FRONT_OFFICE, NULL, "done", WF_TERMINAL);
}

/* ---- building ----------------------------------------------------------- */

Test(build, add_refuses_what_does_not_fit)
{
    workflow_t wf;
    workflow_init(&wf, 1);
    char name41[42], label80[81], label81[82];
    memset(name41, 'a', 41);
    name41[41] = '\0';
    memset(label80, 'x', 80);
    label80[80] = '\0';
    memset(label81, 'x', 81);
    label81[81] = '\0';
    cr_assert_eq(workflow_add_state(&wf, name41, WF_START, 0, "a", "a"), WF_BAD_NAME);
    cr_assert_eq(workflow_add_state(&wf, NULL, WF_START, 0, "a", "a"), WF_BAD_NAME);
    cr_assert_eq(workflow_add_state(&wf, "s", WF_START, 0, label81, "a"), WF_BAD_LABEL);
    cr_assert_eq(workflow_add_state(&wf, "s", WF_START, 0, "a", NULL), WF_BAD_LABEL);
    cr_assert_eq(wf.n_states, 0, "nothing half-added");
    cr_assert_eq(workflow_add_state(&wf, "s", WF_START, 0, label80, label80), WF_OK);
    cr_assert_eq(workflow_add_state(NULL, "s", WF_START, 0, "a", "a"), WF_NULL_ARG);
    for (int i = 1; i < WF_MAX_STATES; i++)
        cr_assert_eq(workflow_add_state(&wf, "t", WF_NORMAL, 0, "a", "a"), WF_OK);
    cr_assert_eq(workflow_add_state(&wf, "u", WF_NORMAL, 0, "a", "a"), WF_TOO_MANY_STATES);
    cr_assert_eq(wf.n_states, WF_MAX_STATES);

    cr_assert_eq(workflow_add_action(&wf, "a", name41, "s", ROLE_CITIZEN, false, "a", "a"), WF_BAD_NAME);
    cr_assert_eq(workflow_add_action(&wf, "a", "s", NULL, ROLE_CITIZEN, false, "a", "a"), WF_BAD_NAME);
    cr_assert_eq(workflow_add_action(&wf, "a", "s", "t", ROLE_CITIZEN, false, "a", label81), WF_BAD_LABEL);
    cr_assert_eq(wf.n_actions, 0);
    for (int i = 0; i < WF_MAX_ACTIONS; i++)
        cr_assert_eq(workflow_add_action(&wf, "a", "s", "t", ROLE_CITIZEN, false, "a", "a"), WF_OK);
    cr_assert_eq(workflow_add_action(&wf, "a", "s", "t", ROLE_CITIZEN, false, "a", "a"), WF_TOO_MANY_ACTIONS);
}

Test(build, kind_names_round_trip)
{
    for (int k = WF_START; k <= WF_TERMINAL; k++) {
        wf_kind_t back = (wf_kind_t)99;
        cr_assert(wf_kind_parse(wf_kind_name((wf_kind_t)k), &back));
        cr_assert_eq(back, (wf_kind_t)k);
    }
    cr_assert_str_eq(wf_kind_name(WF_PAUSED), "paused");
    cr_assert_str_eq(wf_kind_name((wf_kind_t)9), "");
    wf_kind_t k;
    cr_assert(!wf_kind_parse("Paused", &k));
    cr_assert(!wf_kind_parse("", &k));
    cr_assert(!wf_kind_parse(NULL, &k));
}

Test(build, reasons_in_both_languages)
{
    for (int s = WF_NULL_ARG; s <= WF_DEAD_END; s++) {
        cr_assert_gt(strlen(workflow_reason_en((wf_status_t)s)), 10);
        cr_assert_gt(strlen(workflow_reason_id((wf_status_t)s)), 10);
        cr_assert_str_neq(workflow_reason_en((wf_status_t)s), workflow_reason_id((wf_status_t)s));
    }
    for (int m = WF_MOVE_NULL_ARG; m <= WF_MOVE_COMMENT_REQUIRED; m++) {
        cr_assert_gt(strlen(workflow_move_reason_en((wf_move_t)m)), 10);
        cr_assert_gt(strlen(workflow_move_reason_id((wf_move_t)m)), 10);
        cr_assert_str_neq(workflow_move_reason_en((wf_move_t)m), workflow_move_reason_id((wf_move_t)m));
    }
}
