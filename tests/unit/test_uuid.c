/* test_uuid.c - lib/uuid: canonical form, version and variant bits, and the
 * time prefix of version 7 (RFC 9562 section 5.7), which must make later
 * UUIDs sort after earlier ones as plain text. */
#include "lib/uuid.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static void check_shape(const char *u, char version)
{
    cr_assert_eq(strlen(u), 36);
    for (int i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23)
            cr_assert_eq(u[i], '-', "%s at %d", u, i);
        else
            cr_assert(strchr("0123456789abcdef", u[i]) != NULL, "%s at %d", u, i);
    }
    cr_assert_eq(u[14], version, "%s", u);
    cr_assert(strchr("89ab", u[19]) != NULL, "variant of %s", u);
}

Test(uuid, v4_shape_and_uniqueness)
{
    char a[UUID_STR_LEN], b[UUID_STR_LEN];
    uuid_v4(a);
    uuid_v4(b);
    check_shape(a, '4');
    check_shape(b, '4');
    cr_assert_str_neq(a, b);
}

Test(uuid, v7_carries_the_time)
{
    /* 2026-11-23T00:00:00Z in milliseconds: the first 12 hex digits, dashes aside. */
    int64_t ms = 1795392000000;
    char u[UUID_STR_LEN], want[16];
    uuid_v7(ms, u);
    check_shape(u, '7');
    snprintf(want, sizeof want, "%012llx", (unsigned long long)ms);
    char got[13];
    memcpy(got, u, 8);
    memcpy(got + 8, u + 9, 4);
    got[12] = '\0';
    cr_assert_str_eq(got, want);
}

Test(uuid, v7_sorts_by_time)
{
    char prev[UUID_STR_LEN];
    uuid_v7(1000, prev);
    for (int64_t ms = 1001; ms < 1200; ms++) {
        char next[UUID_STR_LEN];
        uuid_v7(ms, next);
        cr_assert(strcmp(prev, next) < 0, "%s then %s", prev, next);
        memcpy(prev, next, sizeof prev);
    }
}
