/* tracking.c - see tracking.h. Symbols and the mod-37 check follow Douglas
 * Crockford's Base32 (https://www.crockford.com/base32.html): on input O reads as
 * 0 and I, L as 1; 37 is prime, so a changed symbol (a change of d * 32^k with
 * 0 < |d| < 37) or two swapped neighbours (a change of 31 (a - b) 32^k) always
 * changes the value mod 37. */
#include "domain/tracking.h"

#include <string.h>

#define DATA_CHARS 8                    /* 40 bits, 5 per symbol */
#define BODY_CHARS (DATA_CHARS + 1)     /* and the check symbol */
#define PIN_RANGE 1000000u
#define PIN_LIMIT 16000000u             /* the largest multiple of 10^6 below 2^24 */

static const char SYMBOLS[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";

bool tracking_prefix_valid(const char *prefix)
{
    if (!prefix)
        return false;
    size_t n = 0;
    for (; prefix[n]; n++)
        if (n >= TRACKING_PREFIX_MAX || prefix[n] < 'A' || prefix[n] > 'Z')
            return false;
    return n >= TRACKING_PREFIX_MIN;
}

char tracking_check_symbol(uint64_t value)
{
    return SYMBOLS[value % 37];
}

/* Writes "PREFIX-XXXX-XXXX-C" for value (below 2^40) into out. */
static void format(const char *prefix, size_t prefix_len, uint64_t value, char out[TRACKING_SIZE])
{
    char *p = out;
    memcpy(p, prefix, prefix_len);
    p += prefix_len;
    for (int i = 0; i < DATA_CHARS; i++) {
        if (i % 4 == 0)
            *p++ = '-';
        *p++ = SYMBOLS[(value >> (5 * (DATA_CHARS - 1 - i))) & 31];
    }
    *p++ = '-';
    *p++ = tracking_check_symbol(value);
    *p = '\0';
}

tracking_status_t tracking_make(const char *prefix, const uint8_t *random, size_t n,
                                char out[TRACKING_SIZE], size_t *used)
{
    if (used)
        *used = 0;
    if (!prefix || !out || (!random && n > 0))
        return TRACKING_NULL_ARG;
    if (!tracking_prefix_valid(prefix))
        return TRACKING_BAD_PREFIX;
    for (size_t at = 0; at + TRACKING_BYTES <= n; at += TRACKING_BYTES) {
        uint64_t v = 0;
        for (int i = 0; i < TRACKING_BYTES; i++)
            v = v << 8 | random[at + (size_t)i];
        if (used)
            *used = at + TRACKING_BYTES;
        if (v % 37 >= 32)
            continue; /* its check would be * ~ $ = or U */
        format(prefix, strlen(prefix), v, out);
        return TRACKING_OK;
    }
    return TRACKING_NEED_MORE;
}

/* The value of a typed symbol (already upper case), or -1; check symbols
 * (32..36) only where check is true. */
static int symbol_value(char c, bool check)
{
    if (c == 'O')
        c = '0';
    else if (c == 'I' || c == 'L')
        c = '1';
    const char *p = strchr(SYMBOLS, c);
    if (!p || c == '\0')
        return -1;
    int v = (int)(p - SYMBOLS);
    return v < 32 || check ? v : -1;
}

static bool is_separator(char c)
{
    return c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_letter(char c)
{
    return c >= 'A' && c <= 'Z';
}

static char upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

tracking_status_t tracking_parse(const char *input, char out[TRACKING_SIZE])
{
    if (!input || !out)
        return TRACKING_NULL_ARG;
    /* Squeeze out separators, upper-casing; note where the first group ends. */
    char compact[TRACKING_INPUT_MAX + 1];
    size_t len = 0, first_group = 0;
    bool first_done = false;
    for (size_t i = 0; input[i]; i++) {
        if (i >= TRACKING_INPUT_MAX)
            return TRACKING_BAD_LENGTH;
        char c = upper(input[i]);
        if (is_separator(c)) {
            first_done = first_done || len > 0;
            continue;
        }
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("*~$=", c)))
            return TRACKING_BAD_CHAR;
        compact[len++] = c;
        if (!first_done)
            first_group = len;
    }
    /* The prefix: the first group when the user set it apart and it has a
     * prefix's shape (then a missing or extra character shows as a length),
     * otherwise whatever precedes the last nine characters. */
    bool group_is_prefix = first_done && first_group >= TRACKING_PREFIX_MIN &&
                           first_group <= TRACKING_PREFIX_MAX;
    for (size_t i = 0; group_is_prefix && i < first_group; i++)
        group_is_prefix = is_letter(compact[i]);
    size_t prefix_len;
    if (group_is_prefix) {
        prefix_len = first_group;
        if (len - prefix_len != BODY_CHARS)
            return TRACKING_BAD_LENGTH;
    } else {
        if (len < BODY_CHARS)
            return TRACKING_BAD_LENGTH;
        prefix_len = len - BODY_CHARS;
    }
    if (prefix_len < TRACKING_PREFIX_MIN || prefix_len > TRACKING_PREFIX_MAX)
        return TRACKING_BAD_PREFIX;
    for (size_t i = 0; i < prefix_len; i++)
        if (!is_letter(compact[i]))
            return TRACKING_BAD_PREFIX;

    const char *body = compact + prefix_len;
    uint64_t value = 0;
    for (int i = 0; i < DATA_CHARS; i++) {
        int v = symbol_value(body[i], false);
        if (v < 0)
            return TRACKING_BAD_CHAR;
        value = value << 5 | (uint64_t)v;
    }
    int check = symbol_value(body[DATA_CHARS], true);
    if (check < 0)
        return TRACKING_BAD_CHAR;
    if (value % 37 != (uint64_t)check)
        return TRACKING_BAD_CHECK;
    format(compact, prefix_len, value, out);
    return TRACKING_OK;
}

tracking_status_t tracking_pin(const uint8_t *random, size_t n, char out[TRACKING_PIN_SIZE],
                               size_t *used)
{
    if (used)
        *used = 0;
    if (!out || (!random && n > 0))
        return TRACKING_NULL_ARG;
    for (size_t at = 0; at + TRACKING_PIN_BYTES <= n; at += TRACKING_PIN_BYTES) {
        uint32_t v = (uint32_t)random[at] << 16 | (uint32_t)random[at + 1] << 8 | random[at + 2];
        if (used)
            *used = at + TRACKING_PIN_BYTES;
        if (v >= PIN_LIMIT)
            continue; /* keeping it would favour the PINs below 777,216 */
        v %= PIN_RANGE;
        for (int i = TRACKING_PIN_SIZE - 2; i >= 0; i--, v /= 10)
            out[i] = (char)('0' + v % 10);
        out[TRACKING_PIN_SIZE - 1] = '\0';
        return TRACKING_OK;
    }
    return TRACKING_NEED_MORE;
}

const char *tracking_reason_en(tracking_status_t s)
{
    switch (s) {
    case TRACKING_OK: return "valid";
    case TRACKING_NULL_ARG: return "A required value is missing.";
    case TRACKING_NEED_MORE: return "More random bytes are needed.";
    case TRACKING_BAD_PREFIX: return "A tracking number starts with 2 to 6 letters.";
    case TRACKING_BAD_LENGTH: return "A tracking number has 9 characters after its letters, like PBG-7K3M-9QXD-A.";
    case TRACKING_BAD_CHAR: return "A tracking number holds only letters, digits and hyphens.";
    case TRACKING_BAD_CHECK: return "This tracking number has a typing mistake; please check it.";
    }
    return "invalid";
}

const char *tracking_reason_id(tracking_status_t s)
{
    switch (s) {
    case TRACKING_OK: return "sah";
    case TRACKING_NULL_ARG: return "Ada nilai wajib yang tidak diisi.";
    case TRACKING_NEED_MORE: return "Diperlukan lebih banyak bita acak.";
    case TRACKING_BAD_PREFIX: return "Nomor lacak diawali 2 sampai 6 huruf.";
    case TRACKING_BAD_LENGTH: return "Nomor lacak memiliki 9 karakter setelah hurufnya, misalnya PBG-7K3M-9QXD-A.";
    case TRACKING_BAD_CHAR: return "Nomor lacak hanya berisi huruf, angka, dan tanda hubung.";
    case TRACKING_BAD_CHECK: return "Nomor lacak ini salah ketik; mohon periksa kembali.";
    }
    return "tidak sah";
}
