/* log.c - see log.h. */
#include "lib/log.h"

#include "lib/buf.h"
#include "lib/clock.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ACCESS_BUF_SIZE (64 * 1024)

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t flusher;
    bool running;
    bool stopping;
    int fd;
    size_t len;
    char data[ACCESS_BUF_SIZE];
} acc = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER, .fd = -1};

static log_level_t min_level = LOG_INFO;

static void write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return; /* nowhere left to report it */
        }
        p += w;
        n -= (size_t)w;
    }
}

/* Caller holds acc.lock. */
static void flush_locked(void)
{
    if (acc.len > 0 && acc.fd >= 0)
        write_all(acc.fd, acc.data, acc.len);
    acc.len = 0;
}

static void *flusher_main(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&acc.lock);
    while (!acc.stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&acc.wake, &acc.lock, &until);
        flush_locked();
    }
    pthread_mutex_unlock(&acc.lock);
    return NULL;
}

int log_open_access(int fd)
{
    pthread_mutex_lock(&acc.lock);
    acc.fd = fd;
    acc.stopping = false;
    int rc = 0;
    if (!acc.running) {
        rc = pthread_create(&acc.flusher, NULL, flusher_main, NULL) == 0 ? 0 : -1;
        acc.running = rc == 0;
    }
    pthread_mutex_unlock(&acc.lock);
    return rc;
}

void log_access(const char *line, size_t len)
{
    pthread_mutex_lock(&acc.lock);
    if (acc.len + len + 1 > ACCESS_BUF_SIZE)
        flush_locked();
    if (len + 1 > ACCESS_BUF_SIZE) {
        write_all(acc.fd, line, len);
        write_all(acc.fd, "\n", 1);
    } else {
        memcpy(acc.data + acc.len, line, len);
        acc.data[acc.len + len] = '\n';
        acc.len += len + 1;
    }
    if (!acc.running)
        flush_locked();
    pthread_mutex_unlock(&acc.lock);
}

void log_close(void)
{
    pthread_mutex_lock(&acc.lock);
    bool was_running = acc.running;
    acc.stopping = true;
    acc.running = false;
    pthread_cond_signal(&acc.wake);
    pthread_mutex_unlock(&acc.lock);
    if (was_running)
        pthread_join(acc.flusher, NULL);
    pthread_mutex_lock(&acc.lock);
    flush_locked();
    pthread_mutex_unlock(&acc.lock);
}

void log_set_level(log_level_t level)
{
    min_level = level;
}

static const char *level_name(log_level_t l)
{
    switch (l) {
    case LOG_DEBUG: return "debug";
    case LOG_INFO: return "info";
    case LOG_WARN: return "warn";
    default: return "error";
    }
}

void log_msg(log_level_t level, const char *msg, const char *extra_json)
{
    if (level < min_level)
        return;
    char ts[40];
    clock_format_utc(clock_now_ms(), ts, sizeof ts);
    buf_t b = BUF_INIT;
    buf_printf(&b, "{\"ts\":\"%s\",\"level\":\"%s\",\"msg\":", ts, level_name(level));
    buf_json_string(&b, msg, strlen(msg));
    if (extra_json && *extra_json) {
        buf_puts(&b, ",");
        buf_puts(&b, extra_json);
    }
    buf_puts(&b, "}\n");
    if (!b.oom)
        write_all(STDERR_FILENO, b.data, b.len);
    buf_free(&b);
}

void log_msgf(log_level_t level, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_msg(level, msg, NULL);
}
