/* breach.h - the background thread that applies SLA breach policies by
 * itself, without a request (escalate, or deemed approval). */
#ifndef SATUPINTU_API_BREACH_H
#define SATUPINTU_API_BREACH_H

#include "api/app.h"

typedef struct breach_worker breach_worker_t;

/* Starts the thread, running a pass every interval_s seconds; NULL on failure. */
breach_worker_t *breach_start(app_t *app, unsigned interval_s);

/* Stops the thread (waits for a pass in progress) and frees it. NULL is a no-op. */
void breach_stop(breach_worker_t *w);

#endif
