/* users.h - staff administration: /api/v1/users and grants. */
#ifndef SATUPINTU_API_USERS_H
#define SATUPINTU_API_USERS_H

#include "api/app.h"

/* GET /api/v1/users?region=&q=&role= */
void api_users_list(http_req_t *req, void *app);
/* POST /api/v1/users {username, name, password, email?, phone?, grants} */
void api_users_create(http_req_t *req, void *app);
/* GET /api/v1/users/{id} */
void api_users_get(http_req_t *req, void *app);
/* PATCH /api/v1/users/{id} {name?, disabled?, version} */
void api_users_update(http_req_t *req, void *app);
/* POST /api/v1/users/{id}/grants {role, region_code, agency_id?} */
void api_grants_create(http_req_t *req, void *app);
/* DELETE /api/v1/users/{id}/grants/{grant_id} */
void api_grants_delete(http_req_t *req, void *app);

#endif
