/* clock.h - wall and monotonic time. Stored times are UTC epoch milliseconds. */
#ifndef SATUPINTU_LIB_CLOCK_H
#define SATUPINTU_LIB_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Wall-clock time as UTC epoch milliseconds. */
int64_t clock_now_ms(void);

/* Monotonic time in nanoseconds, for durations. */
uint64_t clock_mono_ns(void);

/* Writes ms as RFC 3339 UTC with milliseconds ("2026-11-23T08:00:00.000Z") into out. */
void clock_format_utc(int64_t ms, char *out, size_t outlen);

/* Writes ms as RFC 3339 at a fixed offset in minutes ("...+07:00") into out. */
void clock_format_offset(int64_t ms, int offset_minutes, char *out, size_t outlen);

#endif
