/* writer.c - see writer.h. */
#include "store/writer.h"

#include "store/db_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct writer {
    db_t *db; /* borrowed */
    pthread_t thread;
    pthread_mutex_t lock; /* guards head, tail, stopping */
    pthread_cond_t wake;
    writer_job_t *head, *tail;
    bool stopping;
    _Atomic uint64_t batches, jobs;
};

static void finish(writer_job_t *batch)
{
    while (batch) {
        writer_job_t *next = batch->next; /* done() may free the job */
        batch->next = NULL;
        batch->done(batch, batch->status, &batch->err);
        batch = next;
    }
}

/* The whole batch failed (nothing of it is stored): every job gets why, even
 * one that had failed alone, whose outcome may have depended on the others. */
static void fail_all(writer_job_t *batch, int status, const db_err_t *err)
{
    for (writer_job_t *j = batch; j; j = j->next) {
        j->status = status;
        j->err = *err;
    }
}

/* Runs one job under a savepoint; false when the transaction itself broke. */
static bool run_careful(db_conn_t *c, writer_job_t *j, db_err_t *err)
{
    if ((j->status = db_exec(c, "SAVEPOINT job", NULL, 0, NULL, err)) != DB_OK) {
        j->err = *err;
        return false;
    }
    j->status = j->run(c, j, &j->err);
    if (j->status == DB_OK)
        return db_exec(c, "RELEASE job", NULL, 0, NULL, err) == DB_OK;
    if (j->err.status == DB_OK)
        j->err.status = j->status;
    return db_exec(c, "ROLLBACK TO job", NULL, 0, NULL, err) == DB_OK &&
           db_exec(c, "RELEASE job", NULL, 0, NULL, err) == DB_OK;
}

typedef enum { BATCH_DONE, BATCH_RETRY } attempt_t;

/* One transaction over the batch. Fast (careful false): no savepoints, and
 * the first failing job rolls everything back for a careful retry, where
 * each job runs under its own savepoint and fails alone. */
static attempt_t attempt(db_conn_t *c, writer_job_t *batch, bool careful)
{
    db_err_t err = {0};
    for (writer_job_t *j = batch; j; j = j->next) {
        j->status = DB_OK;
        j->err = (db_err_t){0};
    }
    if (db_begin(c, true, &err) != DB_OK) {
        fail_all(batch, err.status ? err.status : DB_DOWN, &err);
        return BATCH_DONE;
    }
    bool intact = true;
    for (writer_job_t *j = batch; j && intact; j = j->next) {
        if (careful) {
            intact = run_careful(c, j, &err);
            continue;
        }
        if ((j->status = j->run(c, j, &j->err)) != DB_OK) {
            db_rollback(c);
            return BATCH_RETRY;
        }
    }
    if (!intact || db_commit(c, &err) != DB_OK) {
        db_rollback(c);
        if (err.status == DB_OK)
            err.status = DB_ERROR;
        fail_all(batch, err.status, &err);
    }
    return BATCH_DONE;
}

static void run_batch(writer_t *w, writer_job_t *batch, uint64_t n)
{
    db_err_t err = {0};
    db_conn_t *c = db_conn(w->db, &err);
    if (!c) {
        for (writer_job_t *j = batch; j; j = j->next)
            j->status = DB_OK;
        fail_all(batch, err.status ? err.status : DB_DOWN, &err);
    } else if (attempt(c, batch, false) == BATCH_RETRY) {
        attempt(c, batch, true);
    }
    bool any = false;
    for (writer_job_t *j = batch; j && !any; j = j->next)
        any = j->status == DB_OK;
    if (any) {
        atomic_fetch_add(&w->batches, 1);
        atomic_fetch_add(&w->jobs, n);
    }
    finish(batch);
}

/* Takes up to WRITER_MAX_BATCH queued jobs; NULL when stopping and empty. */
static writer_job_t *take(writer_t *w, uint64_t *n)
{
    pthread_mutex_lock(&w->lock);
    while (!w->head && !w->stopping)
        pthread_cond_wait(&w->wake, &w->lock);
    writer_job_t *batch = w->head, *last = NULL;
    *n = 0;
    for (writer_job_t *j = batch; j && *n < WRITER_MAX_BATCH; j = j->next) {
        last = j;
        (*n)++;
    }
    if (last) {
        w->head = last->next;
        if (!w->head)
            w->tail = NULL;
        last->next = NULL;
    }
    pthread_mutex_unlock(&w->lock);
    return batch;
}

static void *loop(void *arg)
{
    writer_t *w = arg;
    pthread_setname_np(pthread_self(), "sp-writer");
    uint64_t n;
    writer_job_t *batch;
    while ((batch = take(w, &n)))
        run_batch(w, batch, n);
    return NULL;
}

writer_t *writer_start(db_t *db, db_err_t *err)
{
    writer_t *w = calloc(1, sizeof *w);
    if (!w) {
        db_fail(err, DB_ERROR, "writer: out of memory");
        return NULL;
    }
    w->db = db;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, loop, w) != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w);
        db_fail(err, DB_ERROR, "writer: cannot start its thread");
        return NULL;
    }
    return w;
}

void writer_submit(writer_t *w, writer_job_t *job)
{
    job->next = NULL;
    pthread_mutex_lock(&w->lock);
    if (w->stopping) {
        pthread_mutex_unlock(&w->lock);
        job->status = DB_DOWN;
        db_fail(&job->err, DB_DOWN, "writer: stopping");
        job->done(job, job->status, &job->err);
        return;
    }
    if (w->tail)
        w->tail->next = job;
    else
        w->head = job;
    w->tail = job;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
}

void writer_stop(writer_t *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

void writer_stats(const writer_t *w, uint64_t *batches, uint64_t *jobs)
{
    *batches = w ? atomic_load(&((writer_t *)w)->batches) : 0;
    *jobs = w ? atomic_load(&((writer_t *)w)->jobs) : 0;
}
