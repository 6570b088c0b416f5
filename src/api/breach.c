/* breach.c - see breach.h. */
#include "api/breach.h"

#include "api/applications.h"
#include "lib/log.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

struct breach_worker {
    app_t *app;
    unsigned interval_s;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
};

static void *run(void *arg)
{
    breach_worker_t *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        pthread_mutex_unlock(&w->lock);
        int acted = api_breach_tick(w->app);
        if (acted < 0)
            log_msg(LOG_WARN, "SLA breach pass failed (database?); trying again later", NULL);
        else if (acted > 0)
            log_msgf(LOG_INFO, "SLA breach policy applied to %d application(s)", acted);
        pthread_mutex_lock(&w->lock);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += w->interval_s;
        while (!w->stopping && pthread_cond_timedwait(&w->wake, &w->lock, &until) == 0)
            ;
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

breach_worker_t *breach_start(app_t *app, unsigned interval_s)
{
    breach_worker_t *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->app = app;
    w->interval_s = interval_s ? interval_s : 30;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->wake);
        free(w);
        return NULL;
    }
    return w;
}

void breach_stop(breach_worker_t *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->stopping = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    free(w);
}
