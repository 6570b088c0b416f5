/* system.h - operational endpoints: /healthz, /readyz, /metrics, /api/v1/openapi.json. */
#ifndef SATUPINTU_API_SYSTEM_H
#define SATUPINTU_API_SYSTEM_H

#include "api/app.h"

/* GET /healthz: the process answers. */
void api_healthz(http_req_t *req, void *app);
/* GET /readyz: the database answers and is migrated to this build's version, else 503. */
void api_readyz(http_req_t *req, void *app);
/* GET /metrics: Prometheus text. */
void api_metrics(http_req_t *req, void *app);
/* GET /api/v1/openapi.json: the embedded OpenAPI 3.1 document. */
void api_openapi(http_req_t *req, void *app);

#endif
