/* body.h - request body collection and JSON decoding, kept apart from
 * libmicrohttpd so they can be unit-tested and fuzzed.
 *
 * A body_t owns data (malloc); body_free() releases it. It never holds more
 * than max bytes: once a feed would pass max, too_large is set and later
 * bytes are only counted.
 */
#ifndef SATUPINTU_HTTP_BODY_H
#define SATUPINTU_HTTP_BODY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
    size_t seen; /* all bytes fed, kept or not */
    bool too_large;
    bool oom;
} body_t;

/* Starts an empty body that accepts at most max bytes. */
void body_init(body_t *b, size_t max);

/* Appends n bytes; returns 0, or -1 when the body is over max or OOM. */
int body_feed(body_t *b, const char *p, size_t n);

/* Releases the data. */
void body_free(body_t *b);

/* True when a Content-Type header value names JSON ("application/json",
 * optionally with parameters such as "; charset=utf-8"). */
bool body_is_json_type(const char *content_type);

/* Reasons a JSON body is refused. */
typedef enum { BODY_JSON_OK, BODY_JSON_EMPTY, BODY_JSON_BAD_UTF8, BODY_JSON_SYNTAX, BODY_JSON_NOT_OBJECT } body_json_err_t;

/* Decodes a JSON object from data. Strings may hold \u0000 (valid JSON):
 * callers check json_string_length() against strlen() where it matters. On success returns a new reference the
 * caller must json_decref(); otherwise NULL with *err set and, for syntax
 * errors, the position in *line and *column. */
json_t *body_parse_json(const char *data, size_t len, body_json_err_t *err, int *line, int *column);

#endif
