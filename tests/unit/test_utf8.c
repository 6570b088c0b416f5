/* test_utf8.c - lib/utf8: RFC 3629 well-formedness. */
#include "lib/utf8.h"

#include <criterion/criterion.h>
#include <string.h>

static bool ok(const char *s)
{
    return utf8_valid(s, strlen(s));
}

Test(utf8, ascii_and_empty)
{
    cr_assert(utf8_valid("", 0));
    cr_assert(utf8_valid(NULL, 0));
    cr_assert(ok("Kota Bandung 32.73"));
    cr_assert(utf8_valid("a\0b", 3), "NUL bytes are allowed");
}

Test(utf8, valid_multibyte_and_boundaries)
{
    cr_assert(ok("\xC2\x80"));             /* U+0080, smallest 2-byte */
    cr_assert(ok("\xDF\xBF"));             /* U+07FF */
    cr_assert(ok("\xE0\xA0\x80"));         /* U+0800, smallest 3-byte */
    cr_assert(ok("\xED\x9F\xBF"));         /* U+D7FF, just below surrogates */
    cr_assert(ok("\xEE\x80\x80"));         /* U+E000, just above */
    cr_assert(ok("\xEF\xBF\xBF"));         /* U+FFFF */
    cr_assert(ok("\xF0\x90\x80\x80"));     /* U+10000 */
    cr_assert(ok("\xF4\x8F\xBF\xBF"));     /* U+10FFFF, the last */
    cr_assert(ok("Pidië 東京 😀"));
}

Test(utf8, overlongs_rejected)
{
    cr_assert_not(ok("\xC0\x80"));
    cr_assert_not(ok("\xC1\xBF"));
    cr_assert_not(ok("\xE0\x80\x80"));
    cr_assert_not(ok("\xE0\x9F\xBF"));
    cr_assert_not(ok("\xF0\x80\x80\x80"));
    cr_assert_not(ok("\xF0\x8F\xBF\xBF"));
}

Test(utf8, surrogates_and_beyond_max_rejected)
{
    cr_assert_not(ok("\xED\xA0\x80")); /* U+D800 */
    cr_assert_not(ok("\xED\xBF\xBF")); /* U+DFFF */
    cr_assert_not(ok("\xF4\x90\x80\x80")); /* U+110000 */
    cr_assert_not(ok("\xF5\x80\x80\x80"));
    cr_assert_not(ok("\xF8\x88\x80\x80\x80")); /* 5-byte form */
    cr_assert_not(ok("\xFC\x84\x80\x80\x80\x80"));
    cr_assert_not(ok("\xFE"));
    cr_assert_not(ok("\xFF"));
}

Test(utf8, truncated_and_bad_continuations)
{
    cr_assert_not(ok("\x80"));
    cr_assert_not(ok("a\xBF"));
    cr_assert_not(ok("\xC3"));
    cr_assert_not(ok("\xE6\x9D"));
    cr_assert_not(ok("\xF0\x9F\x98"));
    cr_assert_not(ok("\xC3\x28"));
    cr_assert_not(ok("\xE6\x28\xB1"));
    cr_assert_not(ok("\xF0\x9F\x28\x80"));
    /* the length bounds the check: a valid char cut by n */
    cr_assert_not(utf8_valid("\xC3\xA9", 1));
    cr_assert(utf8_valid("\xC3\xA9xyz", 2));
    /* a NUL where a continuation should be */
    cr_assert_not(utf8_valid("\xC3\0", 2));
}

Test(utf8, length_counts_code_points)
{
    cr_assert_eq(utf8_length("", 0), 0);
    cr_assert_eq(utf8_length("abc", 3), 3);
    cr_assert_eq(utf8_length("Pidië", strlen("Pidië")), 5);
    cr_assert_eq(utf8_length("東京", strlen("東京")), 2);
    cr_assert_eq(utf8_length("😀x", strlen("😀x")), 2);
    cr_assert_eq(utf8_length("a\0b", 3), 3, "NUL is a code point");
    cr_assert_eq(utf8_length("東京", 3), 1, "only n bytes are read");
}
