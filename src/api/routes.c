/* routes.c - the one route table: every path the server answers. */
#include "api/app.h"
#include "api/regions.h"
#include "api/system.h"

typedef struct {
    const char *method;
    const char *pattern;
    http_handler_fn fn;
    unsigned flags;
} route_def_t;

static const route_def_t routes[] = {
    {"GET", "/healthz", api_healthz, ROUTE_PUBLIC},
    {"GET", "/readyz", api_readyz, ROUTE_PUBLIC},
    {"GET", "/metrics", api_metrics, ROUTE_PUBLIC},
    {"GET", "/api/v1/openapi.json", api_openapi, ROUTE_PUBLIC},
    {"GET", "/api/v1/regions", api_regions_list, ROUTE_PUBLIC},
    {"GET", "/api/v1/regions/{code}", api_regions_get, ROUTE_PUBLIC},
    {"POST", "/api/v1/regions/resolve", api_regions_resolve, ROUTE_PUBLIC | ROUTE_JSON_BODY},
};

int api_register_routes(router_t *r)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (router_add(r, routes[i].method, routes[i].pattern, routes[i].fn, routes[i].flags) < 0)
            return -1;
    return 0;
}
