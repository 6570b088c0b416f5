/* test_contact.c - domain/contact: phone and e-mail normal forms, masks,
 * common passwords; domain/roles: role bits and region coverage. */
#include "domain/contact.h"
#include "domain/roles.h"

#include <criterion/criterion.h>

Test(phone, normalizes_indonesian_mobiles)
{
    char out[24];
    cr_assert(phone_normalize("081234567890", out, sizeof out));
    cr_assert_str_eq(out, "+6281234567890");
    cr_assert(phone_normalize("0812-3456-7890", out, sizeof out));
    cr_assert_str_eq(out, "+6281234567890");
    cr_assert(phone_normalize("+62 812 3456 7890", out, sizeof out));
    cr_assert_str_eq(out, "+6281234567890");
    cr_assert(phone_normalize("6281234567890", out, sizeof out));
    cr_assert_str_eq(out, "+6281234567890");
    cr_assert(phone_normalize("0812345678", out, sizeof out), "10 digits is the shortest");
}

Test(phone, refuses_others)
{
    char out[24];
    const char *bad[] = {"", "12345", "0212345678", "+6221234567", "+1 555 123 4567", "08123", "0812345678901234",
                         "08123abc567", "++6281234567890", "081234567890+"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert(!phone_normalize(bad[i], out, sizeof out), "'%s' must be refused", bad[i]);
}

Test(phone, mask_keeps_prefix_and_last_four)
{
    char out[32];
    phone_mask("+6281234567890", out, sizeof out);
    cr_assert_str_eq(out, "+62812****7890");
}

Test(email, normalizes_and_refuses)
{
    char out[256];
    cr_assert(email_normalize("Siti.Aminah@Example.CO.ID", out, sizeof out));
    cr_assert_str_eq(out, "siti.aminah@example.co.id");
    const char *bad[] = {"", "a@b", "siti", "@example.com", "siti@", "siti@example", "si ti@example.com",
                         "siti@@example.com", "siti@example.", "siti@.com"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert(!email_normalize(bad[i], out, sizeof out), "'%s' must be refused", bad[i]);
    email_mask("siti@example.com", out, sizeof out);
    cr_assert_str_eq(out, "s***@example.com");
}

Test(password, common_ones_refused_case_insensitively)
{
    cr_assert(password_is_common("password123"));
    cr_assert(password_is_common("PASSWORD123"));
    cr_assert(password_is_common("bismillah123"));
    cr_assert(!password_is_common("kopi-susu-pagi-hari"));
}

Test(roles, bits_and_names)
{
    cr_assert_eq(role_bit("citizen"), ROLE_CITIZEN);
    cr_assert_eq(role_bit("region_admin"), ROLE_REGION_ADMIN);
    cr_assert_eq(role_bit("platform_admin"), ROLE_PLATFORM_ADMIN);
    cr_assert_eq(role_bit("root"), 0u);
    cr_assert_eq(role_bit(NULL), 0u);
    cr_assert(!(ROLE_STAFF & ROLE_CITIZEN));
    cr_assert(ROLE_STAFF & ROLE_EXECUTIVE);
}

Test(roles, region_covers)
{
    cr_assert(region_covers("32", "32"));
    cr_assert(region_covers("32", "32.11"));
    cr_assert(region_covers("32.11", "32.11.01.2001"));
    cr_assert(!region_covers("32.11", "32.1"));
    cr_assert(!region_covers("32.1", "32.11"), "prefix of a code is not an ancestor");
    cr_assert(!region_covers("32.11", "18.01"));
    cr_assert(!region_covers("32.11", "32"), "a regency grant does not cover its province");
    cr_assert(region_covers(NULL, "18.01"), "platform-wide grant");
    cr_assert(!region_covers("32", NULL));
}
