/* service_json.h - validation and canonical JSON of a service's structured
 * parts: the 14 components of Standar Pelayanan, requirements, form fields,
 * channels and the workflow. Field errors carry paths ("form[2].options"). */
#ifndef SATUPINTU_API_SERVICE_JSON_H
#define SATUPINTU_API_SERVICE_JSON_H

#include "api/app.h"
#include "domain/workflow.h"

/* The 14 component keys in the regulation's order (NULL-terminated). */
extern const char *const service_standard_keys[];

/* Each returns a new reference to the canonical form of v (the caller
 * decrefs), or NULL after adding field errors under path. */
json_t *service_standard(http_req_t *req, json_t *v, json_t **fields);
json_t *service_requirements(http_req_t *req, json_t *v, json_t **fields);
json_t *service_form(http_req_t *req, json_t *v, json_t **fields);

/* Channels as ",online,counter," (arena) or NULL after a field error. */
const char *service_channels(http_req_t *req, json_t *v, json_t **fields);

/* A workflow from JSON into wf (validated); false after field errors under "workflow". */
bool service_workflow_from_json(http_req_t *req, json_t *v, workflow_t *wf, json_t **fields);

/* The JSON of a workflow (new reference). */
json_t *service_workflow_json(const workflow_t *wf);

/* Channels JSON array from ",online,counter,". */
json_t *service_channels_json(const char *stored);

#endif
