/* app.h - what every handler gets as its app pointer, and the route table. */
#ifndef SATUPINTU_API_APP_H
#define SATUPINTU_API_APP_H

#include "api/response_cache.h"
#include "http/request.h"
#include "http/router.h"
#include "store/db.h"

typedef struct app {
    db_t *db;                   /* borrowed from main */
    const router_t *router;     /* borrowed from main (for /metrics labels) */
    response_cache_t *regions;  /* rendered reference-data answers (owned by main); NULL: no caching */
} app_t;

/* Registers every route of the API; returns 0 or -1 (a bad pattern: a bug). */
int api_register_routes(router_t *r);

/* This thread's connection, or NULL after answering 503 (database unreachable). */
db_conn_t *api_conn(http_req_t *req, app_t *app);

/* Logs a database error with the request id and answers 503 when the database
 * is down or busy, 500 otherwise. */
void api_db_failed(http_req_t *req, const db_err_t *err);

/* Adds {field: message} to *fields (created on first use). */
void api_field_error(json_t **fields, const char *field, const char *message);

/* The string of a JSON value, or NULL when it is not a string or holds a NUL. */
const char *api_json_text(const json_t *v);

#endif
