/* log.h - structured logs: one JSON object per line.
 *
 * The access log goes to one file descriptor (stdout for `serve`) through a
 * buffer that a background thread flushes every 200 ms and that log_close()
 * flushes at exit, so a request costs a memcpy, not a write(2).
 * Operational messages go to stderr at once. Callers never pass personal data
 * (NIK, phone, address), passwords or tokens to either.
 */
#ifndef SATUPINTU_LIB_LOG_H
#define SATUPINTU_LIB_LOG_H

#include <stddef.h>

typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } log_level_t;

/* Starts the buffered access log on fd; returns 0 or -1. Call once. */
int log_open_access(int fd);

/* Appends one complete line (without the newline) to the access log. */
void log_access(const char *line, size_t len);

/* Flushes the access log and stops its flusher thread. Safe to call twice. */
void log_close(void);

/* Writes {"ts":..,"level":..,"msg":msg[,extra fields]} to stderr; extra_json is
 * either NULL or the inside of a JSON object, e.g. "\"url\":\"http://x\"". */
void log_msg(log_level_t level, const char *msg, const char *extra_json);

/* Formats msg with printf and logs it with no extra fields. */
void log_msgf(log_level_t level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sets the lowest level written to stderr (default LOG_INFO). */
void log_set_level(log_level_t level);

#endif
