/* uuid.c - see uuid.h. */
#include "lib/uuid.h"

#include "lib/crypto.h"

#include <stdio.h>

static void format(const unsigned char b[16], char out[UUID_STR_LEN])
{
    snprintf(out, UUID_STR_LEN, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
             b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

void uuid_v4(char out[UUID_STR_LEN])
{
    unsigned char b[16];
    crypto_random(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    format(b, out);
}

void uuid_v7(int64_t unix_ms, char out[UUID_STR_LEN])
{
    unsigned char b[16];
    crypto_random(b, sizeof b);
    uint64_t t = (uint64_t)unix_ms;
    for (int i = 0; i < 6; i++)
        b[i] = (unsigned char)(t >> (40 - 8 * i));
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x70);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    format(b, out);
}
