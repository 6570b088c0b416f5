/* body.c - see body.h. */
#include "http/body.h"

#include "lib/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void body_init(body_t *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

int body_feed(body_t *b, const char *p, size_t n)
{
    b->seen += n;
    if (b->too_large || b->oom)
        return -1;
    if (n == 0)
        return 0;
    if (n > b->max - b->len) {
        b->too_large = true;
        return -1;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n)
            cap *= 2;
        if (cap > b->max)
            cap = b->max;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->oom = true;
            return -1;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

void body_free(body_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

bool body_is_json_type(const char *ct)
{
    static const char want[] = "application/json";
    if (!ct)
        return false;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    if (strncasecmp(ct, want, sizeof want - 1) != 0)
        return false;
    char next = ct[sizeof want - 1];
    return next == '\0' || next == ';' || next == ' ' || next == '\t';
}

json_t *body_parse_json(const char *data, size_t len, body_json_err_t *err, int *line, int *column)
{
    *line = *column = 0;
    if (!data || len == 0) {
        *err = BODY_JSON_EMPTY;
        return NULL;
    }
    /* jansson checks UTF-8 too; doing it first lets us say which it was. */
    if (!utf8_valid(data, len) || memchr(data, '\0', len)) {
        *err = BODY_JSON_BAD_UTF8;
        return NULL;
    }
    json_error_t je;
    json_t *v = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
    if (!v) {
        *err = BODY_JSON_SYNTAX;
        *line = je.line;
        *column = je.column;
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        *err = BODY_JSON_NOT_OBJECT;
        return NULL;
    }
    *err = BODY_JSON_OK;
    return v;
}
