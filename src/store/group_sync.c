/* group_sync.c - see group_sync.h. */
#include "store/group_sync.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct group_sync {
    char wal[4096];
    pthread_mutex_t lock;
    pthread_cond_t done;
    uint64_t committed; /* commits announced so far */
    uint64_t synced;    /* commits known to be on disk */
    bool syncing;
    bool failed;
};

#define MAX_FILES 8
static group_sync_t *files[MAX_FILES];
static pthread_mutex_t files_lock = PTHREAD_MUTEX_INITIALIZER;

group_sync_t *group_sync_for(const char *path)
{
    char wal[4096];
    snprintf(wal, sizeof wal, "%s-wal", path);
    pthread_mutex_lock(&files_lock);
    group_sync_t *g = NULL;
    for (int i = 0; i < MAX_FILES && !g; i++)
        if (files[i] && strcmp(files[i]->wal, wal) == 0)
            g = files[i];
    for (int i = 0; i < MAX_FILES && !g; i++) {
        if (files[i])
            continue;
        g = calloc(1, sizeof *g);
        if (g) {
            snprintf(g->wal, sizeof g->wal, "%s", wal);
            pthread_mutex_init(&g->lock, NULL);
            pthread_cond_init(&g->done, NULL);
            files[i] = g;
        }
    }
    pthread_mutex_unlock(&files_lock);
    return g;
}

/* fsync of the WAL (and of the folder, so a new WAL file's name is durable too). */
static bool flush(const char *wal)
{
    int fd = open(wal, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fdatasync(fd) == 0;
    close(fd);
    return ok;
}

bool group_sync_wait(group_sync_t *g)
{
    pthread_mutex_lock(&g->lock);
    uint64_t mine = ++g->committed;
    while (g->synced < mine) {
        if (g->syncing) {
            pthread_cond_wait(&g->done, &g->lock);
            continue;
        }
        /* Lead a flush covering every commit announced until now. */
        g->syncing = true;
        uint64_t covers = g->committed;
        pthread_mutex_unlock(&g->lock);
        bool ok = flush(g->wal);
        pthread_mutex_lock(&g->lock);
        g->syncing = false;
        if (ok)
            g->synced = covers;
        else
            g->failed = true;
        pthread_cond_broadcast(&g->done);
        if (!ok) {
            pthread_mutex_unlock(&g->lock);
            return false;
        }
    }
    pthread_mutex_unlock(&g->lock);
    return true;
}
