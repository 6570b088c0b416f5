/* test_ticker.c - lib/ticker: calls at once, keeps calling, stops promptly. */
#include "lib/ticker.h"

#include <criterion/criterion.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

static _Atomic int calls;

static void count(void *ctx)
{
    (void)ctx;
    atomic_fetch_add(&calls, 1);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

Test(ticker, calls_at_once_then_every_interval_and_stops_promptly)
{
    atomic_store(&calls, 0);
    ticker_t *t = ticker_start(count, NULL, 1);
    cr_assert_not_null(t);
    for (int i = 0; i < 200 && atomic_load(&calls) < 1; i++)
        usleep(10 * 1000);
    cr_assert_eq(atomic_load(&calls), 1, "the first call comes at once, not after the interval");
    for (int i = 0; i < 300 && atomic_load(&calls) < 2; i++)
        usleep(10 * 1000);
    cr_assert_geq(atomic_load(&calls), 2, "then every second");
    double t0 = now_s();
    ticker_stop(t);
    cr_assert_lt(now_s() - t0, 0.9, "stopping does not wait out the interval");
    int after = atomic_load(&calls);
    usleep(1100 * 1000);
    cr_assert_eq(atomic_load(&calls), after, "no call after stop");
    ticker_stop(NULL);
}
