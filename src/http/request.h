/* request.h - what a handler sees of one HTTP request and how it answers.
 *
 * Ownership: everything reachable from an http_req_t lives until the request
 * completes. Strings the functions below return are owned by the request
 * (its arena or libmicrohttpd) and must not be freed. A handler answers by
 * calling exactly one http_reply_* function; calling none is a 500.
 */
#ifndef SATUPINTU_HTTP_REQUEST_H
#define SATUPINTU_HTTP_REQUEST_H

#include "http/router.h"
#include "lib/arena.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { LANG_ID = 0, LANG_EN = 1 } http_lang_t;

typedef struct http_header {
    const char *name; /* arena */
    const char *value; /* arena */
    struct http_header *next;
} http_header_t;

typedef struct http_req {
    arena_t *arena;          /* freed when the request completes */
    const char *method;      /* owned by libmicrohttpd */
    const char *path;        /* percent-decoded path, no query; owned by libmicrohttpd */
    const route_t *route;    /* the matched route (set before a handler runs) */
    route_param_t params[ROUTER_MAX_PARAMS];
    size_t nparams;
    char request_id[65];
    http_lang_t lang;
    const char *body;        /* raw body bytes (not NUL-terminated), NULL when none */
    size_t body_len;
    json_t *json;            /* parsed body on ROUTE_JSON_BODY routes; the request holds the reference */
    void *auth;              /* set by the guard (api/): who is asking; arena-owned */

    /* The answer, set by http_reply_*. */
    int status;
    const char *content_type; /* static or arena */
    char *resp;               /* malloc'd; handed to libmicrohttpd */
    size_t resp_len;
    const char *cache_control; /* NULL means "no-store" */
    http_header_t *headers;
} http_req_t;

/* Path parameter by name as a NUL-terminated arena copy, or NULL. */
const char *http_param(http_req_t *req, const char *name);

/* Query-string argument (decoded) or NULL. Owned by libmicrohttpd. */
const char *http_query(http_req_t *req, const char *name);

/* Request header value or NULL. Owned by libmicrohttpd. */
const char *http_header(http_req_t *req, const char *name);

/* Cookie value or NULL. Owned by libmicrohttpd. */
const char *http_cookie(http_req_t *req, const char *name);

/* True for methods that may change state (anything but GET, HEAD, OPTIONS). */
bool http_is_write(const http_req_t *req);

/* The client's address as text ("127.0.0.1"), written into out. */
void http_client_ip(http_req_t *req, char *out, size_t outlen);

/* Picks the Indonesian or English text by the request's language. */
const char *http_tr(const http_req_t *req, const char *id, const char *en);

/* Adds a response header (both strings are copied); returns 0 or -1 on OOM. */
int http_add_header(http_req_t *req, const char *name, const char *value);

/* Answers with body, which must come from malloc(); the request takes it. */
void http_reply_take(http_req_t *req, int status, const char *content_type, char *body, size_t len);

/* Answers with a copy of len bytes of body. */
void http_reply_copy(http_req_t *req, int status, const char *content_type, const void *body, size_t len);

/* Answers with the JSON value, taking the caller's reference. */
void http_reply_json(http_req_t *req, int status, json_t *value);

/* Answers {"error":{"code","message"[,"fields"]}}; takes the reference to fields (may be NULL). */
void http_reply_error(http_req_t *req, int status, const char *code, const char *message, json_t *fields);

/* Answers 422 validation_failed with fields ({"name": "why"}); takes the reference. */
void http_reply_invalid(http_req_t *req, json_t *fields);

/* Answers 404 not_found with a message in the request's language. */
void http_reply_not_found(http_req_t *req);

/* Answers 500 internal without detail (the cause goes to the log, not the client). */
void http_reply_internal(http_req_t *req);

/* Parks the request: the handler returns without an answer, and another
 * thread later answers with http_reply_* and calls http_resume(). From this
 * call until http_resume() that thread owns req (its arena included) and
 * nothing else touches it. Call at most once, from the handler. */
void http_suspend(http_req_t *req);

/* Hands a parked, answered request back to the server, which sends the
 * answer. Callable from any thread; req must not be touched afterwards. */
void http_resume(http_req_t *req);

#endif
