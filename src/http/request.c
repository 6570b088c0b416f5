/* request.c - see request.h. */
#include "http/internal.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

const char *http_param(http_req_t *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (strcmp(req->params[i].name, name) == 0)
            return arena_strndup(req->arena, req->params[i].value, req->params[i].len);
    return NULL;
}

const char *http_query(http_req_t *req, const char *name)
{
    return MHD_lookup_connection_value(server_req_of(req)->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(http_req_t *req, const char *name)
{
    return MHD_lookup_connection_value(server_req_of(req)->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(http_req_t *req, const char *name)
{
    return MHD_lookup_connection_value(server_req_of(req)->conn, MHD_COOKIE_KIND, name);
}

bool http_is_write(const http_req_t *req)
{
    return strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0 && strcmp(req->method, "OPTIONS") != 0;
}

/* Copies the last comma-separated item of list, trimmed, into out if it is an IP address. */
static bool last_forwarded(const char *list, char *out, size_t outlen)
{
    const char *p = strrchr(list, ',');
    p = p ? p + 1 : list;
    while (*p == ' ')
        p++;
    size_t n = strcspn(p, " ");
    if (n == 0 || n >= outlen)
        return false;
    char ip[64];
    if (n >= sizeof ip)
        return false;
    memcpy(ip, p, n);
    ip[n] = '\0';
    unsigned char bin[16];
    if (inet_pton(AF_INET, ip, bin) != 1 && inet_pton(AF_INET6, ip, bin) != 1)
        return false;
    memcpy(out, ip, n + 1);
    return true;
}

void http_client_ip(http_req_t *req, char *out, size_t outlen)
{
    server_req_t *r = server_req_of(req);
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, outlen, "-");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)outlen);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)outlen);
    const char *proxy = r->server->cfg.trusted_proxy;
    if (!proxy || strcmp(out, proxy) != 0)
        return;
    const char *xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For");
    const char *xri = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Real-IP");
    if (!(xff && last_forwarded(xff, out, outlen)) && xri)
        last_forwarded(xri, out, outlen);
}

const char *http_tr(const http_req_t *req, const char *id, const char *en)
{
    return req->lang == LANG_EN ? en : id;
}

int http_add_header(http_req_t *req, const char *name, const char *value)
{
    http_header_t *h = arena_alloc(req->arena, sizeof *h);
    if (!h)
        return -1;
    h->name = arena_strdup(req->arena, name);
    h->value = arena_strdup(req->arena, value);
    if (!h->name || !h->value)
        return -1;
    h->next = req->headers;
    req->headers = h;
    return 0;
}

void http_reply_take(http_req_t *req, int status, const char *content_type, char *body, size_t len)
{
    free(req->resp); /* a second reply replaces the first */
    req->status = status;
    req->content_type = content_type;
    req->resp = body;
    req->resp_len = len;
}

void http_reply_copy(http_req_t *req, int status, const char *content_type, const void *body, size_t len)
{
    char *p = malloc(len ? len : 1);
    if (!p) {
        http_reply_take(req, 500, "application/json", NULL, 0);
        return;
    }
    if (len)
        memcpy(p, body, len);
    http_reply_take(req, status, content_type, p, len);
}

void http_reply_json(http_req_t *req, int status, json_t *value)
{
    char *text = value ? json_dumps(value, JSON_COMPACT) : NULL;
    json_decref(value);
    if (!text) {
        http_reply_take(req, 500, "application/json", NULL, 0);
        return;
    }
    http_reply_take(req, status, "application/json", text, strlen(text));
}

void http_reply_error(http_req_t *req, int status, const char *code, const char *message, json_t *fields)
{
    json_t *err = json_pack("{s:s, s:s}", "code", code, "message", message);
    if (err && fields)
        json_object_set_new(err, "fields", fields);
    else
        json_decref(fields);
    http_reply_json(req, status, err ? json_pack("{s:o}", "error", err) : NULL);
}

void http_reply_invalid(http_req_t *req, json_t *fields)
{
    http_reply_error(req, 422, "validation_failed",
                     http_tr(req, "Data yang dikirim tidak valid.", "The submitted data is not valid."),
                     fields);
}

void http_reply_not_found(http_req_t *req)
{
    http_reply_error(req, 404, "not_found",
                     http_tr(req, "Data tidak ditemukan.", "Not found."), NULL);
}

void http_reply_internal(http_req_t *req)
{
    http_reply_error(req, 500, "internal",
                     http_tr(req, "Terjadi kesalahan pada server.", "Internal server error."), NULL);
}
