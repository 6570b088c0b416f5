/* calendar.h - working time for SLA clocks (DOMAIN.md "Working time for SLA
 * clocks", issue 4 "The SLA clock"). A region calendar is a fixed UTC offset
 * (Indonesia has no DST: WIB +07:00, WITA +08:00, WIT +09:00, but nothing here
 * assumes one), office hours per weekday, holidays and cuti bersama, and
 * date-ranged exceptions that replace the hours of their dates. Instants are UTC
 * epoch milliseconds; hours and dates are local to the region.
 *
 * What a date's hours are: a holiday closes the office whatever else is set;
 * otherwise the narrowest exception covering the date (the later one in the list
 * on a tie) gives that weekday's hours; otherwise the weekly hours.
 *
 * Pure: no I/O, no allocation; a calendar borrows the caller's holiday and
 * exception arrays. Every walk is bounded by CAL_MAX_DAYS days. */
#ifndef SATUPINTU_DOMAIN_CALENDAR_H
#define SATUPINTU_DOMAIN_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CAL_MAX_INTERVALS 4     /* office intervals per day */
#define CAL_MAX_DAYS 3660       /* the longest walk: about ten years */
#define CAL_RFC3339_SIZE 26     /* "2026-11-27T10:30:00+07:00" and its NUL */

typedef enum {
    CAL_OK = 0,
    CAL_NULL_ARG,               /* a required pointer is NULL (or a list with a count) */
    CAL_BAD_OFFSET,             /* UTC offset outside -12:00 .. +14:00 */
    CAL_TOO_MANY_INTERVALS,     /* a day has more than CAL_MAX_INTERVALS (or < 0) */
    CAL_INTERVAL_OUTSIDE_DAY,   /* a start below 00:00 or an end after 24:00 */
    CAL_END_BEFORE_START,       /* an interval ends before (or when) it starts */
    CAL_INTERVALS_UNSORTED,     /* a day's intervals are not in time order */
    CAL_INTERVALS_OVERLAP,      /* an interval starts before the previous one ends */
    CAL_NO_WEEKLY_HOURS,        /* no weekday has any office hours */
    CAL_BAD_DATE,               /* not a real date in the years 1900-9999 */
    CAL_DATE_RANGE_REVERSED,    /* a holiday or exception ends before it starts */
    CAL_BAD_TIME,               /* an instant outside the years 1900-9999 */
    CAL_BAD_BUDGET,             /* a budget below 0 or above CAL_MAX_DAYS * 1440 minutes */
    CAL_BAD_RUNS,               /* SLA runs out of order, overlapping, or open before the last */
    CAL_SPAN_TOO_LONG,          /* the answer lies more than CAL_MAX_DAYS days away */
    CAL_NO_WORKING_TIME,        /* not one working minute in the next CAL_MAX_DAYS days */
} calendar_status_t;

typedef enum { CAL_MON, CAL_TUE, CAL_WED, CAL_THU, CAL_FRI, CAL_SAT, CAL_SUN } cal_weekday_t;

/* Office hours [start, end) in local minutes of the day: 07:30-12:00 is {450, 720}. */
typedef struct {
    int start, end;
} cal_interval_t;

/* One day's office hours: count intervals in time order; count 0 = closed. */
typedef struct {
    int count;
    cal_interval_t iv[CAL_MAX_INTERVALS];
} cal_day_hours_t;

/* A local calendar date. */
typedef struct {
    int year, month, day;
} cal_date_t;

/* A holiday or cuti bersama: the local dates first..last, both included. */
typedef struct {
    cal_date_t first, last;
    const char *name;           /* optional label, borrowed; not read here */
} cal_holiday_t;

/* Hours that replace the weekly ones on the local dates first..last (included):
 * Ramadan hours, a Saturday opening of an MPP. A closed weekday has count 0. */
typedef struct {
    cal_date_t first, last;
    cal_day_hours_t hours[7];   /* indexed by cal_weekday_t */
    const char *name;           /* optional label, borrowed; not read here */
} cal_exception_t;

/* A region's working-time calendar. The arrays are borrowed, not freed here. */
typedef struct {
    int offset_minutes;                 /* UTC offset: WIB 420, WITA 480, WIT 540 */
    cal_day_hours_t week[7];            /* indexed by cal_weekday_t */
    const cal_holiday_t *holidays;
    size_t n_holidays;
    const cal_exception_t *exceptions;
    size_t n_exceptions;
} calendar_t;

/* Which part of a calendar calendar_validate found wrong. */
typedef enum { CAL_AT_NONE, CAL_AT_OFFSET, CAL_AT_WEEK, CAL_AT_HOLIDAY, CAL_AT_EXCEPTION } cal_part_t;

/* Where the fault is: index is the holiday or exception; weekday and interval
 * (-1 when not about hours) locate it in the week or in the exception's hours. */
typedef struct {
    cal_part_t part;
    size_t index;
    int weekday;
    int interval;
} cal_where_t;

/* An SLA run: the clock ran over [start_ms, end_ms); end_ms 0 = still running. */
typedef struct {
    int64_t start_ms, end_ms;
} sla_run_t;

/* An application's SLA clock at one instant. Plain values, nothing to free. */
typedef struct {
    int64_t budget_minutes;
    int64_t used_minutes;       /* working minutes run, whole minutes (rounded down) */
    int64_t remaining_minutes;  /* budget - used, never below 0 */
    int64_t due_ms;             /* running: when the budget runs (or ran) out; paused: 0 */
    bool breached;              /* used >= budget */
    bool paused;                /* no run is open (returned to the applicant, or stopped) */
} sla_state_t;

/* Fills week with the Perpres 21/2023 hours: Mon-Thu 07:30-12:00 and 13:00-16:00,
 * Fri 07:30-11:30 and 13:00-16:30, Sat-Sun closed (37.5 h a week). */
void calendar_week_perpres21(cal_day_hours_t week[7]);

/* Fills week with the usual Ramadan hours: Mon-Thu 08:00-12:00 and 12:30-15:00,
 * Fri 08:00-11:30 and 12:30-15:30, Sat-Sun closed (32.5 h a week). */
void calendar_week_ramadan(cal_day_hours_t week[7]);

/* Checks cal; on a fault returns its status and, when where is not NULL, says where. */
calendar_status_t calendar_validate(const calendar_t *cal, cal_where_t *where);

/* Parses a local date "YYYY-MM-DD" into out; CAL_BAD_DATE unless it is a real date. */
calendar_status_t calendar_date_parse(const char *s, cal_date_t *out);

/* Stores in *minutes the working minutes in [from_ms, to_ms), rounded down
 * (0 when to_ms <= from_ms). The span may be at most CAL_MAX_DAYS days. */
calendar_status_t calendar_working_minutes_between(const calendar_t *cal, int64_t from_ms,
                                                   int64_t to_ms, int64_t *minutes);

/* Stores in *due_ms the instant a budget of minutes working minutes counted from
 * from_ms runs out. Running out at the end of an interval gives that end, not the
 * next opening; a budget of 0 gives from_ms. */
calendar_status_t calendar_add_working_minutes(const calendar_t *cal, int64_t from_ms,
                                               int64_t minutes, int64_t *due_ms);

/* Whether the office is open at t (false too for an invalid calendar or instant). */
bool calendar_is_working(const calendar_t *cal, int64_t t);

/* Computes the SLA clock at now_ms from the n runs (in time order, only the last
 * may be open; runs are clipped at now_ms) and a budget of working minutes. */
calendar_status_t sla_compute(const calendar_t *cal, int64_t budget_minutes, const sla_run_t *runs,
                              size_t n, int64_t now_ms, sla_state_t *out);

/* Writes due_ms as RFC 3339 at the offset, to the second ("2026-11-27T10:30:00+07:00"). */
calendar_status_t calendar_format_due(int64_t due_ms, int offset_minutes,
                                      char out[CAL_RFC3339_SIZE]);

/* A short English reason for a status ("an interval ends before it starts"). */
const char *calendar_reason_en(calendar_status_t s);

/* The same in Bahasa Indonesia. */
const char *calendar_reason_id(calendar_status_t s);

#endif
