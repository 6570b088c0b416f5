/* metrics.h - lock-free request counters and latency histograms, rendered as
 * Prometheus text. Counters are process-wide statics updated with relaxed
 * atomics; reading them while they move gives a consistent-enough snapshot. */
#ifndef SATUPINTU_HTTP_METRICS_H
#define SATUPINTU_HTTP_METRICS_H

#include "http/router.h"
#include "lib/buf.h"

#include <stdint.h>

/* Records one finished request. route_id is -1 for unmatched paths. */
void metrics_record(int route_id, const char *method, int status, uint64_t duration_ns);

/* One more (delta 1) or one less (delta -1) open connection. */
void metrics_connections(int delta);

/* Appends the HTTP metrics in Prometheus text format to out; route names come from r. */
void metrics_render(const router_t *r, buf_t *out);

#endif
