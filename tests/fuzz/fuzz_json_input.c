/* fuzz_json_input.c - libFuzzer target for JSON request input: random bytes
 * through body_parse_json() and, when they make an object, through
 * regions_resolve_input() (POST /api/v1/regions/resolve) in both languages.
 *
 * Invariants: exactly one of (codes, fields) comes back; codes is the body's
 * own "codes" array of 1..500 valid region codes in a body with no other
 * key; fields is a non-empty object of string messages. Every reference is
 * released (LeakSanitizer checks). */
#include "api/regions.h"
#include "domain/region_code.h"
#include "http/body.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check(json_t *body, http_lang_t lang)
{
    http_req_t req;
    memset(&req, 0, sizeof req);
    req.lang = lang;
    json_t *fields = (json_t *)&req; /* must be overwritten */
    size_t refs = body->refcount;
    json_t *codes = regions_resolve_input(body, &req, &fields);
    if ((codes != NULL) == (fields != NULL))
        abort(); /* codes XOR fields */
    if (body->refcount != refs)
        abort(); /* codes is borrowed, the body keeps its references */
    if (codes) {
        if (codes != json_object_get(body, "codes") || json_object_size(body) != 1)
            abort();
        size_t n = json_array_size(codes);
        if (!json_is_array(codes) || n < 1 || n > 500)
            abort();
        size_t i;
        json_t *c;
        json_array_foreach(codes, i, c) {
            /* a string without NUL ("32\u0000x" must not pass as "32") and a valid code */
            if (!json_is_string(c) || strlen(json_string_value(c)) != json_string_length(c) ||
                region_code_level(json_string_value(c)) == REGION_INVALID)
                abort();
        }
    } else {
        if (!json_is_object(fields) || json_object_size(fields) == 0)
            abort();
        const char *k;
        json_t *msg;
        json_object_foreach(fields, k, msg) {
            if (!json_is_string(msg) || json_string_length(msg) == 0)
                abort();
        }
        json_decref(fields);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    body_json_err_t err;
    int line, col;
    json_t *body = body_parse_json((const char *)data, size, &err, &line, &col);
    if (!body)
        return 0;
    if (!json_is_object(body))
        abort();
    check(body, LANG_ID);
    check(body, LANG_EN);
    json_decref(body);
    return 0;
}
