/* test_tracking.c - domain/tracking: the shape of tracking numbers, the mod-37
 * check against typing mistakes, reading what people type, and PINs without
 * modulo bias. Expected numbers were worked out apart from the code: the check
 * of ZZZZZZZZ = 2^40 - 1 is 15 ('F') since 2^36 = 1 mod 37 (Fermat), so 2^40 = 16;
 * the others by a few lines of Python over Crockford's alphabet. The random
 * bytes come from a fixed-seed splitmix64, so every run sees the same draws. */
#include "domain/tracking.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char CROCKFORD[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static const char CHECK_EXTRA[] = "*~$=U";

/* ---- deterministic bytes ------------------------------------------------ */

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void fill(uint64_t *s, uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (uint8_t)(splitmix(s) >> 56);
}

/* The 5 big-endian bytes of a 40-bit value. */
static void be40(uint64_t v, uint8_t out[5])
{
    for (int i = 4; i >= 0; i--, v >>= 8)
        out[i] = (uint8_t)v;
}

/* The number for value (whose check must be below 32) with prefix. */
static void make_value(const char *prefix, uint64_t v, char out[TRACKING_SIZE])
{
    uint8_t b[5];
    be40(v, b);
    size_t used = 99;
    cr_assert_eq(tracking_make(prefix, b, 5, out, &used), TRACKING_OK, "value %llu",
                 (unsigned long long)v);
    cr_assert_eq(used, 5);
}

/* A sample of numbers from random draws, refused draws skipped. */
static size_t sample(uint64_t seed, const char *prefix, char (*out)[TRACKING_SIZE], size_t want)
{
    size_t got = 0;
    while (got < want) {
        uint8_t b[TRACKING_BYTES];
        fill(&seed, b, sizeof b);
        if (tracking_make(prefix, b, sizeof b, out[got], NULL) == TRACKING_OK)
            got++;
    }
    return got;
}

/* ---- making ------------------------------------------------------------- */

Test(tracking, known_numbers)
{
    char out[TRACKING_SIZE];
    make_value("PBG", 0, out);
    cr_assert_str_eq(out, "PBG-0000-0000-0");
    make_value("PBG", 1, out);
    cr_assert_str_eq(out, "PBG-0000-0001-1");
    make_value("PBG", 0x3CC744DFADull, out);
    cr_assert_str_eq(out, "PBG-7K3M-9QXD-A");
    make_value("PBG", 0x82600D016ull, out);
    cr_assert_str_eq(out, "PBG-10K0-1M0P-K");
    make_value("KTP", 0xFFFFFFFFFFull, out);
    cr_assert_str_eq(out, "KTP-ZZZZ-ZZZZ-F");
    make_value("SIUPMK", 0xFFFFFFFFFFull, out);
    cr_assert_str_eq(out, "SIUPMK-ZZZZ-ZZZZ-F", "the longest prefix fits");
    cr_assert_eq(strlen(out) + 1, TRACKING_SIZE);
    make_value("KK", 37, out);
    cr_assert_str_eq(out, "KK-0000-0015-0");
}

Test(tracking, shape_of_every_number)
{
    static char codes[2000][TRACKING_SIZE];
    sample(1, "PBG", codes, 2000);
    for (size_t i = 0; i < 2000; i++) {
        const char *c = codes[i];
        cr_assert_eq(strlen(c), 15, "%s", c);
        cr_assert_eq(memcmp(c, "PBG-", 4), 0, "%s", c);
        cr_assert_eq(c[8], '-', "%s", c);
        cr_assert_eq(c[13], '-', "%s", c);
        for (int j = 4; j < 15; j++)
            if (j != 8 && j != 13)
                cr_assert_not_null(strchr(CROCKFORD, c[j]), "%s: only Crockford symbols, never a * ~ $ = U", c);
    }
}

Test(tracking, check_symbol_table)
{
    cr_assert_eq(tracking_check_symbol(0), '0');
    cr_assert_eq(tracking_check_symbol(10), 'A');
    cr_assert_eq(tracking_check_symbol(18), 'J', "I is skipped");
    cr_assert_eq(tracking_check_symbol(31), 'Z');
    cr_assert_eq(tracking_check_symbol(32), '*');
    cr_assert_eq(tracking_check_symbol(33), '~');
    cr_assert_eq(tracking_check_symbol(34), '$');
    cr_assert_eq(tracking_check_symbol(35), '=');
    cr_assert_eq(tracking_check_symbol(36), 'U');
    cr_assert_eq(tracking_check_symbol(37), '0');
    cr_assert_eq(tracking_check_symbol(0xFFFFFFFFFFull), 'F');
}

Test(tracking, draws_with_a_symbol_check_are_skipped)
{
    char out[TRACKING_SIZE] = "untouched";
    uint8_t b[10] = {0, 0, 0, 0, 32, 0, 0, 0, 0, 1}; /* 32: check '*'; then 1 */
    size_t used = 99;
    cr_assert_eq(tracking_make("PBG", b, 5, out, &used), TRACKING_NEED_MORE);
    cr_assert_eq(used, 5, "the refused draw was taken");
    cr_assert_eq(tracking_make("PBG", b, 10, out, &used), TRACKING_OK);
    cr_assert_eq(used, 10);
    cr_assert_str_eq(out, "PBG-0000-0001-1");
    for (uint8_t v = 32; v <= 36; v++) {
        uint8_t one[5] = {0, 0, 0, 0, v};
        cr_assert_eq(tracking_make("PBG", one, 5, out, NULL), TRACKING_NEED_MORE, "value %d", v);
    }
    cr_assert_eq(tracking_make("PBG", b, 4, out, &used), TRACKING_NEED_MORE, "not a whole draw");
    cr_assert_eq(used, 0);
    cr_assert_eq(tracking_make("PBG", NULL, 0, out, &used), TRACKING_NEED_MORE);
    cr_assert_eq(tracking_make("PBG", b, 9, out, &used), TRACKING_NEED_MORE, "a draw and a half");
    cr_assert_eq(used, 5);
}

Test(tracking, refusal_rate_is_five_in_thirty_seven)
{
    uint64_t seed = 2;
    int ok = 0, tries = 100000;
    for (int i = 0; i < tries; i++) {
        uint8_t b[5];
        char out[TRACKING_SIZE];
        fill(&seed, b, 5);
        ok += tracking_make("PBG", b, 5, out, NULL) == TRACKING_OK;
    }
    /* Expected 32/37 = 86,486; binomial sd about 108. */
    cr_assert(ok > 86000 && ok < 87000, "accepted %d of %d", ok, tries);
}

Test(tracking, prefixes)
{
    cr_assert(tracking_prefix_valid("PB"));
    cr_assert(tracking_prefix_valid("PBG"));
    cr_assert(tracking_prefix_valid("SIUPMK"));
    cr_assert(tracking_prefix_valid("IOLU"), "a prefix may hold any letter");
    cr_assert(!tracking_prefix_valid("P"));
    cr_assert(!tracking_prefix_valid("PBGMBR1"));
    cr_assert(!tracking_prefix_valid("PBGMBRX"));
    cr_assert(!tracking_prefix_valid("pbg"));
    cr_assert(!tracking_prefix_valid("PB1"));
    cr_assert(!tracking_prefix_valid("PB-G"));
    cr_assert(!tracking_prefix_valid(""));
    cr_assert(!tracking_prefix_valid(NULL));
    char out[TRACKING_SIZE];
    uint8_t b[5] = {1, 2, 3, 4, 5};
    cr_assert_eq(tracking_make("pbg", b, 5, out, NULL), TRACKING_BAD_PREFIX);
    cr_assert_eq(tracking_make("PBGMBRX", b, 5, out, NULL), TRACKING_BAD_PREFIX);
    cr_assert_eq(tracking_make(NULL, b, 5, out, NULL), TRACKING_NULL_ARG);
    cr_assert_eq(tracking_make("PBG", NULL, 5, out, NULL), TRACKING_NULL_ARG);
    cr_assert_eq(tracking_make("PBG", b, 5, NULL, NULL), TRACKING_NULL_ARG);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(a, b);
}

Test(tracking, distinct_inputs_give_distinct_numbers)
{
    enum { N = 100000 };
    static char codes[N][TRACKING_SIZE];
    sample(3, "PBG", codes, N);
    qsort(codes, N, TRACKING_SIZE, by_text);
    for (size_t i = 1; i < N; i++)
        cr_assert_str_neq(codes[i - 1], codes[i], "a repeat at %zu", i);

    /* Draws one bit apart give numbers apart. */
    uint64_t base = 0x3CC744DFADull;
    char first[TRACKING_SIZE], other[TRACKING_SIZE];
    make_value("PBG", base, first);
    int compared = 0;
    for (int bit = 0; bit < 40; bit++) {
        uint64_t v = base ^ (1ull << bit);
        if (v % 37 >= 32)
            continue;
        make_value("PBG", v, other);
        cr_assert_str_neq(first, other, "bit %d", bit);
        compared++;
    }
    cr_assert_gt(compared, 30);
}

/* ---- the check symbol catches mistakes ---------------------------------- */

/* Positions of the 9 body symbols in a canonical "PBG-XXXX-XXXX-C". */
static const int BODY_AT[9] = {4, 5, 6, 7, 9, 10, 11, 12, 14};

Test(check, every_single_substitution_is_caught)
{
    enum { N = 300 };
    static char codes[N][TRACKING_SIZE];
    sample(4, "PBG", codes, N);
    long tried = 0;
    for (size_t i = 0; i < N; i++) {
        for (int p = 0; p < 9; p++) {
            bool check_pos = p == 8;
            char alphabet[40];
            snprintf(alphabet, sizeof alphabet, "%s%s", CROCKFORD, check_pos ? CHECK_EXTRA : "");
            for (const char *s = alphabet; *s; s++) {
                char typo[TRACKING_SIZE], out[TRACKING_SIZE];
                memcpy(typo, codes[i], TRACKING_SIZE);
                if (typo[BODY_AT[p]] == *s)
                    continue;
                typo[BODY_AT[p]] = *s;
                cr_assert_eq(tracking_parse(typo, out), TRACKING_BAD_CHECK, "%s (from %s)", typo, codes[i]);
                tried++;
            }
        }
    }
    cr_assert_eq(tried, N * (8 * 31 + 36));
}

Test(check, every_adjacent_transposition_is_caught)
{
    enum { N = 3000 };
    static char codes[N][TRACKING_SIZE];
    sample(5, "PBG", codes, N);
    long tried = 0;
    for (size_t i = 0; i < N; i++) {
        for (int p = 0; p < 8; p++) { /* across the hyphens too, and into the check */
            char typo[TRACKING_SIZE], out[TRACKING_SIZE];
            memcpy(typo, codes[i], TRACKING_SIZE);
            char a = typo[BODY_AT[p]], b = typo[BODY_AT[p + 1]];
            if (a == b)
                continue;
            typo[BODY_AT[p]] = b;
            typo[BODY_AT[p + 1]] = a;
            cr_assert_eq(tracking_parse(typo, out), TRACKING_BAD_CHECK, "%s (from %s)", typo, codes[i]);
            tried++;
        }
    }
    cr_assert_gt(tried, N * 8 * 9 / 10, "most neighbours differ: %ld", tried);
}

Test(check, hand_picked_mistakes)
{
    char out[TRACKING_SIZE];
    cr_assert_eq(tracking_parse("PBG-7K3M-9QXD-B", out), TRACKING_BAD_CHECK, "wrong check");
    cr_assert_eq(tracking_parse("PBG-7K3M-9QDX-A", out), TRACKING_BAD_CHECK, "X and D swapped");
    cr_assert_eq(tracking_parse("PBG-7K3M-9QXA-D", out), TRACKING_BAD_CHECK, "D and the check swapped");
    cr_assert_eq(tracking_parse("PBG-7K3N-9QXD-A", out), TRACKING_BAD_CHECK, "M for N");
    cr_assert_eq(tracking_parse("PBG-7K3M-9QXD-*", out), TRACKING_BAD_CHECK);
}

/* ---- reading what people type ------------------------------------------- */

Test(parse, friendly_variants)
{
    static const char *const typed[] = {
        "PBG-7K3M-9QXD-A",        "pbg-7k3m-9qxd-a",    "PBG7K3M9QXDA",       "PBG 7K3M 9QXD A",
        "  PBG--7K3M--9QXD--A  ", "PBG-7K3M9QXD-A",     "PBG7K3M-9QXD-A",     "PbG-7k3M 9qXd a\t",
        "PBG-7K3M9QXDA",          "P-B-G-7-K-3-M-9-Q-X-D-A", "PBG 7K3 M9Q XDA", "-PBG-7K3M-9QXD-A-",
        "PBG-7K3M-9QXD-A\r\n",
    };
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        char out[TRACKING_SIZE] = "";
        cr_assert_eq(tracking_parse(typed[i], out), TRACKING_OK, "\"%s\"", typed[i]);
        cr_assert_str_eq(out, "PBG-7K3M-9QXD-A", "\"%s\"", typed[i]);
    }
}

Test(parse, letters_read_as_digits)
{
    static const char *const typed[] = {"PBG-IOKO-LMOP-K", "pbg-loko-imop-k", "PBG-10KO-1M0P-K",
                                        "pbg iokoimopk"};
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        char out[TRACKING_SIZE] = "";
        cr_assert_eq(tracking_parse(typed[i], out), TRACKING_OK, "\"%s\"", typed[i]);
        cr_assert_str_eq(out, "PBG-10K0-1M0P-K", "\"%s\"", typed[i]);
    }
    char out[TRACKING_SIZE];
    cr_assert_eq(tracking_parse("PBG-0000-0000-O", out), TRACKING_OK, "O as the check 0");
    cr_assert_str_eq(out, "PBG-0000-0000-0");
    cr_assert_eq(tracking_parse("POLI-0000-0001-1", out), TRACKING_OK, "the prefix keeps its O, L, I");
    cr_assert_str_eq(out, "POLI-0000-0001-1");
}

Test(parse, crockford_check_symbols_are_read)
{
    /* Never made here, but Crockford's check alphabet is read whole: 32 is
     * "00000010" with check '*', 36 is "00000014" with check 'U'. */
    char out[TRACKING_SIZE];
    cr_assert_eq(tracking_parse("PBG-0000-0010-*", out), TRACKING_OK);
    cr_assert_str_eq(out, "PBG-0000-0010-*");
    cr_assert_eq(tracking_parse("pbg-0000-0014-u", out), TRACKING_OK);
    cr_assert_str_eq(out, "PBG-0000-0014-U");
    cr_assert_eq(tracking_parse("PBG-0000-0014-V", out), TRACKING_BAD_CHECK, "U is no V");
}

Test(parse, wrong_prefix_shape)
{
    static const char *const typed[] = {
        "P-7K3M-9QXD-A",       /* one letter */
        "PBGMBRX-7K3M-9QXD-A", /* seven letters */
        "PB1-7K3M-9QXD-A",     /* a digit */
        "7K3M-9QXD-A",         /* none */
        "PBGMBR7K3M9QXDAA",    /* one character too many, run together: the prefix takes it */
        "PB*-7K3M-9QXD-A",
    };
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        char out[TRACKING_SIZE];
        cr_assert_eq(tracking_parse(typed[i], out), TRACKING_BAD_PREFIX, "\"%s\"", typed[i]);
    }
}

Test(parse, wrong_length)
{
    static const char *const typed[] = {
        "PBG-7K3M-9QX-A",    /* a character missing, the prefix set apart */
        "PBG-7K3M-9QXDD-A",  /* one too many */
        "PBG 7K3M9QXDAB",
        "PBG",
        "",
        "   ",
        "7K3M9QXD",
    };
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        char out[TRACKING_SIZE];
        cr_assert_eq(tracking_parse(typed[i], out), TRACKING_BAD_LENGTH, "\"%s\"", typed[i]);
    }
    char longer[TRACKING_INPUT_MAX + 2];
    memset(longer, ' ', sizeof longer);
    memcpy(longer, "PBG-7K3M-9QXD-A", 15);
    longer[TRACKING_INPUT_MAX] = '\0';
    char out[TRACKING_SIZE];
    cr_assert_eq(tracking_parse(longer, out), TRACKING_OK, "64 characters, mostly blanks");
    longer[TRACKING_INPUT_MAX] = ' ';
    longer[TRACKING_INPUT_MAX + 1] = '\0';
    cr_assert_eq(tracking_parse(longer, out), TRACKING_BAD_LENGTH, "65 is too many to read");
}

Test(parse, wrong_characters)
{
    static const char *const typed[] = {
        "PBG-7K3M-9QXD-A!",
        "PBG_7K3M_9QXD_A",
        "PBG-7U3M-9QXD-A",        /* U only as a check symbol */
        "PBG-7K3M-9QX*-A",        /* nor * */
        "PBG\xE2\x80\x93" "7K3M-9QXD-A", /* an en dash */
        "PBG-7K3M-9QXD-A.",
    };
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        char out[TRACKING_SIZE];
        cr_assert_eq(tracking_parse(typed[i], out), TRACKING_BAD_CHAR, "\"%s\"", typed[i]);
    }
    char out[TRACKING_SIZE];
    cr_assert_eq(tracking_parse(NULL, out), TRACKING_NULL_ARG);
    cr_assert_eq(tracking_parse("PBG-7K3M-9QXD-A", NULL), TRACKING_NULL_ARG);
}

Test(parse, made_numbers_read_back_as_themselves)
{
    enum { N = 5000 };
    static char codes[N][TRACKING_SIZE];
    sample(6, "DPMPTS", codes, N);
    for (size_t i = 0; i < N; i++) {
        char out[TRACKING_SIZE];
        cr_assert_eq(tracking_parse(codes[i], out), TRACKING_OK, "%s", codes[i]);
        cr_assert_str_eq(out, codes[i]);
    }
}

/* ---- PINs --------------------------------------------------------------- */

static tracking_status_t pin3(uint8_t a, uint8_t b, uint8_t c, char out[TRACKING_PIN_SIZE])
{
    uint8_t bytes[3] = {a, b, c};
    return tracking_pin(bytes, 3, out, NULL);
}

Test(pin, known_pins)
{
    char out[TRACKING_PIN_SIZE];
    cr_assert_eq(pin3(0x00, 0x00, 0x00, out), TRACKING_OK);
    cr_assert_str_eq(out, "000000");
    cr_assert_eq(pin3(0x00, 0x00, 0x01, out), TRACKING_OK);
    cr_assert_str_eq(out, "000001");
    cr_assert_eq(pin3(0x00, 0x30, 0x39, out), TRACKING_OK); /* 12,345 */
    cr_assert_str_eq(out, "012345");
    cr_assert_eq(pin3(0x0F, 0x42, 0x3F, out), TRACKING_OK); /* 999,999 */
    cr_assert_str_eq(out, "999999");
    cr_assert_eq(pin3(0x0F, 0x42, 0x40, out), TRACKING_OK); /* 1,000,000 */
    cr_assert_str_eq(out, "000000");
    cr_assert_eq(pin3(0xF4, 0x23, 0xFF, out), TRACKING_OK); /* 15,999,999: the last kept */
    cr_assert_str_eq(out, "999999");
    cr_assert_eq(pin3(0xF4, 0x24, 0x00, out), TRACKING_NEED_MORE); /* 16,000,000: the first refused */
    cr_assert_eq(pin3(0xFF, 0xFF, 0xFF, out), TRACKING_NEED_MORE);
}

Test(pin, rejection_asks_for_more_bytes)
{
    char out[TRACKING_PIN_SIZE] = "";
    uint8_t b[] = {0xFF, 0xFF, 0xFF, 0xF4, 0x24, 0x00, 0x00, 0x30, 0x39};
    size_t used = 99;
    cr_assert_eq(tracking_pin(b, 3, out, &used), TRACKING_NEED_MORE);
    cr_assert_eq(used, 3);
    cr_assert_eq(tracking_pin(b, 8, out, &used), TRACKING_NEED_MORE, "two refused, a partial third");
    cr_assert_eq(used, 6);
    cr_assert_eq(tracking_pin(b, 9, out, &used), TRACKING_OK);
    cr_assert_eq(used, 9);
    cr_assert_str_eq(out, "012345");
    cr_assert_eq(tracking_pin(b + 6, 3, out, &used), TRACKING_OK);
    cr_assert_eq(used, 3, "the first draw kept, nothing more taken");
    cr_assert_eq(tracking_pin(b, 2, out, &used), TRACKING_NEED_MORE);
    cr_assert_eq(used, 0);
    cr_assert_eq(tracking_pin(NULL, 0, out, &used), TRACKING_NEED_MORE);
    cr_assert_eq(tracking_pin(NULL, 3, out, &used), TRACKING_NULL_ARG);
    cr_assert_eq(tracking_pin(b, 3, NULL, &used), TRACKING_NULL_ARG);
}

/* Every one of the 2^24 draws: each PIN is made by exactly 16 of them, and
 * the 777,216 draws from 16,000,000 up are refused. No bias, by counting. */
Test(pin, every_draw_counted)
{
    uint8_t *hits = calloc(1000000, 1);
    cr_assert_not_null(hits);
    long refused = 0;
    for (uint32_t v = 0; v < (1u << 24); v++) {
        char out[TRACKING_PIN_SIZE];
        if (pin3((uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v, out) != TRACKING_OK) {
            refused++;
            continue;
        }
        hits[atoi(out)]++;
    }
    cr_assert_eq(refused, 777216);
    for (int p = 0; p < 1000000; p++)
        cr_assert_eq(hits[p], 16, "PIN %06d made %d times", p, hits[p]);
    free(hits);
}

/* Pearson's chi-square of digit counts per position against uniform (9
 * degrees of freedom; 27.88 is the 0.1% critical value). */
static double chi_square(const long counts[10], long n)
{
    double expected = n / 10.0, chi = 0;
    for (int d = 0; d < 10; d++)
        chi += (counts[d] - expected) * (counts[d] - expected) / expected;
    return chi;
}

/* The naive way, to show the test has teeth: 24 bits mod 10^6, nothing refused. */
static void naive_pin(const uint8_t b[3], char out[TRACKING_PIN_SIZE])
{
    uint32_t v = ((uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2]) % 1000000u;
    for (int i = 5; i >= 0; i--, v /= 10)
        out[i] = (char)('0' + v % 10);
    out[6] = '\0';
}

Test(pin, digits_are_uniform)
{
    enum { N = 200000 };
    long ours[6][10] = {{0}}, naive[6][10] = {{0}};
    uint64_t seed = 7;
    long draws = 0;
    for (int i = 0; i < N; i++) {
        uint8_t b[3];
        char out[TRACKING_PIN_SIZE], bad[TRACKING_PIN_SIZE];
        do {
            fill(&seed, b, 3);
            draws++;
        } while (tracking_pin(b, 3, out, NULL) != TRACKING_OK);
        fill(&seed, b, 3); /* fresh bytes for the naive way */
        naive_pin(b, bad);
        for (int p = 0; p < 6; p++) {
            ours[p][out[p] - '0']++;
            naive[p][bad[p] - '0']++;
        }
    }
    for (int p = 0; p < 6; p++)
        cr_assert_lt(chi_square(ours[p], N), 27.88, "position %d: chi-square %.2f", p,
                     chi_square(ours[p], N));
    /* Naively the first digit favours 0-6 (17 draws each) over 8-9 (16). */
    cr_assert_gt(chi_square(naive[0], N), 27.88, "naive first digit: %.2f", chi_square(naive[0], N));
    /* About 4.6% of draws are refused: 777,216 / 2^24. */
    double refused = (double)(draws - N) / (double)draws;
    cr_assert(refused > 0.040 && refused < 0.052, "refused %.4f", refused);
}

Test(pin, reasons_in_both_languages)
{
    for (int s = TRACKING_NULL_ARG; s <= TRACKING_BAD_CHECK; s++) {
        cr_assert_gt(strlen(tracking_reason_en((tracking_status_t)s)), 10);
        cr_assert_gt(strlen(tracking_reason_id((tracking_status_t)s)), 10);
        cr_assert_str_neq(tracking_reason_en((tracking_status_t)s), tracking_reason_id((tracking_status_t)s));
    }
}
