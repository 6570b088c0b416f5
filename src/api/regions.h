/* regions.h - the reference region endpoints (Kemendagri codes). */
#ifndef SATUPINTU_API_REGIONS_H
#define SATUPINTU_API_REGIONS_H

#include "api/app.h"

/* GET /api/v1/regions[?q=&level=&limit=&cursor=]: provinces, or a paginated name search. */
void api_regions_list(http_req_t *req, void *app);
/* GET /api/v1/regions/{code}: one area with its parent and children. */
void api_regions_get(http_req_t *req, void *app);
/* POST /api/v1/regions/resolve {"codes":[...]}: many codes at once. */
void api_regions_resolve(http_req_t *req, void *app);

/* Validates a resolve body; returns the codes array (borrowed from body) or
 * NULL with *fields set to the field errors (caller owns *fields). */
json_t *regions_resolve_input(json_t *body, const http_req_t *req, json_t **fields);

#endif
