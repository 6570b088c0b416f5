/* services.h - the service catalogue: what each agency of a region offers,
 * with its Standar Pelayanan, requirements, form, fee, channels, SLA budget,
 * breach policy and workflow. */
#ifndef SATUPINTU_API_SERVICES_H
#define SATUPINTU_API_SERVICES_H

#include "api/app.h"

/* GET /api/v1/services?region=&agency=&q=&channel= (public, published only) */
void api_services_list(http_req_t *req, void *app);
/* GET /api/v1/regions/{code}/services?status= (admins: every status) */
void api_services_admin_list(http_req_t *req, void *app);
/* GET /api/v1/services/{id} (public when published) */
void api_services_get(http_req_t *req, void *app);
/* POST /api/v1/regions/{code}/services */
void api_services_create(http_req_t *req, void *app);
/* PATCH /api/v1/services/{id} */
void api_services_update(http_req_t *req, void *app);
/* POST /api/v1/services/{id}/publish and /retire {version} */
void api_services_publish(http_req_t *req, void *app);
void api_services_retire(http_req_t *req, void *app);

#endif
