/* routes.c - the one route table: every path the server answers, who may
 * call it and how its region is scoped. The guard denies what is not here. */
#include "api/agencies.h"
#include "api/applications.h"
#include "api/app.h"
#include "api/auth.h"
#include "api/calendars.h"
#include "api/filing.h"
#include "api/guard.h"
#include "api/issue.h"
#include "api/notify.h"
#include "api/regions.h"
#include "api/services.h"
#include "api/system.h"
#include "api/tokens.h"
#include "api/users.h"
#include "api/web.h"
#include "domain/roles.h"

typedef struct {
    const char *method;
    const char *pattern;
    http_handler_fn fn;
    unsigned flags;
    unsigned roles; /* 0: any signed-in caller (on non-public routes) */
    int scope;
} route_def_t;

#define PUB ROUTE_PUBLIC
#define JSON ROUTE_JSON_BODY
#define ADMINS (ROLE_REGION_ADMIN | ROLE_PLATFORM_ADMIN)
#define OFFICERS (ROLE_FRONT_OFFICE | ROLE_BACK_OFFICE | ROLE_APPROVER | ROLE_AGENCY_ADMIN | ADMINS)

static const route_def_t routes[] = {
    {"GET", "/healthz", api_healthz, PUB, 0, SCOPE_NONE},
    {"GET", "/readyz", api_readyz, PUB, 0, SCOPE_NONE},
    {"GET", "/metrics", api_metrics, PUB, 0, SCOPE_NONE},
    {"GET", "/api/v1/openapi.json", api_openapi, PUB, 0, SCOPE_NONE},

    {"GET", "/api/v1/regions", api_regions_list, PUB, 0, SCOPE_NONE},
    {"GET", "/api/v1/regions/{code}", api_regions_get, PUB, 0, SCOPE_NONE},
    {"POST", "/api/v1/regions/resolve", api_regions_resolve, PUB | JSON, 0, SCOPE_NONE},

    {"POST", "/api/v1/auth/register", api_auth_register, PUB | JSON, 0, SCOPE_NONE},
    {"POST", "/api/v1/auth/login", api_auth_login, PUB | JSON, 0, SCOPE_NONE},
    {"POST", "/api/v1/auth/logout", api_auth_logout, 0, 0, SCOPE_NONE},
    {"GET", "/api/v1/auth/me", api_auth_me, 0, 0, SCOPE_NONE},

    {"GET", "/api/v1/regions/{code}/agencies", api_agencies_list, PUB, 0, SCOPE_NONE},
    {"POST", "/api/v1/regions/{code}/agencies", api_agencies_create, JSON, ADMINS, SCOPE_PATH_REGION},
    {"GET", "/api/v1/agencies/{id}", api_agencies_get, PUB, 0, SCOPE_NONE},
    {"PATCH", "/api/v1/agencies/{id}", api_agencies_update, JSON, ADMINS | ROLE_AGENCY_ADMIN, SCOPE_RECORD},

    {"GET", "/api/v1/users", api_users_list, 0, ADMINS, SCOPE_QUERY_REGION},
    {"POST", "/api/v1/users", api_users_create, JSON, ADMINS, SCOPE_RECORD},
    {"GET", "/api/v1/users/{id}", api_users_get, 0, 0, SCOPE_RECORD},
    {"PATCH", "/api/v1/users/{id}", api_users_update, JSON, ADMINS, SCOPE_RECORD},
    {"POST", "/api/v1/users/{id}/grants", api_grants_create, JSON, ADMINS, SCOPE_RECORD},
    {"DELETE", "/api/v1/users/{id}/grants/{grant_id}", api_grants_delete, 0, ADMINS, SCOPE_RECORD},

    {"GET", "/api/v1/tokens", api_tokens_list, 0, ADMINS, SCOPE_QUERY_REGION},
    {"POST", "/api/v1/tokens", api_tokens_create, JSON, ADMINS, SCOPE_RECORD},
    {"DELETE", "/api/v1/tokens/{id}", api_tokens_revoke, 0, ADMINS, SCOPE_RECORD},

    {"GET", "/api/v1/audit", api_audit_list, 0, ADMINS, SCOPE_QUERY_REGION},

    {"GET", "/api/v1/regions/{code}/calendar", api_calendar_get, PUB, 0, SCOPE_NONE},
    {"PUT", "/api/v1/regions/{code}/calendar", api_calendar_put, JSON, ADMINS, SCOPE_PATH_REGION},

    {"GET", "/api/v1/services", api_services_list, PUB, 0, SCOPE_NONE},
    {"GET", "/api/v1/services/{id}", api_services_get, PUB, 0, SCOPE_NONE},
    {"GET", "/api/v1/regions/{code}/services", api_services_admin_list, 0, ADMINS | ROLE_AGENCY_ADMIN, SCOPE_PATH_REGION},
    {"POST", "/api/v1/regions/{code}/services", api_services_create, JSON, ADMINS | ROLE_AGENCY_ADMIN, SCOPE_PATH_REGION},
    {"PATCH", "/api/v1/services/{id}", api_services_update, JSON, ADMINS | ROLE_AGENCY_ADMIN, SCOPE_RECORD},
    {"POST", "/api/v1/services/{id}/publish", api_services_publish, JSON, ADMINS | ROLE_AGENCY_ADMIN, SCOPE_RECORD},
    {"POST", "/api/v1/services/{id}/retire", api_services_retire, JSON, ADMINS | ROLE_AGENCY_ADMIN, SCOPE_RECORD},

    {"POST", "/api/v1/applications", api_applications_create, JSON, ROLE_CITIZEN | ROLE_FRONT_OFFICE, SCOPE_RECORD},
    {"GET", "/api/v1/applications", api_applications_mine, 0, 0, SCOPE_NONE},
    {"GET", "/api/v1/applications/{id}", api_applications_get, 0, 0, SCOPE_RECORD},
    {"POST", "/api/v1/applications/{id}/actions", api_applications_act, JSON, 0, SCOPE_RECORD},
    {"PUT", "/api/v1/applications/{id}/documents/{requirement}", api_applications_upload, ROUTE_UPLOAD,
     ROLE_CITIZEN | ROLE_FRONT_OFFICE | ROLE_PLATFORM_ADMIN, SCOPE_RECORD},
    {"GET", "/api/v1/inbox", api_inbox, 0, OFFICERS, SCOPE_QUERY_REGION},
    {"GET", "/api/v1/track/{tracking_no}", api_track, PUB, 0, SCOPE_NONE},
    {"GET", "/api/v1/applications/{id}/document.pdf", api_document_pdf, 0, 0, SCOPE_RECORD},
    {"GET", "/api/v1/documents/{code}/verify", api_document_verify, PUB, 0, SCOPE_NONE},
    {"GET", "/api/v1/notifications", api_notifications_list, 0, ADMINS, SCOPE_QUERY_REGION},

    {"GET", "/static/{hash}/{path...}", api_web_static, PUB, 0, SCOPE_NONE},
    {"GET", "/vendor/{hash}/{file}", api_web_vendor, PUB, 0, SCOPE_NONE},
};

int api_register_routes(router_t *r)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const route_def_t *d = &routes[i];
        if (router_add_guarded(r, d->method, d->pattern, d->fn, d->flags, d->roles, d->scope) < 0)
            return -1;
    }
    return 0;
}
