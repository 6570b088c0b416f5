/* guard.h - who is asking, and whether they may: the guard that runs before
 * every routed handler. It denies by default: a route that is not public needs
 * a session (cookie) or an API token (Bearer); cookie writes need the
 * session's CSRF token; the route's roles and region scope must match a grant. */
#ifndef SATUPINTU_API_GUARD_H
#define SATUPINTU_API_GUARD_H

#include "api/app.h"
#include "store/users.h"

#include <stdbool.h>
#include <stdint.h>

/* How a route's region is found for the scope check. */
enum {
    SCOPE_NONE = 0,     /* no region: roles alone decide */
    SCOPE_PATH_REGION,  /* the {code} path parameter */
    SCOPE_QUERY_REGION, /* ?region=; platform_admin may omit it */
    SCOPE_RECORD,       /* the handler loads the record and calls api_may() */
};

#define SESSION_COOKIE "sp_session"

typedef struct principal {
    int64_t user_id;   /* 0 for an API token */
    const char *name;  /* user's name, or "token:<name>" */
    const char *username;
    const char *kind;  /* "staff", "citizen", "token" */
    grant_t *grants;   /* arena */
    int ngrants;
    int64_t session_id; /* 0 unless signed in by cookie */
    const char *csrf_token;
    int64_t token_id;   /* 0 unless signed in by API token */
    const user_t *user; /* the signed-in user's row (arena); NULL for an API token */
} principal_t;

/* The http/ guard hook: authenticates, checks CSRF, roles and scope. */
bool api_guard(http_req_t *req, void *app);

/* On a public route, finds out who asks (the guard does not): true with
 * req->auth set or NULL for anonymous; false after answering (database down). */
bool api_authenticate(http_req_t *req, app_t *app);

/* The caller, or NULL when not signed in (set by api_guard). */
const principal_t *api_principal(const http_req_t *req);

/* True when the caller holds one of roles (0: any role) in a grant covering
 * region_code (NULL: any region). */
bool api_may(const http_req_t *req, unsigned roles, const char *region_code);

/* Answers 403 forbidden. */
void api_forbidden(http_req_t *req);

/* The first role of the caller's grants that is in roles (for the audit trail). */
const char *api_acting_role(const http_req_t *req, unsigned roles);

/* Role names of a role set as a JSON array (for `satupintu routes`). */
json_t *api_roles_json(unsigned roles);

/* Scope name for `satupintu routes`. */
const char *api_scope_name(int scope);

#endif
