/* test_writer.c - store/writer (group commit) on SQLite in a temp file:
 *
 *  - jobs from many threads are each reported once, DB_OK, and exactly their
 *    rows are stored (done() may free its job);
 *  - jobs queued while a commit runs share a transaction (writer_stats), a
 *    batch holds at most WRITER_MAX_BATCH jobs, and a batch without failures
 *    runs each job once;
 *  - a failing job fails alone: its writes are rolled back, the other jobs
 *    of its batch keep theirs (exactly once, though run() may run twice);
 *  - a batch whose COMMIT fails is reported failed as a whole, nothing of it
 *    is stored, and the writer goes on with the next batch;
 *  - done() comes only after the commit: another connection already sees
 *    the row;
 *  - writer_stop() runs what is queued; a submit while it stops is answered
 *    at once with DB_DOWN.
 *
 * To put jobs in one batch for sure, a "hold" job blocks the writer thread
 * inside run() until the test has queued the others (the writer takes
 * everything queued as its next batch). Waits are on condition variables,
 * with a generous deadline so that a hang fails instead of stalling the suite;
 * the one sleep is a 1 ms poll for "writer_stop() has begun", which has no
 * other sign.
 */
#include "sqlite_db.h"
#include "store/writer.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WAIT_SECONDS 60 /* a deadline for hangs only; every wait normally ends in ms */

/* ---- small helpers ------------------------------------------------------------------ */

static struct timespec deadline(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += WAIT_SECONDS;
    return ts;
}

/* Counts done() calls; the test waits until it has seen n. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int n;
} tally_t;

#define TALLY_INIT {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0}

static void tally_add(tally_t *t)
{
    pthread_mutex_lock(&t->mu);
    t->n++;
    pthread_cond_broadcast(&t->cv);
    pthread_mutex_unlock(&t->mu);
}

/* true once n done() calls arrived; false at the deadline. */
static bool tally_wait(tally_t *t, int n)
{
    struct timespec until = deadline();
    int rc = 0;
    pthread_mutex_lock(&t->mu);
    while (t->n < n && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&t->cv, &t->mu, &until);
    bool ok = t->n >= n;
    pthread_mutex_unlock(&t->mu);
    return ok;
}

static int tally_get(tally_t *t)
{
    pthread_mutex_lock(&t->mu);
    int n = t->n;
    pthread_mutex_unlock(&t->mu);
    return n;
}

/* Holds the writer thread inside a job's run() until opened. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool entered, open;
} gate_t;

#define GATE_INIT {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, false}

static void gate_hold(gate_t *g)
{
    pthread_mutex_lock(&g->mu);
    g->entered = true;
    pthread_cond_broadcast(&g->cv);
    while (!g->open)
        pthread_cond_wait(&g->cv, &g->mu);
    pthread_mutex_unlock(&g->mu);
}

static bool gate_wait_entered(gate_t *g)
{
    struct timespec until = deadline();
    int rc = 0;
    pthread_mutex_lock(&g->mu);
    while (!g->entered && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&g->cv, &g->mu, &until);
    bool ok = g->entered;
    pthread_mutex_unlock(&g->mu);
    return ok;
}

static void gate_open(gate_t *g)
{
    pthread_mutex_lock(&g->mu);
    g->open = true;
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
}

/* Answers "how many rows of t hold v?" on its own thread, hence on its own
 * connection (db_conn is per thread): what other clients see. */
typedef struct {
    db_t *db;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    enum { PROBE_STARTING, PROBE_IDLE, PROBE_ASKED, PROBE_ANSWERED, PROBE_QUIT } state;
    int64_t v, count; /* count -1: the query failed */
} probe_t;

static void *probe_loop(void *arg)
{
    probe_t *p = arg;
    db_err_t err = {0};
    db_conn_t *c = db_conn(p->db, &err);
    pthread_mutex_lock(&p->mu);
    p->state = PROBE_IDLE;
    pthread_cond_broadcast(&p->cv);
    for (;;) {
        while (p->state != PROBE_ASKED && p->state != PROBE_QUIT)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->state == PROBE_QUIT)
            break;
        int64_t n = -1;
        if (!c || db_query_int(c, "SELECT COUNT(*) FROM t WHERE v = $1", (db_param_t[]){DB_INT(p->v)}, 1, &n, NULL,
                               &err) != DB_OK)
            n = -1;
        p->count = n;
        p->state = PROBE_ANSWERED;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void probe_start(probe_t *p, db_t *db)
{
    *p = (probe_t){.db = db, .state = PROBE_STARTING};
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    cr_assert_eq(pthread_create(&p->thread, NULL, probe_loop, p), 0);
    pthread_mutex_lock(&p->mu);
    while (p->state == PROBE_STARTING) /* its connection is open before the writer starts */
        pthread_cond_wait(&p->cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

/* Rows of t holding v as the probe's connection sees them now. */
static int64_t probe_count(probe_t *p, int64_t v)
{
    pthread_mutex_lock(&p->mu);
    p->v = v;
    p->state = PROBE_ASKED;
    pthread_cond_broadcast(&p->cv);
    while (p->state != PROBE_ANSWERED)
        pthread_cond_wait(&p->cv, &p->mu);
    p->state = PROBE_IDLE;
    int64_t n = p->count;
    pthread_mutex_unlock(&p->mu);
    return n;
}

static void probe_stop(probe_t *p)
{
    pthread_mutex_lock(&p->mu);
    p->state = PROBE_QUIT;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
}

/* ---- the database -------------------------------------------------------------------- */

/* t: plain values (no key, so a row written twice would show); u: a primary
 * key to collide on; child: a deferred foreign key that fails only at COMMIT. */
static db_conn_t *setup(db_t *db)
{
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    cr_assert_not_null(c, "%s", err.msg);
    cr_assert_eq(db_exec_script(c,
                                "CREATE TABLE t (v INTEGER NOT NULL);"
                                "CREATE TABLE u (k INTEGER PRIMARY KEY, who INTEGER NOT NULL);"
                                "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                                "CREATE TABLE child (pid INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);",
                                &err),
                 DB_OK, "%s", err.msg);
    return c;
}

static int64_t q_int(db_conn_t *c, const char *sql, const db_param_t *p, int n)
{
    db_err_t err = {0};
    int64_t out = -1;
    cr_assert_eq(db_query_int(c, sql, p, n, &out, NULL, &err), DB_OK, "%s: %s", sql, err.msg);
    return out;
}

static int64_t rows_with(db_conn_t *c, int64_t v)
{
    return q_int(c, "SELECT COUNT(*) FROM t WHERE v = $1", (db_param_t[]){DB_INT(v)}, 1);
}

static writer_t *start(db_t *db)
{
    db_err_t err = {0};
    writer_t *w = writer_start(db, &err);
    cr_assert_not_null(w, "writer_start: %s", err.msg);
    return w;
}

/* ---- the test job ---------------------------------------------------------------------- */

typedef enum {
    J_INSERT,           /* INSERT INTO t (v) */
    J_INSERT_THEN_FAIL, /* INSERT INTO t (v), then DB_CONFLICT without a db error */
    J_INSERT_KEY,       /* INSERT INTO u (k = key, who = v): DB_CONFLICT when k is taken */
    J_ORPHAN,           /* INSERT INTO child a row without parent: run() is fine, COMMIT is not */
    J_HOLD,             /* blocks on gate, writes nothing */
} kind_t;

typedef struct {
    writer_job_t job; /* first: the writer hands back &job */
    kind_t kind;
    int64_t v, key;
    gate_t *gate;   /* J_HOLD */
    tally_t *tally; /* told after done() recorded */
    probe_t *probe; /* set: done() asks another connection whether v is in t */
    _Atomic int runs, dones;
    int got_status; /* what done() got */
    db_err_t got_err;
    int64_t seen; /* the probe's count of v, at done() time */
    pthread_t done_by;
} tjob_t;

static int tjob_run(db_conn_t *c, writer_job_t *job, db_err_t *err)
{
    tjob_t *j = (tjob_t *)job;
    atomic_fetch_add(&j->runs, 1);
    int rc;
    switch (j->kind) {
    case J_INSERT:
        return db_exec(c, "INSERT INTO t (v) VALUES ($1)", (db_param_t[]){DB_INT(j->v)}, 1, NULL, err);
    case J_INSERT_THEN_FAIL:
        rc = db_exec(c, "INSERT INTO t (v) VALUES ($1)", (db_param_t[]){DB_INT(j->v)}, 1, NULL, err);
        return rc != DB_OK ? rc : DB_CONFLICT;
    case J_INSERT_KEY:
        return db_exec(c, "INSERT INTO u (k, who) VALUES ($1, $2)", (db_param_t[]){DB_INT(j->key), DB_INT(j->v)}, 2,
                       NULL, err);
    case J_ORPHAN:
        return db_exec(c, "INSERT INTO child (pid) VALUES (999)", NULL, 0, NULL, err);
    case J_HOLD:
        gate_hold(j->gate);
        return DB_OK;
    }
    return DB_ERROR;
}

static void tjob_done(writer_job_t *job, int status, const db_err_t *err)
{
    tjob_t *j = (tjob_t *)job;
    j->got_status = status;
    j->got_err = *err;
    j->done_by = pthread_self();
    if (j->probe && status == DB_OK)
        j->seen = probe_count(j->probe, j->v);
    atomic_fetch_add(&j->dones, 1);
    if (j->tally)
        tally_add(j->tally);
}

static void tjob_init(tjob_t *j, kind_t kind, int64_t v, tally_t *tally)
{
    memset(j, 0, sizeof *j);
    j->job.run = tjob_run;
    j->job.done = tjob_done;
    j->kind = kind;
    j->v = v;
    j->tally = tally;
    j->got_status = 1; /* no db_status_t: "done() not called" */
    j->seen = -2;
}

/* Submits a J_HOLD job and returns once the writer thread is inside it:
 * whatever is submitted next waits, and goes in one batch once the gate opens. */
static void hold_writer(writer_t *w, tjob_t *hold, gate_t *gate, tally_t *tally)
{
    tjob_init(hold, J_HOLD, -1, tally);
    hold->gate = gate;
    writer_submit(w, &hold->job);
    cr_assert(gate_wait_entered(gate), "the writer never ran the hold job");
}

/* ---- 1. many threads ------------------------------------------------------------------- */

#define MT_THREADS 8
#define MT_JOBS 200
#define MT_TOTAL (MT_THREADS * MT_JOBS)

/* Heap jobs that done() frees: the writer must not touch a job after done(). */
typedef struct {
    writer_job_t job;
    int64_t v;
} mt_job_t;

static _Atomic int mt_dones[MT_TOTAL], mt_runs[MT_TOTAL], mt_not_ok;
static tally_t mt_tally = TALLY_INIT;

static int mt_run(db_conn_t *c, writer_job_t *job, db_err_t *err)
{
    mt_job_t *j = (mt_job_t *)job;
    atomic_fetch_add(&mt_runs[j->v], 1);
    return db_exec(c, "INSERT INTO t (v) VALUES ($1)", (db_param_t[]){DB_INT(j->v)}, 1, NULL, err);
}

static void mt_done(writer_job_t *job, int status, const db_err_t *err)
{
    (void)err;
    mt_job_t *j = (mt_job_t *)job;
    atomic_fetch_add(&mt_dones[j->v], 1);
    if (status != DB_OK)
        atomic_fetch_add(&mt_not_ok, 1);
    free(j);
    tally_add(&mt_tally);
}

typedef struct {
    writer_t *w;
    int thread;
    int alloc_failures;
} mt_arg_t;

static void *mt_submitter(void *arg)
{
    mt_arg_t *a = arg;
    for (int i = 0; i < MT_JOBS; i++) {
        mt_job_t *j = calloc(1, sizeof *j);
        if (!j) {
            a->alloc_failures++;
            continue;
        }
        j->job.run = mt_run;
        j->job.done = mt_done;
        j->v = (int64_t)a->thread * MT_JOBS + i;
        writer_submit(a->w, &j->job);
    }
    return NULL;
}

Test(writer, jobs_from_many_threads_each_done_once_and_stored_once)
{
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    writer_t *w = start(db);
    pthread_t th[MT_THREADS];
    mt_arg_t args[MT_THREADS];
    for (int i = 0; i < MT_THREADS; i++) {
        args[i] = (mt_arg_t){.w = w, .thread = i};
        cr_assert_eq(pthread_create(&th[i], NULL, mt_submitter, &args[i]), 0);
    }
    for (int i = 0; i < MT_THREADS; i++) {
        pthread_join(th[i], NULL);
        cr_assert_eq(args[i].alloc_failures, 0);
    }
    cr_assert(tally_wait(&mt_tally, MT_TOTAL), "only %d of %d jobs done", tally_get(&mt_tally), MT_TOTAL);
    uint64_t batches, jobs;
    writer_stats(w, &batches, &jobs);
    writer_stop(w); /* joins the writer thread: every done() it will ever make has happened */

    cr_assert_eq(atomic_load(&mt_not_ok), 0, "every job is DB_OK");
    for (int v = 0; v < MT_TOTAL; v++) {
        cr_assert_eq(atomic_load(&mt_dones[v]), 1, "job %d: done() %d times", v, atomic_load(&mt_dones[v]));
        cr_assert_eq(atomic_load(&mt_runs[v]), 1, "job %d: run() %d times in failure-free batches", v,
                     atomic_load(&mt_runs[v]));
    }
    cr_assert_eq(tally_get(&mt_tally), MT_TOTAL, "no extra done()");
    cr_assert_eq(jobs, MT_TOTAL, "writer_stats jobs");
    cr_assert(batches >= 1 && batches <= MT_TOTAL, "writer_stats batches %llu", (unsigned long long)batches);

    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), MT_TOTAL);
    cr_assert_eq(q_int(c, "SELECT COUNT(DISTINCT v) FROM t", NULL, 0), MT_TOTAL);
    cr_assert_eq(q_int(c, "SELECT MIN(v) FROM t", NULL, 0), 0);
    cr_assert_eq(q_int(c, "SELECT MAX(v) FROM t", NULL, 0), MT_TOTAL - 1);
    cr_assert_eq(q_int(c, "SELECT SUM(v) FROM t", NULL, 0), (int64_t)MT_TOTAL * (MT_TOTAL - 1) / 2);
    store_close(db);
}

/* ---- 2. batching ------------------------------------------------------------------------ */

Test(writer, jobs_queued_during_a_commit_share_a_batch)
{
    enum { N = 500 };
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    tjob_t *j = calloc(N, sizeof *j);
    cr_assert_not_null(j);
    for (int i = 0; i < N; i++) {
        tjob_init(&j[i], J_INSERT, i, &tally);
        writer_submit(w, &j[i].job);
    }
    cr_assert(tally_wait(&tally, N), "only %d of %d jobs done", tally_get(&tally), N);
    uint64_t batches, jobs;
    writer_stats(w, &batches, &jobs);
    writer_stop(w);
    for (int i = 0; i < N; i++) {
        cr_assert_eq(j[i].got_status, DB_OK, "job %d: %d (%s)", i, j[i].got_status, j[i].got_err.msg);
        cr_assert_eq(atomic_load(&j[i].dones), 1, "job %d", i);
        cr_assert_eq(atomic_load(&j[i].runs), 1, "job %d: no failure, no second run", i);
    }
    cr_assert_eq(jobs, N, "writer_stats counts every job");
    /* each commit waits for a WAL flush; 500 submits take far less: several
     * jobs per transaction */
    cr_assert(batches >= 1 && batches < jobs, "batches %llu for %llu jobs", (unsigned long long)batches,
              (unsigned long long)jobs);
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), N);
    cr_assert_eq(q_int(c, "SELECT SUM(v) FROM t", NULL, 0), (int64_t)N * (N - 1) / 2);
    free(j);
    store_close(db);
}

Test(writer, a_batch_holds_at_most_WRITER_MAX_BATCH_jobs)
{
    enum { N = 2 * WRITER_MAX_BATCH - 12 };
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    gate_t gate = GATE_INIT;
    tjob_t hold;
    hold_writer(w, &hold, &gate, &tally);
    tjob_t *j = calloc(N, sizeof *j);
    cr_assert_not_null(j);
    for (int i = 0; i < N; i++) {
        tjob_init(&j[i], J_INSERT, i, &tally);
        writer_submit(w, &j[i].job);
    }
    cr_assert_eq(tally_get(&tally), 0, "nothing is done while the writer is held");
    gate_open(&gate);
    cr_assert(tally_wait(&tally, N + 1), "only %d of %d jobs done", tally_get(&tally), N + 1);
    uint64_t batches, jobs;
    writer_stats(w, &batches, &jobs);
    writer_stop(w);
    cr_assert_eq(hold.got_status, DB_OK);
    for (int i = 0; i < N; i++)
        cr_assert_eq(j[i].got_status, DB_OK, "job %d: %d (%s)", i, j[i].got_status, j[i].got_err.msg);
    /* the hold job alone, then the N queued ones: a full batch and the rest */
    cr_assert_eq(jobs, N + 1);
    cr_assert_eq(batches, 3, "batches %llu: hold, %d, %d", (unsigned long long)batches, WRITER_MAX_BATCH,
                 N - WRITER_MAX_BATCH);
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), N);
    free(j);
    store_close(db);
}

/* ---- 3. a failing job fails alone ------------------------------------------------------------ */

Test(writer, a_failing_job_fails_alone_and_the_batch_commits)
{
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    db_err_t err = {0};
    /* a committed row the collision below is not about; it must survive */
    cr_assert_eq(db_exec(c, "INSERT INTO u (k, who) VALUES (1, 0)", NULL, 0, NULL, &err), DB_OK, "%s", err.msg);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    gate_t gate = GATE_INIT;
    tjob_t hold;
    hold_writer(w, &hold, &gate, &tally);

    /* one batch: good ones around two kinds of failure - a job that wrote and
     * then refused, and a job whose key an earlier job of the same batch took */
    enum { G1, G2, FAIL, G3, KEY_A, KEY_B, TAKEN, G4, N };
    tjob_t j[N];
    tjob_init(&j[G1], J_INSERT, 101, &tally);
    tjob_init(&j[G2], J_INSERT, 102, &tally);
    tjob_init(&j[FAIL], J_INSERT_THEN_FAIL, 666, &tally);
    tjob_init(&j[G3], J_INSERT, 103, &tally);
    tjob_init(&j[KEY_A], J_INSERT_KEY, 201, &tally);
    j[KEY_A].key = 7;
    tjob_init(&j[KEY_B], J_INSERT_KEY, 202, &tally);
    j[KEY_B].key = 7;
    tjob_init(&j[TAKEN], J_INSERT_KEY, 203, &tally);
    j[TAKEN].key = 1; /* committed before the writer started */
    tjob_init(&j[G4], J_INSERT, 104, &tally);
    for (int i = 0; i < N; i++)
        writer_submit(w, &j[i].job);
    gate_open(&gate);
    cr_assert(tally_wait(&tally, N + 1), "only %d of %d jobs done", tally_get(&tally), N + 1);
    uint64_t batches, jobs;
    writer_stats(w, &batches, &jobs);
    writer_stop(w);

    for (int i = 0; i < N; i++)
        cr_assert_eq(atomic_load(&j[i].dones), 1, "job %d: done() %d times", i, atomic_load(&j[i].dones));
    /* the failures: their own status, and an error that says so */
    cr_assert_eq(j[FAIL].got_status, DB_CONFLICT);
    cr_assert_eq(j[FAIL].got_err.status, DB_CONFLICT, "err.status follows the status when run() left it unset");
    cr_assert_eq(j[KEY_B].got_status, DB_CONFLICT, "%s", j[KEY_B].got_err.msg);
    cr_assert_eq(j[KEY_B].got_err.status, DB_CONFLICT);
    cr_assert_neq(j[KEY_B].got_err.msg[0], '\0', "the database's message is kept");
    cr_assert_eq(j[TAKEN].got_status, DB_CONFLICT, "%s", j[TAKEN].got_err.msg);
    cr_assert_eq(j[TAKEN].got_err.status, DB_CONFLICT);
    /* the others of the same batch succeeded */
    static const int good[] = {G1, G2, G3, G4, KEY_A};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        tjob_t *g = &j[good[i]];
        cr_assert_eq(g->got_status, DB_OK, "job %d: %d (%s)", good[i], g->got_status, g->got_err.msg);
        cr_assert_eq(g->got_err.status, DB_OK, "job %d: no error with DB_OK", good[i]);
    }
    /* every job ran, none more than twice (the batch may be redone once, with savepoints) */
    for (int i = 0; i < N; i++) {
        int runs = atomic_load(&j[i].runs);
        cr_assert(runs >= 1 && runs <= 2, "job %d ran %d times", i, runs);
    }

    /* the data: good rows exactly once (a second run must not add a copy), the
     * failed job's row rolled back, the key held by the first taker */
    for (int v = 101; v <= 104; v++)
        cr_assert_eq(rows_with(c, v), 1, "value %d stored %lld times", v, (long long)rows_with(c, v));
    cr_assert_eq(rows_with(c, 666), 0, "the failed job's write is rolled back");
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), 4);
    cr_assert_eq(q_int(c, "SELECT who FROM u WHERE k = 7", NULL, 0), 201, "the first job of the batch holds key 7");
    cr_assert_eq(q_int(c, "SELECT who FROM u WHERE k = 1", NULL, 0), 0, "the committed row is untouched");
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM u", NULL, 0), 2);
    /* the hold job's batch and this one */
    cr_assert_eq(batches, 2, "batches %llu", (unsigned long long)batches);
    (void)jobs;
    store_close(db);
}

Test(writer, a_lone_failing_job_does_not_disturb_the_next_batch)
{
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    tjob_t bad, good;
    tjob_init(&bad, J_INSERT_THEN_FAIL, 1, &tally);
    writer_submit(w, &bad.job);
    cr_assert(tally_wait(&tally, 1));
    tjob_init(&good, J_INSERT, 2, &tally);
    writer_submit(w, &good.job);
    cr_assert(tally_wait(&tally, 2));
    writer_stop(w);
    cr_assert_eq(bad.got_status, DB_CONFLICT);
    cr_assert_eq(good.got_status, DB_OK, "%s", good.got_err.msg);
    cr_assert_eq(rows_with(c, 1), 0);
    cr_assert_eq(rows_with(c, 2), 1);
    store_close(db);
}

/* ---- the batch's own failure ---------------------------------------------------------------- */

Test(writer, a_failed_commit_fails_the_whole_batch_and_the_writer_goes_on)
{
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    gate_t gate = GATE_INIT;
    tjob_t hold;
    hold_writer(w, &hold, &gate, &tally);
    /* every run() succeeds; the orphan's deferred foreign key breaks COMMIT */
    enum { G1, ORPHAN, G2, N };
    tjob_t j[N];
    tjob_init(&j[G1], J_INSERT, 1, &tally);
    tjob_init(&j[ORPHAN], J_ORPHAN, 0, &tally);
    tjob_init(&j[G2], J_INSERT, 2, &tally);
    for (int i = 0; i < N; i++)
        writer_submit(w, &j[i].job);
    gate_open(&gate);
    cr_assert(tally_wait(&tally, N + 1), "only %d of %d jobs done", tally_get(&tally), N + 1);
    uint64_t batches, jobs;
    writer_stats(w, &batches, &jobs);
    for (int i = 0; i < N; i++) {
        cr_assert_eq(atomic_load(&j[i].dones), 1, "job %d", i);
        cr_assert_neq(j[i].got_status, DB_OK, "job %d: reported written though its transaction failed", i);
        cr_assert_lt(j[i].got_status, 0, "job %d: a db_status_t", i);
        cr_assert_eq(j[i].got_err.status, j[i].got_status, "job %d: err.status matches", i);
    }
    cr_assert_eq(rows_with(c, 1), 0);
    cr_assert_eq(rows_with(c, 2), 0);
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM child", NULL, 0), 0);
    cr_assert_eq(batches, 1, "only the hold job's batch committed");

    /* the failed transaction was rolled back: the next batch commits */
    tjob_t after;
    tjob_init(&after, J_INSERT, 3, &tally);
    writer_submit(w, &after.job);
    cr_assert(tally_wait(&tally, N + 2));
    writer_stop(w);
    cr_assert_eq(after.got_status, DB_OK, "%s", after.got_err.msg);
    cr_assert_eq(rows_with(c, 3), 1);
    store_close(db);
}

/* ---- 4. done() only after the commit --------------------------------------------------------- */

Test(writer, done_comes_after_the_commit_is_visible_to_other_connections)
{
    enum { HELD = 40, LOOSE = 40, N = HELD + LOOSE };
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    probe_t probe;
    probe_start(&probe, db);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    gate_t gate = GATE_INIT;
    tjob_t hold;
    tjob_t *j = calloc(N, sizeof *j);
    cr_assert_not_null(j);
    /* one big batch for sure, then jobs as they come */
    hold_writer(w, &hold, &gate, &tally);
    for (int i = 0; i < HELD; i++) {
        tjob_init(&j[i], J_INSERT, 1000 + i, &tally);
        j[i].probe = &probe;
        writer_submit(w, &j[i].job);
    }
    gate_open(&gate);
    for (int i = HELD; i < N; i++) {
        tjob_init(&j[i], J_INSERT, 1000 + i, &tally);
        j[i].probe = &probe;
        writer_submit(w, &j[i].job);
    }
    cr_assert(tally_wait(&tally, N + 1), "only %d of %d jobs done", tally_get(&tally), N + 1);
    writer_stop(w);
    probe_stop(&probe);
    for (int i = 0; i < N; i++) {
        cr_assert_eq(j[i].got_status, DB_OK, "job %d: %d (%s)", i, j[i].got_status, j[i].got_err.msg);
        cr_assert_eq(j[i].seen, 1, "job %d: when done() ran, another connection saw %lld rows of it (-1: error)", i,
                     (long long)j[i].seen);
    }
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), N);
    free(j);
    store_close(db);
}

/* ---- 5. stopping ------------------------------------------------------------------------------ */

Test(writer, stop_runs_what_is_queued)
{
    enum { N = 2 * WRITER_MAX_BATCH + 50 }; /* more than one batch left when stop begins */
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    gate_t gate = GATE_INIT;
    tjob_t hold;
    tjob_t *j = calloc(N, sizeof *j);
    cr_assert_not_null(j);
    /* first without holding: writer_stop right after the submits */
    enum { QUICK = 100 };
    for (int i = 0; i < QUICK; i++) {
        tjob_init(&j[i], J_INSERT, i, &tally);
        writer_submit(w, &j[i].job);
    }
    writer_stop(w);
    cr_assert_eq(tally_get(&tally), QUICK, "writer_stop returned before every queued job was done");
    for (int i = 0; i < QUICK; i++)
        cr_assert_eq(j[i].got_status, DB_OK, "job %d: %d (%s)", i, j[i].got_status, j[i].got_err.msg);
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), QUICK);

    /* then with everything certainly still queued when stop begins: the
     * writer is held while the jobs are submitted */
    w = start(db);
    hold_writer(w, &hold, &gate, &tally);
    for (int i = QUICK; i < N; i++) {
        tjob_init(&j[i], J_INSERT, i, &tally);
        writer_submit(w, &j[i].job);
    }
    gate_open(&gate);
    writer_stop(w);
    cr_assert_eq(tally_get(&tally), N + 1, "writer_stop returned before every queued job was done");
    for (int i = QUICK; i < N; i++) {
        cr_assert_eq(j[i].got_status, DB_OK, "job %d: %d (%s)", i, j[i].got_status, j[i].got_err.msg);
        cr_assert_eq(atomic_load(&j[i].dones), 1, "job %d", i);
    }
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), N);
    cr_assert_eq(q_int(c, "SELECT SUM(v) FROM t", NULL, 0), (int64_t)N * (N - 1) / 2);
    free(j);
    store_close(db);
}

typedef struct {
    writer_t *w;
} stopper_t;

static void *stopper(void *arg)
{
    writer_stop(((stopper_t *)arg)->w);
    return NULL;
}

Test(writer, submit_while_stopping_is_refused_at_once)
{
    enum { MAX_PROBES = 5000 };
    db_t *db = store_open();
    db_conn_t *c = setup(db);
    writer_t *w = start(db);
    tally_t tally = TALLY_INIT;
    gate_t gate = GATE_INIT;
    tjob_t hold;
    /* the writer thread is held in a job, so writer_stop (on another thread)
     * cannot finish and w stays valid until the gate opens */
    hold_writer(w, &hold, &gate, &tally);
    stopper_t s = {w};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, stopper, &s), 0);
    /* submit until one is refused: those before stop began are queued (and
     * must still be run), the refused one is answered inside writer_submit */
    tjob_t *j = calloc(MAX_PROBES, sizeof *j);
    cr_assert_not_null(j);
    int refused = -1;
    for (int i = 0; i < MAX_PROBES && refused < 0; i++) {
        tjob_init(&j[i], J_INSERT, i, NULL);
        writer_submit(w, &j[i].job);
        if (atomic_load(&j[i].dones) > 0)
            refused = i;
        else
            usleep(1000);
    }
    cr_assert_geq(refused, 0, "no submit was refused while writer_stop waited");
    tjob_t *r = &j[refused];
    cr_assert_eq(r->got_status, DB_DOWN);
    cr_assert_eq(r->got_err.status, DB_DOWN);
    cr_assert(pthread_equal(r->done_by, pthread_self()), "done() ran inside writer_submit");
    cr_assert_eq(atomic_load(&r->runs), 0, "a refused job is not run");
    gate_open(&gate);
    pthread_join(th, NULL); /* writer_stop returned: w is gone */
    for (int i = 0; i < refused; i++) {
        cr_assert_eq(atomic_load(&j[i].dones), 1, "job %d queued before stop began", i);
        cr_assert_eq(j[i].got_status, DB_OK, "job %d: %d (%s)", i, j[i].got_status, j[i].got_err.msg);
        cr_assert_eq(rows_with(c, i), 1, "job %d", i);
    }
    cr_assert_eq(atomic_load(&r->dones), 1, "the refused job is not run later either");
    cr_assert_eq(rows_with(c, refused), 0);
    cr_assert_eq(q_int(c, "SELECT COUNT(*) FROM t", NULL, 0), refused);
    free(j);
    store_close(db);
}

Test(writer, stop_of_null_is_a_no_op)
{
    writer_stop(NULL); /* must not crash */
}
