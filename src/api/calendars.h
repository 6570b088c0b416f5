/* calendars.h - GET|PUT /api/v1/regions/{code}/calendar: the region's working
 * calendar (office hours, holidays, cuti bersama, exceptions) for SLA clocks.
 * The PUT body is also the JSON import format. */
#ifndef SATUPINTU_API_CALENDARS_H
#define SATUPINTU_API_CALENDARS_H

#include "api/app.h"
#include "domain/calendar.h"

/* GET /api/v1/regions/{code}/calendar (public): the stored calendar, or the
 * default (Perpres 21/2023 hours in the region's zone, no holidays) at version 0. */
void api_calendar_get(http_req_t *req, void *app);

/* PUT /api/v1/regions/{code}/calendar {time_zone, week, holidays, exceptions, version} */
void api_calendar_put(http_req_t *req, void *app);

/* Storage for a parsed calendar: the lists live in the arena of the request. */
typedef struct {
    calendar_t cal;
    cal_holiday_t *holidays;
    cal_exception_t *exceptions;
} calendar_doc_t;

/* Parses a calendar document (strict: unknown fields are errors) into out;
 * false with *fields naming every wrong field ("week.mon[1]", "holidays[2].first"). */
bool calendar_from_json(http_req_t *req, json_t *doc, calendar_doc_t *out, json_t **fields);

/* Loads region_code's calendar into out (the stored one, else the default);
 * false after answering (database down, or a stored calendar unreadable). */
bool api_region_calendar(http_req_t *req, db_conn_t *c, const char *region_code, calendar_doc_t *out);

/* The JSON of a calendar (the import format), without version fields. */
json_t *calendar_to_json(const calendar_t *cal);

#endif
