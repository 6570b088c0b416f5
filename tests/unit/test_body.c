/* test_body.c - http/body: the size cap, Content-Type matching, JSON decoding
 * with the reasons a body is refused. */
#include "http/body.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

/* ---- collection and the cap ---------------------------------------------- */

Test(body, exactly_max_is_accepted)
{
    body_t b;
    body_init(&b, 10);
    cr_assert_eq(body_feed(&b, "0123456789", 10), 0);
    cr_assert_eq(b.len, 10);
    cr_assert_eq(b.seen, 10);
    cr_assert_not(b.too_large);
    cr_assert_eq(memcmp(b.data, "0123456789", 10), 0);
    cr_assert_leq(b.cap, 10, "never holds more than max");
    body_free(&b);
}

Test(body, max_plus_one_is_refused)
{
    body_t b;
    body_init(&b, 10);
    cr_assert_eq(body_feed(&b, "0123456789X", 11), -1);
    cr_assert(b.too_large);
    cr_assert_leq(b.len, 10);
    cr_assert_eq(b.seen, 11);
    body_free(&b);
}

Test(body, chunks_up_to_max_then_one_more_byte)
{
    body_t b;
    body_init(&b, 10);
    cr_assert_eq(body_feed(&b, "0123", 4), 0);
    cr_assert_eq(body_feed(&b, "456", 3), 0);
    cr_assert_eq(body_feed(&b, "789", 3), 0);
    cr_assert_eq(b.len, 10);
    cr_assert_not(b.too_large);
    cr_assert_eq(memcmp(b.data, "0123456789", 10), 0);
    cr_assert_eq(body_feed(&b, "X", 1), -1);
    cr_assert(b.too_large);
    cr_assert_eq(b.len, 10, "what was kept stays");
    cr_assert_eq(memcmp(b.data, "0123456789", 10), 0);
    /* later bytes are only counted, even small ones */
    cr_assert_eq(body_feed(&b, "Y", 1), -1);
    cr_assert_eq(body_feed(&b, "ZZZZ", 4), -1);
    cr_assert_eq(b.seen, 16);
    cr_assert_eq(b.len, 10);
    body_free(&b);
}

Test(body, over_in_the_middle_of_a_chunk_keeps_earlier_bytes)
{
    body_t b;
    body_init(&b, 8);
    cr_assert_eq(body_feed(&b, "abcde", 5), 0);
    cr_assert_eq(body_feed(&b, "fghij", 5), -1);
    cr_assert(b.too_large);
    cr_assert_leq(b.len, 8);
    cr_assert_eq(b.seen, 10);
    body_free(&b);
}

Test(body, large_body_grows_in_steps)
{
    size_t max = 1 << 20;
    body_t b;
    body_init(&b, max);
    char chunk[3000];
    memset(chunk, 'j', sizeof chunk);
    size_t fed = 0;
    while (fed + sizeof chunk <= max) {
        cr_assert_eq(body_feed(&b, chunk, sizeof chunk), 0);
        fed += sizeof chunk;
    }
    cr_assert_eq(b.len, fed);
    cr_assert_leq(b.cap, max);
    cr_assert_geq(b.cap, b.len);
    cr_assert_eq(body_feed(&b, chunk, max - fed), 0);
    cr_assert_eq(b.len, max);
    cr_assert_eq(body_feed(&b, "x", 1), -1);
    body_free(&b);
    cr_assert_null(b.data);
    cr_assert_eq(b.len, 0);
}

Test(body, zero_max_refuses_any_byte)
{
    body_t b;
    body_init(&b, 0);
    cr_assert_eq(body_feed(&b, "x", 1), -1);
    cr_assert(b.too_large);
    cr_assert_eq(b.len, 0);
    body_free(&b);
}

Test(body, empty_feed_on_fresh_body)
{
    body_t b;
    body_init(&b, 16);
    cr_assert_eq(body_feed(&b, "", 0), 0);
    cr_assert_eq(b.len, 0);
    cr_assert_not(b.too_large);
    cr_assert_eq(body_feed(&b, "ab", 2), 0);
    cr_assert_eq(body_feed(&b, "", 0), 0);
    cr_assert_eq(b.len, 2);
    body_free(&b);
}

Test(body, free_twice_is_safe)
{
    body_t b;
    body_init(&b, 16);
    body_feed(&b, "abc", 3);
    body_free(&b);
    body_free(&b);
    cr_assert_null(b.data);
}

/* ---- Content-Type --------------------------------------------------------- */

Test(body, json_content_types)
{
    cr_assert(body_is_json_type("application/json"));
    cr_assert(body_is_json_type("application/json; charset=utf-8"));
    cr_assert(body_is_json_type("application/json;charset=UTF-8"));
    cr_assert(body_is_json_type("Application/JSON"), "media types are case-insensitive");
    cr_assert(body_is_json_type("  application/json"));
    cr_assert(body_is_json_type("application/json ; charset=utf-8"));
}

Test(body, non_json_content_types)
{
    cr_assert_not(body_is_json_type(NULL));
    cr_assert_not(body_is_json_type(""));
    cr_assert_not(body_is_json_type("application/jsonx"));
    cr_assert_not(body_is_json_type("application/json-patch+json"));
    cr_assert_not(body_is_json_type("application/jso"));
    cr_assert_not(body_is_json_type("text/plain"));
    cr_assert_not(body_is_json_type("text/json"));
    cr_assert_not(body_is_json_type("application/x-www-form-urlencoded"));
    cr_assert_not(body_is_json_type("multipart/form-data; boundary=x"));
    cr_assert_not(body_is_json_type("xapplication/json"));
}

/* ---- JSON decoding -------------------------------------------------------- */

static json_t *parse(const char *s, body_json_err_t *err, int *line, int *col)
{
    return body_parse_json(s, strlen(s), err, line, col);
}

Test(body, parses_an_object)
{
    body_json_err_t err = BODY_JSON_SYNTAX;
    int line = -1, col = -1;
    const char *s = "{\"codes\": [\"32\", \"32.11\"], \"name\": \"Pidië\"}";
    json_t *v = parse(s, &err, &line, &col);
    cr_assert_not_null(v);
    cr_assert_eq(err, BODY_JSON_OK);
    cr_assert_eq(line, 0);
    cr_assert_eq(col, 0);
    cr_assert(json_is_object(v));
    cr_assert_eq(json_array_size(json_object_get(v, "codes")), 2);
    cr_assert_str_eq(json_string_value(json_object_get(v, "name")), "Pidië");
    cr_assert_eq(v->refcount, 1, "the caller gets the only reference");
    json_decref(v);
    v = parse("{}", &err, &line, &col);
    cr_assert_not_null(v);
    cr_assert_eq(json_object_size(v), 0);
    json_decref(v);
    v = parse(" \r\n\t{\"a\":1}\n ", &err, &line, &col);
    cr_assert_not_null(v, "surrounding whitespace is fine");
    json_decref(v);
}

Test(body, only_len_bytes_are_read)
{
    body_json_err_t err;
    int line, col;
    const char *s = "{\"a\":1}GARBAGE";
    json_t *v = body_parse_json(s, 7, &err, &line, &col);
    cr_assert_not_null(v);
    json_decref(v);
}

Test(body, empty)
{
    body_json_err_t err = BODY_JSON_OK;
    int line = 5, col = 5;
    cr_assert_null(body_parse_json(NULL, 0, &err, &line, &col));
    cr_assert_eq(err, BODY_JSON_EMPTY);
    cr_assert_eq(line, 0);
    cr_assert_eq(col, 0);
    err = BODY_JSON_OK;
    cr_assert_null(body_parse_json("{}", 0, &err, &line, &col));
    cr_assert_eq(err, BODY_JSON_EMPTY);
}

Test(body, bad_utf8)
{
    const char *bad[] = {
        "{\"a\":\"\xff\"}",         /* not UTF-8 at all */
        "{\"a\":\"\xC0\xAF\"}",     /* overlong */
        "{\"a\":\"\xED\xA0\x80\"}", /* surrogate */
        "{\"a\":\"\xE6\x9D\"}",     /* truncated */
        "{\"\x80\":1}",             /* in a key */
        "\xEF\xBB\xBF\xFF{}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        body_json_err_t err = BODY_JSON_OK;
        int line, col;
        cr_assert_null(parse(bad[i], &err, &line, &col));
        cr_assert_eq(err, BODY_JSON_BAD_UTF8, "case %zu gave %d", i, err);
    }
}

Test(body, nul_byte_refused)
{
    const char s[] = "{\"a\":\"x\0y\"}";
    body_json_err_t err = BODY_JSON_OK;
    int line, col;
    cr_assert_null(body_parse_json(s, sizeof s - 1, &err, &line, &col));
    cr_assert_eq(err, BODY_JSON_BAD_UTF8);
    const char t[] = "{\"a\":1}\0";
    cr_assert_null(body_parse_json(t, sizeof t - 1, &err, &line, &col), "a trailing NUL is refused too");
}

Test(body, escaped_nul_is_valid_json)
{
    /* "\u0000" is valid JSON: the string keeps its length, callers compare
     * json_string_length() with strlen() where a C string is needed (body.h) */
    body_json_err_t err = BODY_JSON_SYNTAX;
    int line, col;
    json_t *v = parse("{\"a\":\"x\\u0000y\"}", &err, &line, &col);
    cr_assert_not_null(v);
    cr_assert_eq(err, BODY_JSON_OK);
    json_t *a = json_object_get(v, "a");
    cr_assert_eq(json_string_length(a), 3);
    cr_assert_eq(strlen(json_string_value(a)), 1);
    json_decref(v);
}

Test(body, arrays_are_not_objects)
{
    body_json_err_t err = BODY_JSON_OK;
    int line, col;
    cr_assert_null(parse("[1,2]", &err, &line, &col));
    cr_assert_eq(err, BODY_JSON_NOT_OBJECT);
    cr_assert_null(parse("[]", &err, &line, &col));
    cr_assert_eq(err, BODY_JSON_NOT_OBJECT);
}

Test(body, scalars_are_not_objects)
{
    /* "42" is well-formed JSON (RFC 8259), so the reason is NOT_OBJECT, not SYNTAX. */
    const char *scalars[] = {"42", "\"codes\"", "null", "true", "-1.5e3"};
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) {
        body_json_err_t err = BODY_JSON_OK;
        int line, col;
        cr_assert_null(parse(scalars[i], &err, &line, &col));
        cr_assert_eq(err, BODY_JSON_NOT_OBJECT, "'%s' gave reason %d, want BODY_JSON_NOT_OBJECT (%d)", scalars[i],
                     err, BODY_JSON_NOT_OBJECT);
    }
}

static void syntax_at(const char *s, int want_line, int want_col)
{
    body_json_err_t err = BODY_JSON_OK;
    int line = -1, col = -1;
    cr_assert_null(parse(s, &err, &line, &col), "'%s' must be refused", s);
    cr_assert_eq(err, BODY_JSON_SYNTAX, "'%s' gave %d", s, err);
    cr_assert_eq(line, want_line, "'%s': line %d, want %d", s, line, want_line);
    cr_assert_eq(col, want_col, "'%s': column %d, want %d", s, col, want_col);
}

Test(body, syntax_errors_with_line_and_column)
{
    syntax_at("{\n  \"a\": }", 2, 8);     /* the '}' where a value should be */
    syntax_at("{\"a\":1,}", 1, 8);        /* trailing comma */
    syntax_at("{\"a\" 1}", 1, 6);         /* missing colon */
    syntax_at("{\n\n   x", 3, 4);         /* garbage on line 3 */
    syntax_at("{\"a\":[1,\n2,\n3,]}", 3, 3);
    syntax_at("{", 1, 1);                 /* unexpected end */
    syntax_at("{\"a\":1} x", 1, 9);       /* trailing garbage */
}

Test(body, whitespace_only_is_a_syntax_error)
{
    body_json_err_t err = BODY_JSON_OK;
    int line, col;
    cr_assert_null(parse("   \n ", &err, &line, &col));
    cr_assert(err == BODY_JSON_SYNTAX || err == BODY_JSON_EMPTY);
    cr_assert_geq(line, err == BODY_JSON_SYNTAX ? 1 : 0);
}

Test(body, duplicate_keys_refused)
{
    body_json_err_t err = BODY_JSON_OK;
    int line, col;
    cr_assert_null(parse("{\"codes\":[],\"codes\":[\"32\"]}", &err, &line, &col));
    cr_assert_eq(err, BODY_JSON_SYNTAX);
    cr_assert_eq(line, 1);
    cr_assert_gt(col, 0);
}

Test(body, deep_nesting_is_refused_not_a_crash)
{
    size_t depth = 100000;
    char *s = malloc(depth + 16);
    strcpy(s, "{\"a\":");
    memset(s + 5, '[', depth);
    s[5 + depth] = '\0';
    body_json_err_t err = BODY_JSON_OK;
    int line, col;
    cr_assert_null(body_parse_json(s, strlen(s), &err, &line, &col));
    cr_assert_eq(err, BODY_JSON_SYNTAX);
    free(s);
}
