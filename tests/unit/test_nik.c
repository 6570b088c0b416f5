/* test_nik.c - domain/nik: the NIK shape rules of DOMAIN.md and masking. */
#include "domain/nik.h"

#include <criterion/criterion.h>
#include <string.h>

Test(nik, valid_male_and_female)
{
    nik_parts_t p;
    cr_assert_eq(nik_parse("3211011508900001", &p), NIK_OK);
    cr_assert_str_eq(p.district, "32.11.01");
    cr_assert_eq(p.day, 15);
    cr_assert_eq(p.month, 8);
    cr_assert_eq(p.yy, 90);
    cr_assert(!p.female);
    cr_assert_eq(nik_parse("3211015508900001", &p), NIK_OK, "women: day + 40");
    cr_assert_eq(p.day, 15);
    cr_assert(p.female);
    cr_assert_eq(nik_parse("3211017112990001", &p), NIK_OK, "31 December, female");
    cr_assert_eq(p.day, 31);
}

Test(nik, shape_errors)
{
    cr_assert_eq(nik_parse(NULL, NULL), NIK_NOT_16_DIGITS);
    cr_assert_eq(nik_parse("321101150890000", NULL), NIK_NOT_16_DIGITS, "15 digits");
    cr_assert_eq(nik_parse("32110115089000011", NULL), NIK_NOT_16_DIGITS, "17 digits");
    cr_assert_eq(nik_parse("32110115089O0001", NULL), NIK_NOT_16_DIGITS, "a letter O");
    cr_assert_eq(nik_parse("0011011508900001", NULL), NIK_BAD_DISTRICT, "province 00");
    cr_assert_eq(nik_parse("3200011508900001", NULL), NIK_BAD_DISTRICT, "regency 00");
    cr_assert_eq(nik_parse("3211001508900001", NULL), NIK_BAD_DISTRICT, "district 00");
}

Test(nik, dates)
{
    cr_assert_eq(nik_parse("3211013102900001", NULL), NIK_BAD_DATE, "31 February");
    cr_assert_eq(nik_parse("3211011513900001", NULL), NIK_BAD_DATE, "month 13");
    cr_assert_eq(nik_parse("3211010008900001", NULL), NIK_BAD_DATE, "day 0");
    cr_assert_eq(nik_parse("3211013208900001", NULL), NIK_BAD_DATE, "day 32");
    cr_assert_eq(nik_parse("3211017208900001", NULL), NIK_BAD_DATE, "female day 72 = 32");
    cr_assert_eq(nik_parse("3211014008900001", NULL), NIK_BAD_DATE, "day 40 is neither");
    cr_assert_eq(nik_parse("3211012902000001", NULL), NIK_OK, "29 Feb 2000");
    cr_assert_eq(nik_parse("3211012902040001", NULL), NIK_OK, "29 Feb 2004");
    cr_assert_eq(nik_parse("3211012902030001", NULL), NIK_BAD_DATE, "29 Feb 2003/1903");
    cr_assert_eq(nik_parse("3211013104900001", NULL), NIK_BAD_DATE, "31 April");
}

Test(nik, serial)
{
    cr_assert_eq(nik_parse("3211011508900000", NULL), NIK_ZERO_SERIAL);
    cr_assert_eq(nik_parse("3211011508909999", NULL), NIK_OK);
}

Test(nik, reasons_in_both_languages)
{
    for (int s = NIK_NOT_16_DIGITS; s <= NIK_ZERO_SERIAL; s++) {
        cr_assert_gt(strlen(nik_reason_en((nik_status_t)s)), 10);
        cr_assert_gt(strlen(nik_reason_id((nik_status_t)s)), 10);
        cr_assert_str_neq(nik_reason_en((nik_status_t)s), nik_reason_id((nik_status_t)s));
    }
}

Test(nik, mask)
{
    char out[17];
    nik_mask("3211015508900001", out);
    cr_assert_str_eq(out, "3211********0001");
}
