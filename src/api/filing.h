/* filing.h - filing an application (POST /api/v1/applications): the answers
 * are checked against the service's form in the request's thread, and the
 * rows (application, event, notifications, audit entry, idempotency record)
 * are written by the group-commit writer (store/writer.h), so the answer 201
 * is sent only once they are on disk. */
#ifndef SATUPINTU_API_FILING_H
#define SATUPINTU_API_FILING_H

#include "api/app.h"

/* POST /api/v1/applications (Idempotency-Key honoured) */
void api_applications_create(http_req_t *req, void *app);

/* The keyed index of a tracking number and its PIN (arena), what is stored
 * instead of the PIN. */
const char *api_pin_hash(http_req_t *req, app_t *app, const char *tracking_no, const char *pin);

#endif
