/* internal.h - the server's private view of a request; only http/ includes it. */
#ifndef SATUPINTU_HTTP_INTERNAL_H
#define SATUPINTU_HTTP_INTERNAL_H

#include "http/body.h"
#include "http/request.h"

#include <microhttpd.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdint.h>

#include "http/server.h"

struct http_server {
    struct MHD_Daemon *daemon;
    const router_t *router;
    void *app;
    http_config_t cfg;
    unsigned port;
    _Atomic long in_flight;
};

typedef struct server_req {
    http_req_t pub;               /* first: handlers get &pub */
    struct MHD_Connection *conn;  /* borrowed from libmicrohttpd */
    struct http_server *server;
    route_match_t match;
    body_t body;                  /* owned; freed at completion */
    uint64_t start_ns;
    bool answered;                /* a response was queued */
    bool nul_in_url;              /* a %00 was decoded in the path or query */
    bool parked;                  /* suspended by http_suspend(), not yet answered */
} server_req_t;

static inline server_req_t *server_req_of(http_req_t *req)
{
    return (server_req_t *)req;
}

#endif
