/* router.h - method + path pattern routing with {name} parameters.
 *
 * Patterns are absolute paths whose segments are literals or "{name}", e.g.
 * "/api/v1/regions/{code}". The router copies what it is given and owns its
 * routes; it is built once at start-up and then only read, so concurrent
 * router_match() calls need no lock. It knows no resource: handlers are
 * opaque pointers registered by api/.
 */
#ifndef SATUPINTU_HTTP_ROUTER_H
#define SATUPINTU_HTTP_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#define ROUTER_MAX_SEGMENTS 16
#define ROUTER_MAX_PARAMS 4
#define ROUTER_MAX_ROUTES 128

struct http_req;
/* A handler fills in the request's response; app is the pointer given to the server. */
typedef void (*http_handler_fn)(struct http_req *req, void *app);

enum {
    ROUTE_JSON_BODY = 1u << 0, /* takes a JSON body: 415 unless application/json, 400 unless valid */
    ROUTE_PUBLIC = 1u << 1,    /* no authentication (the guard of later issues honours it) */
    ROUTE_UPLOAD = 1u << 2,    /* takes a raw file body up to the server's max_upload, not max_body */
};

typedef struct {
    int id;              /* index in the table, stable for the process (metrics use it) */
    const char *method;  /* "GET", "POST", ... (owned by the router) */
    const char *pattern; /* as registered (owned by the router) */
    http_handler_fn fn;
    unsigned flags;
    unsigned roles; /* opaque to http/: the guard's role set (0: any signed-in user) */
    int scope;      /* opaque to http/: how the guard finds the route's region */
} route_t;

typedef struct {
    const char *name;  /* points into the router */
    const char *value; /* points into the matched path: not NUL-terminated */
    size_t len;
} route_param_t;

typedef enum {
    ROUTE_FOUND,
    ROUTE_NOT_FOUND,
    ROUTE_BAD_METHOD, /* the path exists with other methods: answer 405 with m->allow */
    ROUTE_BAD_PATH,   /* "." or ".." segments, empty segments, over-long paths */
} route_status_t;

typedef struct {
    route_status_t status;
    const route_t *route;
    route_param_t params[ROUTER_MAX_PARAMS];
    size_t nparams;
    char allow[96]; /* "GET, HEAD" etc. on ROUTE_BAD_METHOD */
} route_match_t;

typedef struct router router_t;

/* Creates an empty router; NULL on OOM. Free with router_free(). */
router_t *router_new(void);

/* Frees the router and every copy it holds. */
void router_free(router_t *r);

/* Adds a route; returns its id, or -1 on a malformed pattern, a duplicate,
 * a full table or OOM. */
int router_add(router_t *r, const char *method, const char *pattern, http_handler_fn fn, unsigned flags);

/* Like router_add, also recording the guard's roles and scope for the route. */
int router_add_guarded(router_t *r, const char *method, const char *pattern, http_handler_fn fn, unsigned flags,
                       unsigned roles, int scope);

/* Matches method and path (no query string, already percent-decoded) into m.
 * HEAD matches GET routes. The params point into path. */
void router_match(const router_t *r, const char *method, const char *path, route_match_t *m);

/* Number of routes and the route with that id (NULL when out of range). */
size_t router_count(const router_t *r);
const route_t *router_route(const router_t *r, size_t id);

#endif
