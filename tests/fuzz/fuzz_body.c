/* fuzz_body.c - libFuzzer target for http/body: random chunks through
 * body_feed() with a small cap, then body_parse_json().
 *
 * Input: byte 0 is the cap (0..255); then chunks, each a length byte
 * followed by up to that many bytes. Invariants:
 *   len <= max, cap <= max, seen counts every byte fed;
 *   too_large exactly when more than max bytes were fed, and then every
 *   later feed fails; otherwise data is exactly the concatenation fed;
 *   body_parse_json() returns non-NULL only for valid UTF-8 without NUL that
 *   decodes to an object, and then *err is OK; each refusal reason agrees
 *   with the bytes (EMPTY: no bytes, BAD_UTF8: invalid UTF-8 or a NUL);
 *   body_is_json_type() only accepts what starts with application/json. */
#include "http/body.h"
#include "lib/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void check_content_type(const uint8_t *data, size_t size)
{
    char ct[64];
    size_t n = size < sizeof ct - 1 ? size : sizeof ct - 1;
    memcpy(ct, data, n);
    ct[n] = '\0';
    if (body_is_json_type(ct)) {
        const char *p = ct;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncasecmp(p, "application/json", 16) != 0)
            abort();
        char next = p[16];
        if (next != '\0' && next != ';' && next != ' ' && next != '\t')
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    check_content_type(data, size);
    size_t max = data[0];
    body_t b;
    body_init(&b, max);
    uint8_t *ref = malloc(size + 1); /* what should be kept */
    if (!ref)
        return 0;
    size_t ref_len = 0, fed = 0;
    bool over = false;
    size_t i = 1;
    while (i < size) {
        size_t want = data[i++];
        size_t n = size - i < want ? size - i : want;
        int rc = body_feed(&b, (const char *)data + i, n);
        fed += n;
        if (!over && ref_len + n > max)
            over = true;
        if (over) {
            if (rc != -1 || !b.too_large)
                abort();
        } else {
            if (rc != 0 || b.too_large)
                abort();
            memcpy(ref + ref_len, data + i, n);
            ref_len += n;
        }
        if (b.len > b.max || b.max != max || b.seen != fed)
            abort();
        if (b.data && b.cap > max)
            abort();
        i += n;
    }
    if (!over && (b.len != ref_len || (ref_len && memcmp(b.data, ref, ref_len) != 0)))
        abort();
    free(ref);

    body_json_err_t err = BODY_JSON_OK;
    int line = -1, col = -1;
    json_t *v = body_parse_json(b.data, b.len, &err, &line, &col);
    bool valid = b.len > 0 && utf8_valid(b.data, b.len) && !memchr(b.data, '\0', b.len);
    if (v) {
        if (!valid || !json_is_object(v) || err != BODY_JSON_OK || line != 0 || col != 0)
            abort();
        json_decref(v);
    } else {
        switch (err) {
        case BODY_JSON_EMPTY:
            if (b.len != 0)
                abort();
            break;
        case BODY_JSON_BAD_UTF8:
            if (valid || b.len == 0)
                abort();
            break;
        case BODY_JSON_SYNTAX:
            if (!valid || line < 0 || col < 0)
                abort();
            break;
        case BODY_JSON_NOT_OBJECT:
            if (!valid)
                abort();
            break;
        default:
            abort();
        }
    }
    body_free(&b);
    if (b.data || b.len)
        abort();
    return 0;
}
