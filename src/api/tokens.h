/* tokens.h - bearer API tokens for integrations, and the audit trail view. */
#ifndef SATUPINTU_API_TOKENS_H
#define SATUPINTU_API_TOKENS_H

#include "api/app.h"

/* GET /api/v1/tokens?region= */
void api_tokens_list(http_req_t *req, void *app);
/* POST /api/v1/tokens {name, roles, region_code}: the secret is in this answer only. */
void api_tokens_create(http_req_t *req, void *app);
/* DELETE /api/v1/tokens/{id} */
void api_tokens_revoke(http_req_t *req, void *app);
/* GET /api/v1/audit?region=&limit=&cursor= */
void api_audit_list(http_req_t *req, void *app);

#endif
