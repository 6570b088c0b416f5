/* server.h - the HTTP server: libmicrohttpd with an epoll thread pool.
 *
 * The server borrows the router and the app pointer (both must outlive it)
 * and owns the daemon. Every answer gets X-Request-Id and the security
 * headers; every finished request is counted in metrics and written as one
 * JSON line to the access log (path without the query string: queries may
 * carry personal data).
 */
#ifndef SATUPINTU_HTTP_SERVER_H
#define SATUPINTU_HTTP_SERVER_H

#include "http/router.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *host;       /* "127.0.0.1", "0.0.0.0", "::" */
    unsigned port;          /* 0 picks a free port (see http_server_port) */
    unsigned threads;       /* worker threads; 0 means one per core */
    size_t max_body;        /* bytes; larger bodies get 413 */
    size_t max_upload;      /* bytes, on ROUTE_UPLOAD routes (files); 0 means max_body */
    unsigned conn_limit;    /* open connections in all */
    unsigned per_ip_limit;  /* open connections from one address */
    unsigned timeout_s;     /* idle connection timeout */
    /* The reverse proxy's address ("127.0.0.1"); requests from it are taken to
     * come from the last address in X-Forwarded-For (or X-Real-IP). NULL: none. */
    const char *trusted_proxy;
    /* Runs before every matched handler; returns false after answering
     * (401, 403 ...). NULL: no guard. */
    bool (*guard)(struct http_req *req, void *app);
    /* Answers GET/HEAD requests no route matched (the web app); returns
     * false to let the 404/405 answer stand. NULL: none. */
    bool (*fallback)(struct http_req *req, void *app);
} http_config_t;

typedef struct http_server http_server_t;

/* Starts serving. Returns the server, or NULL with a reason in err. The
 * caller stops and frees it with http_server_stop(). */
http_server_t *http_server_start(const http_config_t *cfg, const router_t *router, void *app,
                                 char *err, size_t errlen);

/* The port actually bound. */
unsigned http_server_port(const http_server_t *s);

/* Stops accepting, waits up to grace_ms for requests in flight to finish,
 * closes every connection and frees the server. */
void http_server_stop(http_server_t *s, unsigned grace_ms);

/* Splits "host:port", "[v6]:port" or ":port" into host (into hostbuf) and port; 0 or -1. */
int http_parse_listen(const char *listen, char *hostbuf, size_t hostlen, unsigned *port);

#endif
