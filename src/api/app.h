/* app.h - what every handler gets as its app pointer, and the route table. */
#ifndef SATUPINTU_API_APP_H
#define SATUPINTU_API_APP_H

#include "api/response_cache.h"
#include "lib/keyring.h"
#include "http/request.h"
#include "http/router.h"
#include "store/db.h"

typedef struct app {
    db_t *db;                   /* borrowed from main */
    const router_t *router;     /* borrowed from main (for /metrics labels) */
    response_cache_t *regions;  /* rendered reference-data answers (owned by main); NULL: no caching */
    const keyring_t *keys;      /* borrowed from main: personal-data and index keys */
    int64_t session_idle_ms;    /* a session unused this long ends */
    int64_t session_max_ms;     /* a session ends this long after sign-in, used or not */
    bool secure_cookies;        /* add Secure to cookies (behind TLS) */
    struct web_assets *web;     /* the browser app's files (owned by main); NULL: none */
    const char *data_dir;       /* where uploaded documents are kept (outside the web root) */
    const char *public_url;     /* how citizens reach this server ("https://mpp.example.go.id"), for QR codes */
    struct writer *writer;      /* group-commit writer (owned by main): filings are written through it */
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

/* Opens a write transaction on this thread's connection; NULL after answering 503/500. */
db_conn_t *api_begin(http_req_t *req, app_t *app);

/* Commits; on failure rolls back, answers and returns false. */
bool api_commit(http_req_t *req, db_conn_t *c);

/* Rolls back and answers for err. */
void api_abort(http_req_t *req, db_conn_t *c, const db_err_t *err);

/* Appends an audit entry for the caller inside the open transaction; change
 * (borrowed, may be NULL) is digested. entity_id 0 means none. */
int api_audit(http_req_t *req, db_conn_t *c, const char *action, const char *entity, int64_t entity_id,
              const char *region_code, const json_t *change, db_err_t *err);

/* Audits the write and commits; false after answering (everything rolled back). */
bool api_finish(http_req_t *req, db_conn_t *c, const char *action, const char *entity, int64_t entity_id,
                const char *region_code, const json_t *change);

/* Adds "Unknown field" for every key of body not in allowed (NULL-terminated). */
void api_unknown_fields(http_req_t *req, json_t *body, const char *const allowed[], json_t **fields);

/* A positive integer path parameter, or 0 (the caller answers 404). */
int64_t api_id_param(http_req_t *req, const char *name);

/* Rows per page of the paged lists: the default and the most ?limit= may ask. */
#define API_PAGE_DEFAULT 50
#define API_PAGE_MAX 200

/* The start of a paged list's handler: reads ?limit= and ?cursor= after the
 * caller's own checks (whose field errors fields holds, taken); answers 422
 * naming every wrong field, else opens this thread's connection (503 when it
 * cannot). NULL after answering. */
db_conn_t *api_page_begin(http_req_t *req, app_t *app, json_t *fields, long *limit, int64_t *cursor);

/* Reads ?limit= (1..max, default dflt) and ?cursor= (an id >= 1; 0 when absent),
 * adding field errors for bad values. */
void api_page_query(http_req_t *req, long dflt, long max, long *limit, int64_t *cursor, json_t **fields);

/* The string of a JSON value, or NULL when it is not a string or holds a NUL. */
const char *api_json_text(const json_t *v);

#endif
