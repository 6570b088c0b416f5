/* agencies.h - agencies (instansi) of a region. */
#ifndef SATUPINTU_API_AGENCIES_H
#define SATUPINTU_API_AGENCIES_H

#include "api/app.h"

/* GET /api/v1/regions/{code}/agencies[?active=true|false] (public) */
void api_agencies_list(http_req_t *req, void *app);
/* POST /api/v1/regions/{code}/agencies {kind, name, short_name?} */
void api_agencies_create(http_req_t *req, void *app);
/* GET /api/v1/agencies/{id} (public) */
void api_agencies_get(http_req_t *req, void *app);
/* PATCH /api/v1/agencies/{id} {kind?, name?, short_name?, active?, version} */
void api_agencies_update(http_req_t *req, void *app);

#endif
