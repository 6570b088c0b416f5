/* ticker.h - a background thread that calls fn(ctx) every interval_s seconds
 * until stopped (the SLA breach pass, the notification worker). */
#ifndef SATUPINTU_LIB_TICKER_H
#define SATUPINTU_LIB_TICKER_H

typedef struct ticker ticker_t;

/* Starts the thread; the first call is at once. NULL on failure. */
ticker_t *ticker_start(void (*fn)(void *ctx), void *ctx, unsigned interval_s);

/* Wakes and joins the thread (a call in progress finishes) and frees it. NULL is a no-op. */
void ticker_stop(ticker_t *t);

#endif
