/* test_buf.c - lib/buf: growth, printf, detach, and JSON string escaping that
 * always yields valid JSON (checked by parsing it back with jansson). */
#include "lib/buf.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

/* Escapes s[0..n) into a JSON string, parses it back and returns the decoded
 * value (caller json_decref). Fails the test when the output is not JSON. */
static json_t *roundtrip(const char *s, size_t n, buf_t *b)
{
    buf_reset(b);
    cr_assert_eq(buf_json_string(b, s, n), 0);
    cr_assert_eq(strlen(b->data), b->len, "escaped output must not contain raw NUL");
    json_error_t je;
    json_t *v = json_loadb(b->data, b->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
    cr_assert_not_null(v, "not valid JSON: %s (%s at col %d)", b->data, je.text, je.column);
    cr_assert(json_is_string(v));
    return v;
}

Test(buf, append_keeps_nul_terminated_and_grows)
{
    buf_t b = BUF_INIT;
    cr_assert_null(b.data);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(buf_append(&b, "ab", 2), 0);
    cr_assert_eq(b.len, 2000);
    cr_assert_eq(b.data[2000], '\0');
    cr_assert_geq(b.cap, 2001);
    cr_assert_eq(strncmp(b.data, "abab", 4), 0);
    cr_assert_eq(b.oom, false);
    buf_free(&b);
    cr_assert_null(b.data);
    cr_assert_eq(b.len, 0);
    cr_assert_eq(b.cap, 0);
}

Test(buf, append_zero_bytes_gives_empty_string)
{
    buf_t b = BUF_INIT;
    cr_assert_eq(buf_append(&b, "", 0), 0);
    cr_assert_not_null(b.data);
    cr_assert_str_eq(b.data, "");
    buf_free(&b);
}

Test(buf, puts_and_printf)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "x=");
    buf_printf(&b, "%d/%s/%.2f", -7, "ok", 1.5);
    cr_assert_str_eq(b.data, "x=-7/ok/1.50");
    cr_assert_eq(b.len, strlen("x=-7/ok/1.50"));
    /* a long printf forces growth inside buf_printf */
    char big[3000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    buf_printf(&b, "<%s>", big);
    cr_assert_eq(b.len, strlen("x=-7/ok/1.50") + 3001);
    cr_assert_eq(b.data[b.len - 1], '>');
    cr_assert_eq(b.data[b.len], '\0');
    buf_free(&b);
}

Test(buf, reset_keeps_memory)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "hello");
    size_t cap = b.cap;
    char *mem = b.data;
    buf_reset(&b);
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(b.data, "");
    cr_assert_eq(b.cap, cap);
    cr_assert_eq(b.data, mem);
    buf_free(&b);
}

Test(buf, detach_hands_over_and_empties)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "satu pintu");
    size_t len = 0;
    char *s = buf_detach(&b, &len);
    cr_assert_str_eq(s, "satu pintu");
    cr_assert_eq(len, 10);
    cr_assert_null(b.data);
    cr_assert_eq(b.len, 0);
    cr_assert_eq(b.cap, 0);
    free(s);

    /* detaching an empty, never-used buffer gives "" not NULL */
    buf_t e = BUF_INIT;
    char *t = buf_detach(&e, &len);
    cr_assert_not_null(t);
    cr_assert_str_eq(t, "");
    cr_assert_eq(len, 0);
    free(t);

    /* detach after reset gives "" too */
    buf_t r = BUF_INIT;
    buf_puts(&r, "abc");
    buf_reset(&r);
    char *u = buf_detach(&r, NULL);
    cr_assert_str_eq(u, "");
    free(u);
}

Test(buf, json_string_plain_and_specials)
{
    buf_t b = BUF_INIT;
    buf_json_string(&b, "Jawa Barat", 10);
    cr_assert_str_eq(b.data, "\"Jawa Barat\"");
    buf_reset(&b);
    const char *s = "a\"b\\c\nd\re\tf/";
    buf_json_string(&b, s, strlen(s));
    cr_assert_str_eq(b.data, "\"a\\\"b\\\\c\\nd\\re\\tf/\"");
    json_t *v = roundtrip(s, strlen(s), &b);
    cr_assert_str_eq(json_string_value(v), s);
    json_decref(v);
    buf_reset(&b);
    buf_json_string(&b, "", 0);
    cr_assert_str_eq(b.data, "\"\"");
    buf_free(&b);
}

Test(buf, json_string_escapes_every_control_char)
{
    buf_t b = BUF_INIT;
    char s[32];
    for (int i = 0; i < 32; i++)
        s[i] = (char)i;
    json_t *v = roundtrip(s, sizeof s, &b);
    for (size_t i = 0; i < b.len; i++)
        cr_assert_geq((unsigned char)b.data[i], 0x20, "raw control byte 0x%02x in output", (unsigned char)b.data[i]);
    cr_assert_eq(json_string_length(v), 32);
    cr_assert_eq(memcmp(json_string_value(v), s, 32), 0, "control chars must decode to themselves");
    json_decref(v);
    /* a specific one: 0x01 -> \u0001, 0x1f -> \u001f */
    buf_reset(&b);
    buf_json_string(&b, "\x01\x1f", 2);
    cr_assert_str_eq(b.data, "\"\\u0001\\u001f\"");
    buf_free(&b);
}

Test(buf, json_string_keeps_valid_utf8_raw)
{
    buf_t b = BUF_INIT;
    const char *s = "Kab. Pidië — 東京 😀";
    json_t *v = roundtrip(s, strlen(s), &b);
    cr_assert_str_eq(json_string_value(v), s);
    /* raw, not \u-escaped */
    cr_assert_not_null(strstr(b.data, "東京"));
    json_decref(v);
    buf_free(&b);
}

Test(buf, json_string_escapes_invalid_utf8_bytes)
{
    buf_t b = BUF_INIT;
    /* a lone continuation, an overlong "/", a truncated 3-byte seq, a surrogate, 0xFF */
    const char *bad[] = {"a\x80z", "\xC0\xAF", "x\xE6\x9D", "\xED\xA0\x80", "\xFF\xFE", "ok\xC3"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        json_t *v = roundtrip(bad[k], strlen(bad[k]), &b);
        /* every byte >= 0x80 came out as \u00XX */
        for (size_t i = 0; i < b.len; i++)
            cr_assert_lt((unsigned char)b.data[i], 0x80, "raw high byte in %s", b.data);
        /* and decodes to the code point of the same value (Latin-1 reading) */
        const char *in = bad[k];
        size_t n = strlen(in);
        size_t want_len = 0;
        for (size_t i = 0; i < n; i++)
            want_len += (unsigned char)in[i] < 0x80 ? 1 : 2;
        cr_assert_eq(json_string_length(v), want_len, "case %zu", k);
        json_decref(v);
    }
    buf_reset(&b);
    buf_json_string(&b, "a\x80z", 3);
    cr_assert_str_eq(b.data, "\"a\\u0080z\"");
    buf_reset(&b);
    buf_json_string(&b, "\xFF", 1);
    cr_assert_str_eq(b.data, "\"\\u00ff\"");
    buf_free(&b);
}

Test(buf, json_string_embedded_nul_and_length)
{
    buf_t b = BUF_INIT;
    json_t *v = roundtrip("a\0b", 3, &b);
    cr_assert_str_eq(b.data, "\"a\\u0000b\"");
    cr_assert_eq(json_string_length(v), 3);
    json_decref(v);
    /* only n bytes are read */
    buf_reset(&b);
    buf_json_string(&b, "abcdef", 3);
    cr_assert_str_eq(b.data, "\"abc\"");
    buf_free(&b);
}

Test(buf, json_string_appends_after_existing)
{
    buf_t b = BUF_INIT;
    buf_puts(&b, "{\"k\":");
    buf_json_string(&b, "v\"", 2);
    buf_puts(&b, "}");
    cr_assert_str_eq(b.data, "{\"k\":\"v\\\"\"}");
    json_error_t je;
    json_t *o = json_loads(b.data, 0, &je);
    cr_assert_not_null(o);
    cr_assert_str_eq(json_string_value(json_object_get(o, "k")), "v\"");
    json_decref(o);
    buf_free(&b);
}

Test(buf, json_string_random_bytes_always_valid_json)
{
    buf_t b = BUF_INIT;
    unsigned seed = 12345;
    char s[64];
    for (int round = 0; round < 2000; round++) {
        size_t n = (size_t)(round % 64);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = (char)(seed >> 16);
        }
        json_t *v = roundtrip(s, n, &b);
        json_decref(v);
    }
    buf_free(&b);
}
