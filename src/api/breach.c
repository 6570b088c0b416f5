/* breach.c - see breach.h. */
#include "api/breach.h"

#include "api/applications.h"
#include "lib/log.h"
#include "lib/ticker.h"

#include <stdlib.h>

struct breach_worker {
    ticker_t *ticker;
};

static void pass(void *ctx)
{
    int acted = api_breach_tick(ctx);
    if (acted < 0)
        log_msg(LOG_WARN, "SLA breach pass failed (database?); trying again later", NULL);
    else if (acted > 0)
        log_msgf(LOG_INFO, "SLA breach policy applied to %d application(s)", acted);
}

breach_worker_t *breach_start(app_t *app, unsigned interval_s)
{
    breach_worker_t *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ticker = ticker_start(pass, app, interval_s ? interval_s : 30);
    if (!w->ticker) {
        free(w);
        return NULL;
    }
    return w;
}

void breach_stop(breach_worker_t *w)
{
    if (!w)
        return;
    ticker_stop(w->ticker);
    free(w);
}
