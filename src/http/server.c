/* server.c - libmicrohttpd glue: request state, body collection, dispatch,
 * response headers, access log and metrics. See server.h. */
#include "http/server.h"

#include "http/internal.h"
#include "http/metrics.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/crypto.h"
#include "lib/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* Bodies of refused (too large) chunked requests are read and dropped up to
 * this many times the cap before the connection is cut. */
#define DISCARD_FACTOR 4

#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "        \
            "form-action 'self'; frame-ancestors 'none'"


/* Per-connection state: whether the request being parsed had a %00 in its URL. */
typedef struct {
    bool nul_in_url;
} conn_state_t;

static conn_state_t *conn_state(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* ---- request ids ---------------------------------------------------------- */

static _Thread_local uint64_t rid_state;

static uint64_t rid_next(void)
{
    if (!rid_state)
        rid_state = crypto_random_u64() | 1;
    /* xorshift64*: ids need to be unique and unguessable enough for
     * correlation, not secret. */
    rid_state ^= rid_state >> 12;
    rid_state ^= rid_state << 25;
    rid_state ^= rid_state >> 27;
    return rid_state * 0x2545F4914F6CDD1Dull;
}

static bool rid_acceptable(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

/* ---- language --------------------------------------------------------------- */

/* Picks en or id from Accept-Language by q-value; Indonesian unless English is preferred. */
static http_lang_t pick_lang(const char *al)
{
    if (!al)
        return LANG_ID;
    double best_id = -1, best_en = -1;
    const char *p = al;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *tag = p;
        while (*p && *p != ',' && *p != ';')
            p++;
        size_t tlen = (size_t)(p - tag);
        double q = 1.0;
        if (*p == ';') {
            const char *qs = strstr(p, "q=");
            const char *comma = strchr(p, ',');
            if (qs && (!comma || qs < comma))
                q = strtod(qs + 2, NULL);
            while (*p && *p != ',')
                p++;
        }
        if (tlen >= 2 && strncasecmp(tag, "en", 2) == 0 && (tlen == 2 || tag[2] == '-') && q > best_en)
            best_en = q;
        if (tlen >= 2 && strncasecmp(tag, "id", 2) == 0 && (tlen == 2 || tag[2] == '-') && q > best_id)
            best_id = q;
    }
    return best_en > best_id ? LANG_EN : LANG_ID;
}

/* ---- request lifecycle ------------------------------------------------------ */

static server_req_t *sreq_new(http_server_t *s, struct MHD_Connection *c, const char *url, const char *method)
{
    arena_t *a = arena_new(8192);
    if (!a)
        return NULL;
    server_req_t *r = arena_calloc(a, sizeof *r);
    if (!r) {
        arena_free(a);
        return NULL;
    }
    r->pub.arena = a;
    r->pub.method = method;
    r->pub.path = url;
    r->conn = c;
    r->server = s;
    r->start_ns = clock_mono_ns();
    router_match(s->router, method, url, &r->match);
    bool upload = r->match.route && (r->match.route->flags & ROUTE_UPLOAD) && s->cfg.max_upload;
    body_init(&r->body, upload ? s->cfg.max_upload : s->cfg.max_body);
    const char *rid = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id");
    if (rid && rid_acceptable(rid))
        snprintf(r->pub.request_id, sizeof r->pub.request_id, "%s", rid);
    else
        snprintf(r->pub.request_id, sizeof r->pub.request_id, "%016llx", (unsigned long long)rid_next());
    r->pub.lang = pick_lang(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"));
    atomic_fetch_add(&s->in_flight, 1);
    return r;
}

static void add_std_headers(struct MHD_Response *resp, const http_req_t *req)
{
    MHD_add_response_header(resp, "X-Request-Id", req->request_id);
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Cache-Control", req->cache_control ? req->cache_control : "no-store");
}

static enum MHD_Result queue_answer(server_req_t *r)
{
    http_req_t *req = &r->pub;
    if (req->status == 0 || (req->status >= 500 && !req->resp))
        http_reply_internal(req);
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(req->resp_len, req->resp, MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return MHD_NO; /* req->resp is freed at completion */
    req->resp = NULL;  /* libmicrohttpd owns it now */
    add_std_headers(resp, req);
    if (req->content_type)
        MHD_add_response_header(resp, "Content-Type", req->content_type);
    for (const http_header_t *h = req->headers; h; h = h->next)
        MHD_add_response_header(resp, h->name, h->value);
    enum MHD_Result rc = MHD_queue_response(r->conn, (unsigned)req->status, resp);
    MHD_destroy_response(resp);
    r->answered = rc == MHD_YES;
    return rc;
}

static void reply_too_large(server_req_t *r)
{
    char msg[160];
    snprintf(msg, sizeof msg,
             r->pub.lang == LANG_EN ? "The request body is larger than %zu bytes."
                                    : "Isi permintaan melebihi %zu byte.",
             r->body.max);
    http_reply_error(&r->pub, 413, "payload_too_large", msg, NULL);
    http_add_header(&r->pub, "Connection", "close");
}

/* Checks the body against the route's promise; returns false after answering. */
static bool accept_json_body(server_req_t *r)
{
    http_req_t *req = &r->pub;
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Content-Type");
    if (!body_is_json_type(ct)) {
        http_reply_error(req, 415, "unsupported_media_type",
                         http_tr(req, "Content-Type harus application/json.",
                                 "Content-Type must be application/json."),
                         NULL);
        return false;
    }
    body_json_err_t why;
    int line, col;
    req->json = body_parse_json(r->body.data, r->body.len, &why, &line, &col);
    if (req->json)
        return true;
    const char *msg;
    char buf[160];
    switch (why) {
    case BODY_JSON_EMPTY:
        msg = http_tr(req, "Isi permintaan kosong; diharapkan objek JSON.",
                      "The request body is empty; a JSON object is expected.");
        break;
    case BODY_JSON_BAD_UTF8:
        msg = http_tr(req, "Isi permintaan bukan UTF-8 yang sah.", "The request body is not valid UTF-8.");
        break;
    case BODY_JSON_NOT_OBJECT:
        msg = http_tr(req, "Isi permintaan harus berupa objek JSON.", "The request body must be a JSON object.");
        break;
    default:
        snprintf(buf, sizeof buf,
                 req->lang == LANG_EN ? "Malformed JSON at line %d, column %d."
                                      : "JSON tidak sah pada baris %d, kolom %d.",
                 line, col);
        msg = buf;
    }
    http_reply_error(req, 400, "malformed_json", msg, NULL);
    return false;
}

static void dispatch(server_req_t *r)
{
    http_req_t *req = &r->pub;
    if (r->body.too_large) {
        reply_too_large(r);
        return;
    }
    if (r->nul_in_url) {
        http_reply_error(req, 400, "bad_request",
                         http_tr(req, "Alamat atau parameter berisi byte NUL (%00).",
                                 "The URL or a query parameter contains a NUL byte (%00)."),
                         NULL);
        return;
    }
    if (r->match.status == ROUTE_NOT_FOUND && r->server->cfg.fallback &&
        (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0) &&
        r->server->cfg.fallback(req, r->server->app))
        return;
    switch (r->match.status) {
    case ROUTE_BAD_PATH:
        http_reply_error(req, 400, "bad_path",
                         http_tr(req, "Alamat (path) tidak sah.", "The request path is not acceptable."), NULL);
        return;
    case ROUTE_NOT_FOUND:
        http_reply_error(req, 404, "not_found",
                         http_tr(req, "Alamat tidak ditemukan.", "No such resource."), NULL);
        return;
    case ROUTE_BAD_METHOD:
        http_reply_error(req, 405, "method_not_allowed",
                         http_tr(req, "Metode tidak diizinkan untuk alamat ini.",
                                 "Method not allowed on this resource."),
                         NULL);
        http_add_header(req, "Allow", r->match.allow);
        return;
    case ROUTE_FOUND:
        break;
    }
    req->route = r->match.route;
    memcpy(req->params, r->match.params, sizeof req->params);
    req->nparams = r->match.nparams;
    req->body = r->body.data;
    req->body_len = r->body.len;
    if (r->server->cfg.guard && !r->server->cfg.guard(req, r->server->app))
        return;
    if ((req->route->flags & ROUTE_JSON_BODY) && !accept_json_body(r))
        return;
    req->route->fn(req, r->server->app);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                 const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
    (void)version;
    http_server_t *s = cls;
    server_req_t *r = *req_cls;
    if (!r) {
        r = sreq_new(s, c, url, method);
        if (!r)
            return MHD_NO;
        *req_cls = r;
        conn_state_t *st = conn_state(c);
        if (st && st->nul_in_url) {
            st->nul_in_url = false;
            r->nul_in_url = true;
        }
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            errno = 0;
            char *end;
            unsigned long long n = strtoull(cl, &end, 10);
            if (errno == 0 && *end == '\0' && n > r->body.max) {
                /* Refuse before reading: libmicrohttpd closes the connection after this answer. */
                r->body.too_large = true;
                reply_too_large(r);
                return queue_answer(r);
            }
        }
        return MHD_YES; /* answering on a later call is much faster (see DESIGN.md) */
    }
    if (*upload_size) {
        body_feed(&r->body, upload, *upload_size);
        *upload_size = 0;
        if (r->body.seen > (size_t)DISCARD_FACTOR * r->body.max)
            return MHD_NO;
        return MHD_YES;
    }
    if (r->answered)
        return MHD_YES;
    if (r->parked) { /* called again after http_resume(): the answer is ready */
        r->parked = false;
        return queue_answer(r);
    }
    dispatch(r);
    if (r->parked)
        return MHD_YES; /* another thread answers and resumes */
    return queue_answer(r);
}

void http_suspend(http_req_t *req)
{
    server_req_t *r = server_req_of(req);
    r->parked = true;
    MHD_suspend_connection(r->conn);
}

void http_resume(http_req_t *req)
{
    MHD_resume_connection(server_req_of(req)->conn);
}

/* "2026-11-23T08:00:00.123Z" for now; the part up to the seconds is made
 * once a second per thread. */
static void access_time(char out[32])
{
    static _Thread_local int64_t cached_sec = -1;
    static _Thread_local char cached[32];
    int64_t ms = clock_now_ms();
    if (ms / 1000 != cached_sec) {
        cached_sec = ms / 1000;
        clock_format_utc(cached_sec * 1000, cached, sizeof cached); /* "...:00.000Z" */
    }
    memcpy(out, cached, 20); /* through "SS." */
    int frac = (int)(ms % 1000);
    out[20] = (char)('0' + frac / 100);
    out[21] = (char)('0' + frac / 10 % 10);
    out[22] = (char)('0' + frac % 10);
    out[23] = 'Z';
    out[24] = '\0';
}

/* One JSON line per request; written without printf, it is on every request's path. */
static void write_access_line(server_req_t *r, uint64_t ns, int status, size_t bytes)
{
    char ts[32], ip[64];
    access_time(ts);
    http_client_ip(&r->pub, ip, sizeof ip);
    buf_t line = BUF_INIT;
    buf_puts(&line, "{\"ts\":\"");
    buf_puts(&line, ts);
    buf_puts(&line, "\",\"id\":\"");
    buf_puts(&line, r->pub.request_id);
    buf_puts(&line, "\",\"ip\":\"");
    buf_puts(&line, ip);
    buf_puts(&line, "\",\"method\":");
    buf_json_string(&line, r->pub.method, strlen(r->pub.method));
    buf_puts(&line, ",\"path\":");
    buf_json_string(&line, r->pub.path, strlen(r->pub.path));
    buf_puts(&line, ",\"route\":");
    if (r->match.route)
        buf_json_string(&line, r->match.route->pattern, strlen(r->match.route->pattern));
    else
        buf_puts(&line, "null");
    buf_puts(&line, ",\"status\":");
    buf_u64(&line, (uint64_t)status);
    buf_puts(&line, ",\"bytes\":");
    buf_u64(&line, bytes);
    uint64_t us = ns / 1000;
    char frac[4] = {(char)('0' + us % 1000 / 100), (char)('0' + us % 100 / 10), (char)('0' + us % 10), '\0'};
    buf_puts(&line, ",\"ms\":");
    buf_u64(&line, us / 1000);
    buf_puts(&line, ".");
    buf_puts(&line, frac);
    buf_puts(&line, "}");
    if (!line.oom)
        log_access(line.data, line.len);
    buf_free(&line);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **req_cls, enum MHD_RequestTerminationCode toe)
{
    (void)c;
    http_server_t *s = cls;
    server_req_t *r = *req_cls;
    if (!r)
        return;
    *req_cls = NULL;
    uint64_t ns = clock_mono_ns() - r->start_ns;
    int status = r->answered ? r->pub.status : 499; /* 499: the client went away first */
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK && status < 400)
        status = 499;
    metrics_record(r->match.route ? r->match.route->id : -1, r->pub.method, status, ns);
    write_access_line(r, ns, status, r->pub.resp_len);
    free(r->pub.resp);
    json_decref(r->pub.json);
    body_free(&r->body);
    arena_free(r->pub.arena);
    atomic_fetch_sub(&s->in_flight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx, enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    (void)c;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        *socket_ctx = calloc(1, sizeof(conn_state_t)); /* NULL on OOM: NULs then go unflagged */
        metrics_connections(1);
        return;
    }
    free(*socket_ctx);
    *socket_ctx = NULL;
    metrics_connections(-1);
}

/* Decodes %HH like libmicrohttpd does, but remembers a decoded NUL: C strings
 * would silently cut "32%00.11" to "32", so such a request is refused instead. */
static size_t unescape_url(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    for (const char *p = strchr(s, '%'); p; p = strchr(p + 1, '%')) {
        if (p[1] == '0' && p[2] == '0') {
            conn_state_t *st = conn_state(c);
            if (st)
                st->nul_in_url = true;
            break;
        }
    }
    return MHD_http_unescape(s);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_msg(LOG_WARN, msg, "\"component\":\"libmicrohttpd\"");
}

int http_parse_listen(const char *listen, char *host, size_t hostlen, unsigned *port)
{
    const char *colon;
    const char *h = listen;
    size_t hl;
    if (listen[0] == '[') {
        const char *close = strchr(listen, ']');
        if (!close || close[1] != ':')
            return -1;
        h = listen + 1;
        hl = (size_t)(close - h);
        colon = close + 1;
    } else {
        colon = strrchr(listen, ':');
        if (!colon)
            return -1;
        hl = (size_t)(colon - listen);
    }
    if (hl + 1 > hostlen)
        return -1;
    memcpy(host, h, hl);
    host[hl] = '\0';
    if (hl == 0)
        snprintf(host, hostlen, "0.0.0.0");
    char *end;
    errno = 0;
    unsigned long p = strtoul(colon + 1, &end, 10);
    if (errno || *end || end == colon + 1 || p > 65535)
        return -1;
    *port = (unsigned)p;
    return 0;
}

http_server_t *http_server_start(const http_config_t *cfg, const router_t *router, void *app, char *err, size_t errlen)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICHOST | AI_PASSIVE};
    struct addrinfo *ai = NULL;
    char portstr[8];
    snprintf(portstr, sizeof portstr, "%u", cfg->port);
    int gai = getaddrinfo(cfg->host, portstr, &hints, &ai);
    if (gai != 0) {
        snprintf(err, errlen, "listen address %s: %s", cfg->host, gai_strerror(gai));
        return NULL;
    }
    http_server_t *s = calloc(1, sizeof *s);
    if (!s) {
        freeaddrinfo(ai);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->router = router;
    s->app = app;
    s->cfg = *cfg;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (s->cfg.threads == 0)
        s->cfg.threads = cores > 0 ? (unsigned)cores : 1;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
    if (ai->ai_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_access, s,
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, /* first, so it sees every message */
        MHD_OPTION_SOCK_ADDR, ai->ai_addr,
        MHD_OPTION_THREAD_POOL_SIZE, s->cfg.threads,
        MHD_OPTION_CONNECTION_LIMIT, s->cfg.conn_limit,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->cfg.per_ip_limit,
        MHD_OPTION_CONNECTION_TIMEOUT, s->cfg.timeout_s,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape_url, s,
        MHD_OPTION_END);
    freeaddrinfo(ai);
    if (!s->daemon) {
        snprintf(err, errlen, "cannot listen on %s:%u (address in use or not allowed?)", cfg->host, cfg->port);
        free(s);
        return NULL;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : cfg->port;
    return s;
}

unsigned http_server_port(const http_server_t *s)
{
    return s->port;
}

void http_server_stop(http_server_t *s, unsigned grace_ms)
{
    if (!s)
        return;
    MHD_socket ls = MHD_quiesce_daemon(s->daemon);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    uint64_t deadline = clock_mono_ns() + (uint64_t)grace_ms * 1000000ull;
    while (atomic_load(&s->in_flight) > 0 && clock_mono_ns() < deadline) {
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
    long left = atomic_load(&s->in_flight);
    if (left > 0)
        log_msgf(LOG_WARN, "stopping with %ld requests still in flight", left);
    MHD_stop_daemon(s->daemon);
    free(s);
}
