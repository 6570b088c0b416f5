/* applications.h - applications: filing (online or at the counter), the
 * officers' inbox and actions through the workflow, the SLA clock in the
 * region's working time, document uploads, and public tracking. */
#ifndef SATUPINTU_API_APPLICATIONS_H
#define SATUPINTU_API_APPLICATIONS_H

#include "api/app.h"
#include "domain/calendar.h"

/* GET /api/v1/applications/{id} */
void api_applications_get(http_req_t *req, void *app);
/* GET /api/v1/applications?mine=true */
void api_applications_mine(http_req_t *req, void *app);
/* GET /api/v1/inbox?region=&agency= */
void api_inbox(http_req_t *req, void *app);
/* POST /api/v1/applications/{id}/actions {action, comment, version} */
void api_applications_act(http_req_t *req, void *app);
/* PUT /api/v1/applications/{id}/documents/{requirement} (raw body) */
void api_applications_upload(http_req_t *req, void *app);
/* GET /api/v1/track/{tracking_no}?pin=|nik= (public) */
void api_track(http_req_t *req, void *app);

/* The SLA object of the API (budget, used, remaining, due_at in the region's
 * offset, paused, breached); a new reference. */
json_t *api_sla_json(const sla_state_t *s, int offset_minutes);

/* One pass of the SLA breach policy over open applications: a breached
 * application with "escalate" is flagged, audited and shown in its region
 * admins' inbox; with "deemed_approval" it is approved and issued with a note
 * (PP 28/2025 fiktif positif). Returns how many it acted on, or -1. */
int api_breach_tick(app_t *app);

#endif
