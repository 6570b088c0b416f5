/* calendar.c - see calendar.h. Hours: Perpres 21/2023 (37.5 h a week from 07:30,
 * a 60-minute break, 90 on Friday); Ramadan: the MenPAN-RB circulars (32.5 h
 * from 08:00). Dates: proleptic Gregorian, days counted from 1970-01-01
 * (H. Hinnant's days_from_civil / civil_from_days). */
#include "domain/calendar.h"

#define MS_PER_MIN 60000LL
#define MIN_PER_DAY 1440
#define MS_PER_DAY 86400000LL
#define MIN_OFFSET (-12 * 60)
#define MAX_OFFSET (14 * 60)
#define MIN_YEAR 1900
#define MAX_YEAR 9999
#define MIN_MS (-2208988800000LL)   /* 1900-01-01T00:00:00Z */
#define MAX_MS (253402300799999LL)  /* 9999-12-31T23:59:59.999Z */

static const cal_day_hours_t CLOSED = {0};

/* ---- dates -------------------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static bool real_date(cal_date_t d)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (d.year < MIN_YEAR || d.year > MAX_YEAR || d.month < 1 || d.month > 12 || d.day < 1)
        return false;
    int max = days[d.month - 1] + (d.month == 2 && leap(d.year));
    return d.day <= max;
}

static int64_t days_from_civil(cal_date_t d)
{
    int64_t y = d.year - (d.month <= 2);
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (d.month > 2 ? d.month - 3 : d.month + 9) + 2) / 5 + d.day - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static cal_date_t civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (cal_date_t){
        .year = (int)(yoe + era * 400 + (month <= 2)),
        .month = month,
        .day = (int)(doy - (153 * mp + 2) / 5 + 1),
    };
}

/* An orderable key for a date: 20261127. */
static int32_t date_key(cal_date_t d)
{
    return d.year * 10000 + d.month * 100 + d.day;
}

/* Day 0 (1970-01-01) was a Thursday. */
static int weekday_of(int64_t day)
{
    return (int)(((day + CAL_THU) % 7 + 7) % 7);
}

static int64_t offset_ms(const calendar_t *cal)
{
    return cal->offset_minutes * MS_PER_MIN;
}

/* The local day (days since 1970-01-01) holding the instant t. */
static int64_t local_day(const calendar_t *cal, int64_t t)
{
    return floor_div(t + offset_ms(cal), MS_PER_DAY);
}

/* The UTC instant of the local midnight that starts day. */
static int64_t day_start(const calendar_t *cal, int64_t day)
{
    return day * MS_PER_DAY - offset_ms(cal);
}

/* ---- which hours a day has ---------------------------------------------- */

static bool covers(cal_date_t first, cal_date_t last, int32_t key)
{
    return date_key(first) <= key && key <= date_key(last);
}

static const cal_day_hours_t *hours_on(const calendar_t *cal, int64_t day)
{
    int32_t key = date_key(civil_from_days(day));
    for (size_t i = 0; i < cal->n_holidays; i++)
        if (covers(cal->holidays[i].first, cal->holidays[i].last, key))
            return &CLOSED;
    int wd = weekday_of(day);
    const cal_exception_t *best = NULL;
    int64_t best_len = 0;
    for (size_t i = 0; i < cal->n_exceptions; i++) {
        const cal_exception_t *e = &cal->exceptions[i];
        if (!covers(e->first, e->last, key))
            continue;
        int64_t len = days_from_civil(e->last) - days_from_civil(e->first);
        if (!best || len <= best_len) {
            best = e;
            best_len = len;
        }
    }
    return best ? &best->hours[wd] : &cal->week[wd];
}

/* ---- presets ------------------------------------------------------------ */

static cal_day_hours_t two(int s1, int e1, int s2, int e2)
{
    return (cal_day_hours_t){.count = 2, .iv = {{s1, e1}, {s2, e2}}};
}

void calendar_week_perpres21(cal_day_hours_t week[7])
{
    for (int d = CAL_MON; d <= CAL_THU; d++)
        week[d] = two(7 * 60 + 30, 12 * 60, 13 * 60, 16 * 60);
    week[CAL_FRI] = two(7 * 60 + 30, 11 * 60 + 30, 13 * 60, 16 * 60 + 30);
    week[CAL_SAT] = CLOSED;
    week[CAL_SUN] = CLOSED;
}

void calendar_week_ramadan(cal_day_hours_t week[7])
{
    for (int d = CAL_MON; d <= CAL_THU; d++)
        week[d] = two(8 * 60, 12 * 60, 12 * 60 + 30, 15 * 60);
    week[CAL_FRI] = two(8 * 60, 11 * 60 + 30, 12 * 60 + 30, 15 * 60 + 30);
    week[CAL_SAT] = CLOSED;
    week[CAL_SUN] = CLOSED;
}

/* ---- validation --------------------------------------------------------- */

static void mark(cal_where_t *where, cal_part_t part, size_t index, int weekday, int interval)
{
    if (where)
        *where = (cal_where_t){.part = part, .index = index, .weekday = weekday, .interval = interval};
}

/* Checks one day's hours; on a fault stores the interval's index in *bad. */
static calendar_status_t check_day(const cal_day_hours_t *h, int *bad)
{
    *bad = -1;
    if (h->count < 0 || h->count > CAL_MAX_INTERVALS)
        return CAL_TOO_MANY_INTERVALS;
    for (int i = 0; i < h->count; i++) {
        *bad = i;
        cal_interval_t iv = h->iv[i];
        if (iv.start < 0 || iv.end > MIN_PER_DAY)
            return CAL_INTERVAL_OUTSIDE_DAY;
        if (iv.end <= iv.start)
            return CAL_END_BEFORE_START;
        if (i > 0 && iv.start < h->iv[i - 1].start)
            return CAL_INTERVALS_UNSORTED;
        if (i > 0 && iv.start < h->iv[i - 1].end)
            return CAL_INTERVALS_OVERLAP;
    }
    *bad = -1;
    return CAL_OK;
}

static calendar_status_t check_range(cal_date_t first, cal_date_t last)
{
    if (!real_date(first) || !real_date(last))
        return CAL_BAD_DATE;
    if (date_key(last) < date_key(first))
        return CAL_DATE_RANGE_REVERSED;
    return CAL_OK;
}

calendar_status_t calendar_validate(const calendar_t *cal, cal_where_t *where)
{
    mark(where, CAL_AT_NONE, 0, -1, -1);
    if (!cal)
        return CAL_NULL_ARG;
    if (cal->offset_minutes < MIN_OFFSET || cal->offset_minutes > MAX_OFFSET) {
        mark(where, CAL_AT_OFFSET, 0, -1, -1);
        return CAL_BAD_OFFSET;
    }
    int bad, open_days = 0;
    for (int d = CAL_MON; d <= CAL_SUN; d++) {
        calendar_status_t s = check_day(&cal->week[d], &bad);
        if (s != CAL_OK) {
            mark(where, CAL_AT_WEEK, 0, d, bad);
            return s;
        }
        open_days += cal->week[d].count > 0;
    }
    if (open_days == 0) {
        mark(where, CAL_AT_WEEK, 0, -1, -1);
        return CAL_NO_WEEKLY_HOURS;
    }
    if (cal->n_holidays > 0 && !cal->holidays) {
        mark(where, CAL_AT_HOLIDAY, 0, -1, -1);
        return CAL_NULL_ARG;
    }
    for (size_t i = 0; i < cal->n_holidays; i++) {
        calendar_status_t s = check_range(cal->holidays[i].first, cal->holidays[i].last);
        if (s != CAL_OK) {
            mark(where, CAL_AT_HOLIDAY, i, -1, -1);
            return s;
        }
    }
    if (cal->n_exceptions > 0 && !cal->exceptions) {
        mark(where, CAL_AT_EXCEPTION, 0, -1, -1);
        return CAL_NULL_ARG;
    }
    for (size_t i = 0; i < cal->n_exceptions; i++) {
        const cal_exception_t *e = &cal->exceptions[i];
        calendar_status_t s = check_range(e->first, e->last);
        if (s != CAL_OK) {
            mark(where, CAL_AT_EXCEPTION, i, -1, -1);
            return s;
        }
        for (int d = CAL_MON; d <= CAL_SUN; d++) {
            s = check_day(&e->hours[d], &bad);
            if (s != CAL_OK) {
                mark(where, CAL_AT_EXCEPTION, i, d, bad);
                return s;
            }
        }
    }
    return CAL_OK;
}

calendar_status_t calendar_date_parse(const char *s, cal_date_t *out)
{
    if (!s || !out)
        return CAL_NULL_ARG;
    int v[8];
    for (int i = 0, j = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return CAL_BAD_DATE;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            return CAL_BAD_DATE;
        v[j++] = s[i] - '0';
    }
    if (s[10] != '\0')
        return CAL_BAD_DATE;
    cal_date_t d = {
        .year = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3],
        .month = v[4] * 10 + v[5],
        .day = v[6] * 10 + v[7],
    };
    if (!real_date(d))
        return CAL_BAD_DATE;
    *out = d;
    return CAL_OK;
}

/* ---- the walks ---------------------------------------------------------- */

static bool in_time_range(int64_t t)
{
    return t >= MIN_MS && t <= MAX_MS;
}

/* Working milliseconds in [from, to); the caller keeps to - from within CAL_MAX_DAYS days. */
static int64_t working_ms(const calendar_t *cal, int64_t from, int64_t to)
{
    int64_t total = 0;
    int64_t day = local_day(cal, from);
    for (int n = 0; n <= CAL_MAX_DAYS + 1; n++, day++) {
        int64_t base = day_start(cal, day);
        if (base >= to)
            break;
        const cal_day_hours_t *h = hours_on(cal, day);
        for (int i = 0; i < h->count; i++) {
            int64_t s = base + h->iv[i].start * MS_PER_MIN;
            int64_t e = base + h->iv[i].end * MS_PER_MIN;
            if (s < from)
                s = from;
            if (e > to)
                e = to;
            if (e > s)
                total += e - s;
        }
    }
    return total;
}

/* The instant a budget of working milliseconds counted from from runs out. */
static calendar_status_t add_working_ms(const calendar_t *cal, int64_t from, int64_t budget,
                                        int64_t *due)
{
    if (budget == 0) {
        *due = from;
        return CAL_OK;
    }
    bool found_any = false;
    int64_t day = local_day(cal, from);
    for (int n = 0; n < CAL_MAX_DAYS; n++, day++) {
        int64_t base = day_start(cal, day);
        const cal_day_hours_t *h = hours_on(cal, day);
        for (int i = 0; i < h->count; i++) {
            int64_t s = base + h->iv[i].start * MS_PER_MIN;
            int64_t e = base + h->iv[i].end * MS_PER_MIN;
            if (e <= from)
                continue;
            if (s < from)
                s = from;
            found_any = true;
            if (budget <= e - s) {
                *due = s + budget;
                return CAL_OK;
            }
            budget -= e - s;
        }
    }
    return found_any ? CAL_SPAN_TOO_LONG : CAL_NO_WORKING_TIME;
}

static calendar_status_t check_budget(int64_t minutes)
{
    if (minutes < 0 || minutes > (int64_t)CAL_MAX_DAYS * MIN_PER_DAY)
        return CAL_BAD_BUDGET;
    return CAL_OK;
}

calendar_status_t calendar_working_minutes_between(const calendar_t *cal, int64_t from_ms,
                                                   int64_t to_ms, int64_t *minutes)
{
    if (!minutes)
        return CAL_NULL_ARG;
    calendar_status_t s = calendar_validate(cal, NULL);
    if (s != CAL_OK)
        return s;
    if (!in_time_range(from_ms) || !in_time_range(to_ms))
        return CAL_BAD_TIME;
    if (to_ms - from_ms > CAL_MAX_DAYS * MS_PER_DAY)
        return CAL_SPAN_TOO_LONG;
    *minutes = to_ms > from_ms ? working_ms(cal, from_ms, to_ms) / MS_PER_MIN : 0;
    return CAL_OK;
}

calendar_status_t calendar_add_working_minutes(const calendar_t *cal, int64_t from_ms,
                                               int64_t minutes, int64_t *due_ms)
{
    if (!due_ms)
        return CAL_NULL_ARG;
    calendar_status_t s = calendar_validate(cal, NULL);
    if (s != CAL_OK)
        return s;
    if (!in_time_range(from_ms))
        return CAL_BAD_TIME;
    s = check_budget(minutes);
    if (s != CAL_OK)
        return s;
    return add_working_ms(cal, from_ms, minutes * MS_PER_MIN, due_ms);
}

bool calendar_is_working(const calendar_t *cal, int64_t t)
{
    if (calendar_validate(cal, NULL) != CAL_OK || !in_time_range(t))
        return false;
    int64_t day = local_day(cal, t);
    int64_t minute_ms = t - day_start(cal, day);
    const cal_day_hours_t *h = hours_on(cal, day);
    for (int i = 0; i < h->count; i++)
        if (minute_ms >= h->iv[i].start * MS_PER_MIN && minute_ms < h->iv[i].end * MS_PER_MIN)
            return true;
    return false;
}

/* ---- the SLA clock ------------------------------------------------------ */

/* Runs must be in range, in time order, not overlapping; only the last may be open. */
static calendar_status_t check_runs(const sla_run_t *runs, size_t n)
{
    if (n > 0 && !runs)
        return CAL_NULL_ARG;
    for (size_t i = 0; i < n; i++) {
        sla_run_t r = runs[i];
        if (!in_time_range(r.start_ms) || (r.end_ms != 0 && !in_time_range(r.end_ms)))
            return CAL_BAD_TIME;
        if (r.end_ms == 0 && i + 1 < n)
            return CAL_BAD_RUNS;
        if (r.end_ms != 0 && r.end_ms < r.start_ms)
            return CAL_BAD_RUNS;
        if (i > 0 && r.start_ms < runs[i - 1].end_ms)
            return CAL_BAD_RUNS;
    }
    return CAL_OK;
}

calendar_status_t sla_compute(const calendar_t *cal, int64_t budget_minutes, const sla_run_t *runs,
                              size_t n, int64_t now_ms, sla_state_t *out)
{
    if (!out)
        return CAL_NULL_ARG;
    calendar_status_t s = calendar_validate(cal, NULL);
    if (s == CAL_OK)
        s = check_budget(budget_minutes);
    if (s == CAL_OK)
        s = in_time_range(now_ms) ? check_runs(runs, n) : CAL_BAD_TIME;
    if (s != CAL_OK)
        return s;

    int64_t budget = budget_minutes * MS_PER_MIN, used = 0, ran_out = 0;
    bool ran_out_known = false;
    for (size_t i = 0; i < n; i++) {
        int64_t start = runs[i].start_ms;
        int64_t end = runs[i].end_ms == 0 || runs[i].end_ms > now_ms ? now_ms : runs[i].end_ms;
        if (end - start > CAL_MAX_DAYS * MS_PER_DAY)
            return CAL_SPAN_TOO_LONG;
        int64_t w = end > start ? working_ms(cal, start, end) : 0;
        if (!ran_out_known && used + w >= budget) {
            /* The budget runs out inside this run: find the instant. */
            s = add_working_ms(cal, start, budget - used, &ran_out);
            if (s != CAL_OK)
                return s;
            ran_out_known = true;
        }
        used += w;
    }

    int64_t used_min = used / MS_PER_MIN;
    *out = (sla_state_t){
        .budget_minutes = budget_minutes,
        .used_minutes = used_min,
        .remaining_minutes = used_min < budget_minutes ? budget_minutes - used_min : 0,
        .breached = used >= budget,
        .paused = n == 0 || runs[n - 1].end_ms != 0,
    };
    if (out->paused)
        return CAL_OK;
    if (ran_out_known) {
        out->due_ms = ran_out;
        return CAL_OK;
    }
    int64_t resume = runs[n - 1].start_ms > now_ms ? runs[n - 1].start_ms : now_ms;
    return add_working_ms(cal, resume, budget - used, &out->due_ms);
}

/* ---- formatting --------------------------------------------------------- */

static char *digits(char *p, int64_t v, int width)
{
    for (int i = width - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + width;
}

calendar_status_t calendar_format_due(int64_t due_ms, int offset_minutes,
                                      char out[CAL_RFC3339_SIZE])
{
    if (!out)
        return CAL_NULL_ARG;
    if (offset_minutes < MIN_OFFSET || offset_minutes > MAX_OFFSET)
        return CAL_BAD_OFFSET;
    if (!in_time_range(due_ms))
        return CAL_BAD_TIME;
    int64_t local = due_ms + offset_minutes * MS_PER_MIN;
    int64_t day = floor_div(local, MS_PER_DAY);
    int64_t secs = (local - day * MS_PER_DAY) / 1000;
    cal_date_t d = civil_from_days(day);
    if (d.year < MIN_YEAR || d.year > MAX_YEAR)
        return CAL_BAD_TIME;
    int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
    char *p = out;
    p = digits(p, d.year, 4);
    *p++ = '-';
    p = digits(p, d.month, 2);
    *p++ = '-';
    p = digits(p, d.day, 2);
    *p++ = 'T';
    p = digits(p, secs / 3600, 2);
    *p++ = ':';
    p = digits(p, secs / 60 % 60, 2);
    *p++ = ':';
    p = digits(p, secs % 60, 2);
    *p++ = offset_minutes < 0 ? '-' : '+';
    p = digits(p, off / 60, 2);
    *p++ = ':';
    p = digits(p, off % 60, 2);
    *p = '\0';
    return CAL_OK;
}

/* ---- reasons ------------------------------------------------------------ */

const char *calendar_reason_en(calendar_status_t s)
{
    switch (s) {
    case CAL_OK: return "valid";
    case CAL_NULL_ARG: return "A required value is missing.";
    case CAL_BAD_OFFSET: return "The UTC offset must lie between -12:00 and +14:00.";
    case CAL_TOO_MANY_INTERVALS: return "A day has at most 4 office-hour intervals.";
    case CAL_INTERVAL_OUTSIDE_DAY: return "Office hours must lie between 00:00 and 24:00.";
    case CAL_END_BEFORE_START: return "An office-hour interval ends before it starts.";
    case CAL_INTERVALS_UNSORTED: return "A day's office-hour intervals must be in time order.";
    case CAL_INTERVALS_OVERLAP: return "Two office-hour intervals of a day overlap.";
    case CAL_NO_WEEKLY_HOURS: return "At least one weekday needs office hours.";
    case CAL_BAD_DATE: return "A date must be a real date (YYYY-MM-DD, years 1900-9999).";
    case CAL_DATE_RANGE_REVERSED: return "A date range ends before it starts.";
    case CAL_BAD_TIME: return "The time lies outside the years 1900-9999.";
    case CAL_BAD_BUDGET: return "The budget must be 0 or more working minutes, at most ten years.";
    case CAL_BAD_RUNS: return "The clock's runs must be in time order, without overlap, only the last one open.";
    case CAL_SPAN_TOO_LONG: return "The answer lies more than ten years away.";
    case CAL_NO_WORKING_TIME: return "The calendar has no working time in the next ten years.";
    }
    return "invalid";
}

const char *calendar_reason_id(calendar_status_t s)
{
    switch (s) {
    case CAL_OK: return "sah";
    case CAL_NULL_ARG: return "Ada nilai wajib yang tidak diisi.";
    case CAL_BAD_OFFSET: return "Selisih waktu terhadap UTC harus antara -12:00 dan +14:00.";
    case CAL_TOO_MANY_INTERVALS: return "Satu hari paling banyak memiliki 4 rentang jam kerja.";
    case CAL_INTERVAL_OUTSIDE_DAY: return "Jam kerja harus berada antara 00:00 dan 24:00.";
    case CAL_END_BEFORE_START: return "Rentang jam kerja berakhir sebelum dimulai.";
    case CAL_INTERVALS_UNSORTED: return "Rentang jam kerja dalam sehari harus urut waktu.";
    case CAL_INTERVALS_OVERLAP: return "Dua rentang jam kerja dalam sehari saling tumpang tindih.";
    case CAL_NO_WEEKLY_HOURS: return "Paling tidak satu hari dalam seminggu harus memiliki jam kerja.";
    case CAL_BAD_DATE: return "Tanggal harus tanggal yang sah (YYYY-MM-DD, tahun 1900-9999).";
    case CAL_DATE_RANGE_REVERSED: return "Rentang tanggal berakhir sebelum dimulai.";
    case CAL_BAD_TIME: return "Waktu berada di luar tahun 1900-9999.";
    case CAL_BAD_BUDGET: return "Batas waktu harus 0 menit kerja atau lebih, paling lama sepuluh tahun.";
    case CAL_BAD_RUNS: return "Rentang jalannya waktu layanan harus urut, tidak tumpang tindih, dan hanya yang terakhir boleh terbuka.";
    case CAL_SPAN_TOO_LONG: return "Hasilnya lebih dari sepuluh tahun ke depan.";
    case CAL_NO_WORKING_TIME: return "Kalender tidak memiliki waktu kerja dalam sepuluh tahun ke depan.";
    }
    return "tidak sah";
}
