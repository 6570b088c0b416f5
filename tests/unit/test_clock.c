/* test_clock.c - lib/clock: RFC 3339 formatting at the Indonesian offsets. */
#include "lib/clock.h"

#include <criterion/criterion.h>
#include <string.h>
#include <time.h>

static const int64_t T = 1795420800000LL; /* 2026-11-23T08:00:00.000Z */

static void check(int64_t ms, int off, const char *want)
{
    char out[64];
    memset(out, 'X', sizeof out);
    clock_format_offset(ms, off, out, sizeof out);
    cr_assert_str_eq(out, want, "ms=%lld off=%d", (long long)ms, off);
}

Test(clock, utc)
{
    char out[64];
    clock_format_utc(T, out, sizeof out);
    cr_assert_str_eq(out, "2026-11-23T08:00:00.000Z");
    clock_format_utc(0, out, sizeof out);
    cr_assert_str_eq(out, "1970-01-01T00:00:00.000Z");
    clock_format_utc(T + 123, out, sizeof out);
    cr_assert_str_eq(out, "2026-11-23T08:00:00.123Z");
}

Test(clock, indonesian_offsets)
{
    check(T, 7 * 60, "2026-11-23T15:00:00.000+07:00"); /* WIB */
    check(T, 8 * 60, "2026-11-23T16:00:00.000+08:00"); /* WITA */
    check(T, 9 * 60, "2026-11-23T17:00:00.000+09:00"); /* WIT */
    check(T + 999, 7 * 60, "2026-11-23T15:00:00.999+07:00");
}

Test(clock, offset_crosses_midnight_and_year)
{
    /* 2026-12-31T20:30:00.500Z is already 2027 in Jayapura */
    check(1798749000500LL, 9 * 60, "2027-01-01T05:30:00.500+09:00");
    check(1798749000500LL, 7 * 60, "2027-01-01T03:30:00.500+07:00");
    check(1798749000500LL, 0, "2026-12-31T20:30:00.500Z");
}

Test(clock, negative_offsets_and_odd_minutes)
{
    check(T, -3 * 60, "2026-11-23T05:00:00.000-03:00");
    check(T, -90, "2026-11-23T06:30:00.000-01:30");
    check(T, 5 * 60 + 45, "2026-11-23T13:45:00.000+05:45");
}

Test(clock, negative_epochs)
{
    check(-1, 0, "1969-12-31T23:59:59.999Z");
    check(-1000, 0, "1969-12-31T23:59:59.000Z");
    check(-1001, 0, "1969-12-31T23:59:58.999Z");
    check(-999, 0, "1969-12-31T23:59:59.001Z");
    /* the epoch seen from WIB is 07:00 on 1 January */
    check(0, 7 * 60, "1970-01-01T07:00:00.000+07:00");
    /* a moment before the epoch in UTC but after it in WIT */
    check(-1, 9 * 60, "1970-01-01T08:59:59.999+09:00");
    /* Proclamation: 1945-08-17T10:00 (then UTC+9 in Jakarta) = 01:00Z */
    check(-769215600000LL, 9 * 60, "1945-08-17T10:00:00.000+09:00");
    check(-769215600000LL, 0, "1945-08-17T01:00:00.000Z");
}

Test(clock, truncates_to_buffer)
{
    char out[11];
    clock_format_offset(T, 7 * 60, out, sizeof out);
    cr_assert_str_eq(out, "2026-11-23");
}

Test(clock, now_is_sane_and_monotonic_advances)
{
    int64_t now = clock_now_ms();
    int64_t sys = (int64_t)time(NULL) * 1000;
    cr_assert(now >= sys - 2000 && now <= sys + 2000);
    uint64_t a = clock_mono_ns();
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
    uint64_t b = clock_mono_ns();
    cr_assert_geq(b - a, 2000000u);
}

Test(clock, extreme_values_are_defined)
{
    /* a corrupt or hostile timestamp (a synced outpost row, say) must not be
     * undefined behaviour: any output is fine, no signed overflow */
    char out[64];
    clock_format_utc(INT64_MAX, out, sizeof out);
    clock_format_utc(INT64_MIN, out, sizeof out);
    clock_format_offset(INT64_MAX, 9 * 60, out, sizeof out);
    clock_format_offset(INT64_MIN, -12 * 60, out, sizeof out);
    cr_assert_neq(out[0], '\0');
}
