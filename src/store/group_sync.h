/* group_sync.h - group commit for SQLite: commits run with synchronous=NORMAL
 * (the WAL is written, not flushed) and each committer then waits on one
 * shared fsync of the WAL that covers every commit made before it started.
 * Many commits share one flush, and nothing is answered before it is on disk:
 * the durability of synchronous=FULL at a fraction of the fsyncs. */
#ifndef SATUPINTU_STORE_GROUP_SYNC_H
#define SATUPINTU_STORE_GROUP_SYNC_H

#include <stdbool.h>

typedef struct group_sync group_sync_t;

/* The shared state for the database file at path (one per file per process);
 * NULL on OOM. Lives until the process ends. */
group_sync_t *group_sync_for(const char *path);

/* Called right after a COMMIT returned: waits until the WAL holding it is on
 * disk. Returns false when the flush failed (the caller must not acknowledge). */
bool group_sync_wait(group_sync_t *g);

#endif
