/* clock.c - see clock.h. */
#include "lib/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int64_t clock_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t clock_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Years 0000-9999: beyond them RFC 3339 has no form, and the sums below
 * would overflow for hostile values. */
#define CLOCK_MIN_MS (-62167219200000LL)
#define CLOCK_MAX_MS (253402300799999LL)

void clock_format_offset(int64_t ms, int offset_minutes, char *out, size_t outlen)
{
    if (offset_minutes < -24 * 60 || offset_minutes > 24 * 60)
        offset_minutes = 0;
    if (ms < CLOCK_MIN_MS)
        ms = CLOCK_MIN_MS;
    if (ms > CLOCK_MAX_MS)
        ms = CLOCK_MAX_MS;
    int64_t local_ms = ms + (int64_t)offset_minutes * 60000;
    time_t secs = (time_t)(local_ms >= 0 ? local_ms / 1000 : (local_ms - 999) / 1000);
    int millis = (int)(local_ms - (int64_t)secs * 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    char zone[24];
    if (offset_minutes == 0) {
        snprintf(zone, sizeof zone, "Z");
    } else {
        int a = abs(offset_minutes);
        snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
    }
    snprintf(out, outlen, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%s", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis, zone);
}

void clock_format_utc(int64_t ms, char *out, size_t outlen)
{
    clock_format_offset(ms, 0, out, outlen);
}
