/* test_region_code.c - domain/region_code: shapes of Kemendagri codes, parents, level names. */
#include "domain/region_code.h"

#include <criterion/criterion.h>
#include <string.h>

Test(region_code, valid_at_each_level)
{
    cr_assert_eq(region_code_level("32"), REGION_PROVINCE);
    cr_assert_eq(region_code_level("32.11"), REGION_REGENCY);
    cr_assert_eq(region_code_level("32.11.01"), REGION_DISTRICT);
    cr_assert_eq(region_code_level("32.11.01.2001"), REGION_VILLAGE);
    cr_assert_eq(region_code_level("00"), REGION_PROVINCE);
    cr_assert_eq(region_code_level("94.71.10.1001"), REGION_VILLAGE);
}

Test(region_code, invalid_shapes)
{
    const char *bad[] = {
        NULL, "", "3", "321", "3a", "a2", " 32", "32 ", "+2", "-2",
        "32.", "32.1", "32.111", "32.1a", "32..11", ".32", "32,11",
        "32.11.", "32.11.1", "32.11.011", "32.11.0a",
        "32.11.01.", "32.11.01.200", "32.11.01.20011", "32.11.01.200a", "32.11.01.2001.",
        "32.11.01.2001.01", "32.11.01.2001.0001", "32/11", "32.11/01", "３２", "32\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(region_code_level(bad[i]), REGION_INVALID, "'%s' must be invalid", bad[i] ? bad[i] : "(null)");
}

Test(region_code, parents)
{
    char out[14];
    memset(out, 'X', sizeof out);
    cr_assert_eq(region_code_parent("32.11.01.2001", out, sizeof out), REGION_DISTRICT);
    cr_assert_str_eq(out, "32.11.01");
    cr_assert_eq(region_code_parent("32.11.01", out, sizeof out), REGION_REGENCY);
    cr_assert_str_eq(out, "32.11");
    cr_assert_eq(region_code_parent("32.11", out, sizeof out), REGION_PROVINCE);
    cr_assert_str_eq(out, "32");
}

Test(region_code, province_and_invalid_have_no_parent)
{
    char out[14] = "untouched";
    cr_assert_eq(region_code_parent("32", out, sizeof out), REGION_INVALID);
    cr_assert_eq(region_code_parent("32.1", out, sizeof out), REGION_INVALID);
    cr_assert_eq(region_code_parent("", out, sizeof out), REGION_INVALID);
    cr_assert_eq(region_code_parent(NULL, out, sizeof out), REGION_INVALID);
    cr_assert_eq(region_code_parent("32.11.01.200", out, sizeof out), REGION_INVALID);
    cr_assert_str_eq(out, "untouched");
}

Test(region_code, parent_respects_outlen)
{
    char out[14] = "untouched";
    /* "32.11.01" needs 9 bytes */
    cr_assert_eq(region_code_parent("32.11.01.2001", out, 8), REGION_INVALID);
    cr_assert_eq(region_code_parent("32.11.01.2001", out, 9), REGION_DISTRICT);
    cr_assert_str_eq(out, "32.11.01");
    cr_assert_eq(region_code_parent("32.11", out, 2), REGION_INVALID);
    cr_assert_eq(region_code_parent("32.11", out, 3), REGION_PROVINCE);
    cr_assert_str_eq(out, "32");
}

Test(region_code, parent_chain_reaches_province)
{
    char code[14] = "73.71.11.1004";
    const region_level_t want[] = {REGION_DISTRICT, REGION_REGENCY, REGION_PROVINCE};
    for (int i = 0; i < 3; i++) {
        char parent[14];
        cr_assert_eq(region_code_parent(code, parent, sizeof parent), want[i]);
        cr_assert_eq(region_code_level(parent), want[i]);
        cr_assert_eq(strncmp(code, parent, strlen(parent)), 0, "the parent is a prefix");
        strcpy(code, parent);
    }
    char none[14];
    cr_assert_eq(region_code_parent(code, none, sizeof none), REGION_INVALID);
}

Test(region_code, level_names_roundtrip)
{
    cr_assert_str_eq(region_level_name(REGION_PROVINCE), "province");
    cr_assert_str_eq(region_level_name(REGION_REGENCY), "regency");
    cr_assert_str_eq(region_level_name(REGION_DISTRICT), "district");
    cr_assert_str_eq(region_level_name(REGION_VILLAGE), "village");
    cr_assert_null(region_level_name(REGION_INVALID));
    cr_assert_null(region_level_name((region_level_t)5));
    cr_assert_null(region_level_name((region_level_t)-1));
    for (int l = REGION_PROVINCE; l <= REGION_VILLAGE; l++)
        cr_assert_eq(region_level_parse(region_level_name((region_level_t)l)), (region_level_t)l);
    cr_assert_eq(region_level_parse("Province"), REGION_INVALID);
    cr_assert_eq(region_level_parse("city"), REGION_INVALID);
    cr_assert_eq(region_level_parse(""), REGION_INVALID);
    cr_assert_eq(region_level_parse(NULL), REGION_INVALID);
}
