/* net.h - small blocking TCP clients with timeouts, for delivering
 * notifications: an HTTP/1.1 POST (webhook) and an SMTP submission. Plain
 * TCP: point them at a local relay or gateway (TLS is the relay's job). */
#ifndef SATUPINTU_LIB_NET_H
#define SATUPINTU_LIB_NET_H

#include <stddef.h>

/* POSTs body (Content-Type application/json) to url ("http://host:port/path").
 * Returns the HTTP status (2xx is success) or -1 with why filled in. */
int net_http_post(const char *url, const char *body, int timeout_ms, char *why, size_t whylen);

/* Sends one plain-text message through the SMTP server at host:port.
 * Returns 0, or -1 with why filled in (the server's reply when it refused). */
int net_smtp_send(const char *host, unsigned port, const char *from, const char *to, const char *subject,
                  const char *body, int timeout_ms, char *why, size_t whylen);

#endif
