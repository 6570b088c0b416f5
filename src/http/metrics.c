/* metrics.c - see metrics.h. */
#include "http/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static const int status_codes[] = {200, 201, 204, 301, 304, 400, 401, 403, 404, 405,
                                   409, 413, 415, 422, 429, 499, 500, 503, 0 /* other */};
#define NSTATUS (sizeof status_codes / sizeof status_codes[0])

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OTHER"};
#define NMETHOD (sizeof methods / sizeof methods[0])

/* Upper bounds in seconds, as Prometheus wants them, and in nanoseconds. */
static const char *const bucket_le[] = {"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025",
                                        "0.05",   "0.1",   "0.25",   "0.5",   "1",    "2.5"};
static const uint64_t bucket_ns[] = {500000ull,    1000000ull,   2500000ull,    5000000ull,
                                     10000000ull,  25000000ull,  50000000ull,   100000000ull,
                                     250000000ull, 500000000ull, 1000000000ull, 2500000000ull};
#define NBUCKET (sizeof bucket_ns / sizeof bucket_ns[0])

#define NROUTE (ROUTER_MAX_ROUTES + 1) /* slot 0: unmatched */

static _Atomic uint64_t requests[NROUTE][NMETHOD][NSTATUS];
static _Atomic uint64_t hist[NROUTE][NBUCKET + 1]; /* last: +Inf */
static _Atomic uint64_t hist_sum_ns[NROUTE];
static _Atomic long open_connections;

static size_t method_index(const char *m)
{
    for (size_t i = 0; i + 1 < NMETHOD; i++)
        if (strcmp(m, methods[i]) == 0)
            return i;
    return NMETHOD - 1;
}

static size_t status_index(int status)
{
    for (size_t i = 0; i + 1 < NSTATUS; i++)
        if (status_codes[i] == status)
            return i;
    return NSTATUS - 1;
}

void metrics_record(int route_id, const char *method, int status, uint64_t ns)
{
    size_t r = route_id < 0 || route_id >= ROUTER_MAX_ROUTES ? 0 : (size_t)route_id + 1;
    atomic_fetch_add_explicit(&requests[r][method_index(method)][status_index(status)], 1,
                              memory_order_relaxed);
    size_t b = 0;
    while (b < NBUCKET && ns > bucket_ns[b])
        b++;
    atomic_fetch_add_explicit(&hist[r][b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&hist_sum_ns[r], ns, memory_order_relaxed);
}

void metrics_connections(int delta)
{
    atomic_fetch_add_explicit(&open_connections, delta, memory_order_relaxed);
}

static const char *route_label(const router_t *r, size_t slot)
{
    if (slot == 0)
        return "unmatched";
    const route_t *rt = router_route(r, slot - 1);
    return rt ? rt->pattern : "unknown";
}

void metrics_render(const router_t *r, buf_t *out)
{
    size_t nslots = router_count(r) + 1;
    buf_puts(out, "# HELP satupintu_http_requests_total HTTP requests answered, by route, method and status.\n"
                  "# TYPE satupintu_http_requests_total counter\n");
    for (size_t s = 0; s < nslots; s++)
        for (size_t m = 0; m < NMETHOD; m++)
            for (size_t k = 0; k < NSTATUS; k++) {
                uint64_t v = atomic_load_explicit(&requests[s][m][k], memory_order_relaxed);
                if (!v)
                    continue;
                char status[8];
                if (status_codes[k])
                    snprintf(status, sizeof status, "%d", status_codes[k]);
                else
                    snprintf(status, sizeof status, "other");
                buf_printf(out, "satupintu_http_requests_total{route=\"%s\",method=\"%s\",status=\"%s\"} %llu\n",
                           route_label(r, s), methods[m], status, (unsigned long long)v);
            }
    buf_puts(out, "# HELP satupintu_http_request_duration_seconds Time from request start to response completion.\n"
                  "# TYPE satupintu_http_request_duration_seconds histogram\n");
    for (size_t s = 0; s < nslots; s++) {
        uint64_t cum = 0;
        uint64_t counts[NBUCKET + 1];
        for (size_t b = 0; b <= NBUCKET; b++)
            counts[b] = atomic_load_explicit(&hist[s][b], memory_order_relaxed);
        uint64_t total = 0;
        for (size_t b = 0; b <= NBUCKET; b++)
            total += counts[b];
        if (!total)
            continue;
        const char *label = route_label(r, s);
        for (size_t b = 0; b < NBUCKET; b++) {
            cum += counts[b];
            buf_printf(out, "satupintu_http_request_duration_seconds_bucket{route=\"%s\",le=\"%s\"} %llu\n",
                       label, bucket_le[b], (unsigned long long)cum);
        }
        buf_printf(out, "satupintu_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n",
                   label, (unsigned long long)total);
        uint64_t sum = atomic_load_explicit(&hist_sum_ns[s], memory_order_relaxed);
        buf_printf(out, "satupintu_http_request_duration_seconds_sum{route=\"%s\"} %.9f\n", label,
                   (double)sum / 1e9);
        buf_printf(out, "satupintu_http_request_duration_seconds_count{route=\"%s\"} %llu\n", label,
                   (unsigned long long)total);
    }
    buf_printf(out, "# HELP satupintu_http_open_connections Client connections open now.\n"
                    "# TYPE satupintu_http_open_connections gauge\n"
                    "satupintu_http_open_connections %ld\n",
               atomic_load_explicit(&open_connections, memory_order_relaxed));
}
