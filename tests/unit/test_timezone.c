/* test_timezone.c - domain/timezone: WIB, WITA, WIT by province (Keppres 41/1987). */
#include "domain/timezone.h"

#include <criterion/criterion.h>

Test(timezone, provinces)
{
    cr_assert_eq(tz_region_offset("32.11"), 420, "Jawa Barat: WIB");
    cr_assert_eq(tz_region_offset("18.01"), 420, "Lampung: WIB");
    cr_assert_eq(tz_region_offset("62.08"), 420, "Kalimantan Tengah: WIB");
    cr_assert_eq(tz_region_offset("51.71"), 480, "Bali: WITA");
    cr_assert_eq(tz_region_offset("64"), 480, "Kalimantan Timur: WITA");
    cr_assert_eq(tz_region_offset("73.24"), 480, "Sulawesi Selatan: WITA");
    cr_assert_eq(tz_region_offset("72.09"), 480, "Sulawesi Tengah: WITA");
    cr_assert_eq(tz_region_offset("81.01"), 540, "Maluku: WIT");
    cr_assert_eq(tz_region_offset("94.01"), 540, "Papua Tengah: WIT");
    cr_assert_eq(tz_region_offset("97"), 540, "Papua Barat Daya: WIT");
    cr_assert_eq(tz_region_offset(NULL), 420);
    cr_assert_eq(tz_region_offset("x"), 420);
}

Test(timezone, names)
{
    cr_assert_str_eq(tz_name(420), "WIB");
    cr_assert_str_eq(tz_name(480), "WITA");
    cr_assert_str_eq(tz_name(540), "WIT");
    cr_assert_null(tz_name(0));
    cr_assert_eq(tz_parse("WITA"), 480);
    cr_assert_eq(tz_parse("wita"), -1, "names are exact");
    cr_assert_eq(tz_parse(NULL), -1);
}
