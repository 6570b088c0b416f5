/* net.c - see net.h. */
#include "lib/net.h"

#include "lib/buf.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int dial(const char *host, unsigned port, int timeout_ms, char *why, size_t whylen)
{
    char ps[8];
    snprintf(ps, sizeof ps, "%u", port);
    struct addrinfo hints = {.ai_socktype = SOCK_STREAM}, *ai;
    int rc = getaddrinfo(host, ps, &hints, &ai);
    if (rc != 0) {
        snprintf(why, whylen, "%s: %s", host, gai_strerror(rc));
        return -1;
    }
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
        struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            snprintf(why, whylen, "connect %s:%u: %s", host, port, strerror(errno));
            close(fd);
            fd = -1;
        }
    } else {
        snprintf(why, whylen, "socket: %s", strerror(errno));
    }
    freeaddrinfo(ai);
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads one line (up to CRLF) into out; -1 on timeout or close. */
static int read_line(int fd, char *out, size_t len)
{
    size_t o = 0;
    for (;;) {
        char ch;
        ssize_t r = recv(fd, &ch, 1, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        if (ch == '\n') {
            if (o && out[o - 1] == '\r')
                o--;
            out[o] = '\0';
            return 0;
        }
        if (o + 1 < len)
            out[o++] = ch;
    }
}

int net_http_post(const char *url, const char *body, int timeout_ms, char *why, size_t whylen)
{
    if (strncmp(url, "http://", 7) != 0) {
        snprintf(why, whylen, "only http:// URLs (use a local gateway for TLS)");
        return -1;
    }
    char host[256];
    const char *h = url + 7, *slash = strchr(h, '/');
    size_t hl = slash ? (size_t)(slash - h) : strlen(h);
    if (hl == 0 || hl >= sizeof host) {
        snprintf(why, whylen, "bad URL");
        return -1;
    }
    memcpy(host, h, hl);
    host[hl] = '\0';
    unsigned port = 80;
    char *colon = strrchr(host, ':');
    if (colon) {
        *colon = '\0';
        port = (unsigned)atoi(colon + 1);
    }
    int fd = dial(host, port, timeout_ms, why, whylen);
    if (fd < 0)
        return -1;
    buf_t req = BUF_INIT;
    buf_printf(&req, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                     "Connection: close\r\nUser-Agent: satupintu\r\n\r\n",
               slash ? slash : "/", host, strlen(body));
    buf_puts(&req, body);
    int status = -1;
    char line[512];
    if (!req.oom && send_all(fd, req.data, req.len) == 0 && read_line(fd, line, sizeof line) == 0 &&
        sscanf(line, "HTTP/%*s %d", &status) == 1) {
        if (status < 200 || status > 299)
            snprintf(why, whylen, "gateway answered %d", status);
    } else {
        snprintf(why, whylen, "no HTTP answer from %s:%u", host, port);
        status = -1;
    }
    buf_free(&req);
    close(fd);
    return status;
}

/* Reads a (possibly multi-line) SMTP reply; returns its code or -1. */
static int smtp_reply(int fd, char *last, size_t len)
{
    for (;;) {
        if (read_line(fd, last, len) != 0 || strlen(last) < 3)
            return -1;
        if (last[3] != '-')
            return atoi(last);
    }
}

static int smtp_step(int fd, const char *cmd, int want, char *why, size_t whylen)
{
    char line[512];
    if (cmd && send_all(fd, cmd, strlen(cmd)) != 0) {
        snprintf(why, whylen, "SMTP connection lost");
        return -1;
    }
    int code = smtp_reply(fd, line, sizeof line);
    if (code / 100 != want / 100) {
        snprintf(why, whylen, "SMTP: %s", code < 0 ? "no reply" : line);
        return -1;
    }
    return 0;
}

int net_smtp_send(const char *host, unsigned port, const char *from, const char *to, const char *subject,
                  const char *body, int timeout_ms, char *why, size_t whylen)
{
    int fd = dial(host, port, timeout_ms, why, whylen);
    if (fd < 0)
        return -1;
    buf_t b = BUF_INIT;
    int rc = smtp_step(fd, NULL, 220, why, whylen);
    if (rc == 0)
        rc = smtp_step(fd, "HELO satupintu\r\n", 250, why, whylen);
    if (rc == 0) {
        buf_printf(&b, "MAIL FROM:<%s>\r\n", from);
        rc = smtp_step(fd, b.data, 250, why, whylen);
    }
    if (rc == 0) {
        buf_reset(&b);
        buf_printf(&b, "RCPT TO:<%s>\r\n", to);
        rc = smtp_step(fd, b.data, 250, why, whylen);
    }
    if (rc == 0)
        rc = smtp_step(fd, "DATA\r\n", 354, why, whylen);
    if (rc == 0) {
        buf_reset(&b);
        buf_printf(&b, "From: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nMIME-Version: 1.0\r\n"
                       "Content-Type: text/plain; charset=utf-8\r\n\r\n",
                   from, to, subject);
        /* Dot-stuffing: a line that starts with '.' gets another. */
        for (const char *p = body; *p;) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            if (*p == '.')
                buf_puts(&b, ".");
            buf_append(&b, p, n);
            buf_puts(&b, "\r\n");
            p += n + (nl ? 1 : 0);
        }
        buf_puts(&b, ".\r\n");
        rc = b.oom ? -1 : smtp_step(fd, b.data, 250, why, whylen);
    }
    if (rc == 0)
        smtp_step(fd, "QUIT\r\n", 221, why, whylen);
    buf_free(&b);
    close(fd);
    return rc;
}
