/* writer.h - group commit: one writer thread runs the writes that request
 * handlers hand it, many to a transaction, and reports each only once the
 * transaction holding it is durable (DESIGN.md, "Durable writes at speed").
 *
 * A handler fills a writer_job_t, submits it and returns at once (its HTTP
 * connection parked); the writer takes everything queued (up to
 * WRITER_MAX_BATCH), opens one write transaction, runs each job under its own
 * savepoint (a failing job rolls back alone; the first try runs without
 * savepoints and is redone with them only when a job failed), commits - on SQLite the commit
 * waits for the WAL flush (group_sync.c) - and then calls every job's done()
 * with the job's outcome: nothing is reported as written before it is on disk.
 *
 * Ownership: writer_start() returns a writer the caller stops and frees with
 * writer_stop(). Jobs are the submitter's; the writer only links them through
 * job->next until it calls done(), after which it never touches them again.
 */
#ifndef SATUPINTU_STORE_WRITER_H
#define SATUPINTU_STORE_WRITER_H

#include "store/db.h"

#include <stdint.h>

#define WRITER_MAX_BATCH 256

typedef struct writer writer_t;
typedef struct writer_job writer_job_t;

struct writer_job {
    /* Runs on the writer thread inside the batch's transaction (on the
     * writer's own connection). DB_OK keeps its writes; anything else rolls
     * them back and becomes its outcome. May run twice (after a rollback of
     * the batch), so it must start over each time. */
    int (*run)(db_conn_t *c, writer_job_t *job, db_err_t *err);
    /* Called on the writer thread after the batch committed and is durable
     * (status DB_OK), or with the job's own failure (the batch committed
     * without it), or with the batch's failure (nothing stored); for a job
     * submitted while the writer stops, at once on the submitting thread. */
    void (*done)(writer_job_t *job, int status, const db_err_t *err);
    writer_job_t *next; /* the writer's, while queued */
    int status;         /* the writer's: the outcome of run() */
    db_err_t err;       /* the writer's: why run() failed */
};

/* Starts the writer thread on db (borrowed; must outlive the writer). NULL
 * with err when the thread cannot be started. */
writer_t *writer_start(db_t *db, db_err_t *err);

/* Queues job (borrowed until done() is called); callable from any thread.
 * After writer_stop() began, done() is called at once with DB_DOWN. */
void writer_submit(writer_t *w, writer_job_t *job);

/* Runs what is queued, stops the thread and frees w. NULL is a no-op. */
void writer_stop(writer_t *w);

/* Counters for /metrics: batches committed and jobs they carried. */
void writer_stats(const writer_t *w, uint64_t *batches, uint64_t *jobs);

#endif
