/* test_group_sync.c - store/group_sync: every waiter returns after a flush
 * that began after its commit; a WAL that cannot be flushed is an error. */
#include "helpers.h"
#include "store/group_sync.h"

#include <pthread.h>

static char dir[PATH_MAX];

static void *waiter(void *arg)
{
    group_sync_t *g = arg;
    bool ok = true;
    for (int i = 0; i < 50; i++)
        ok &= group_sync_wait(g);
    return (void *)(intptr_t)ok;
}

Test(group_sync, concurrent_committers_all_flushed)
{
    th_tmpdir(dir, sizeof dir);
    char db[PATH_MAX + 16], wal[PATH_MAX + 32];
    snprintf(db, sizeof db, "%s/x.db", dir);
    snprintf(wal, sizeof wal, "%s-wal", db);
    FILE *f = fopen(wal, "w");
    fputs("frames", f);
    fclose(f);
    group_sync_t *g = group_sync_for(db);
    cr_assert_not_null(g);
    cr_assert_eq(group_sync_for(db), g, "one state per file");
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, waiter, g);
    for (int i = 0; i < 8; i++) {
        void *ok;
        pthread_join(t[i], &ok);
        cr_assert(ok, "every wait succeeded");
    }
    th_rmtree(dir);
}

Test(group_sync, unflushable_wal_is_an_error)
{
    group_sync_t *g = group_sync_for("/nonexistent/dir/x.db");
    cr_assert_not_null(g);
    cr_assert(!group_sync_wait(g), "no WAL to flush: the commit must not be acknowledged");
}
