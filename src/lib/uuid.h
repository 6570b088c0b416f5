/* uuid.h - UUIDs for rows that may be created offline: random (version 4),
 * and time-ordered (version 7, RFC 9562) for rows written at a high rate,
 * whose index then grows at its end instead of at random pages. */
#ifndef SATUPINTU_LIB_UUID_H
#define SATUPINTU_LIB_UUID_H

#include <stdint.h>

#define UUID_STR_LEN 37 /* 36 characters and the NUL */

/* Writes a new random UUID in canonical lower-case form into out. */
void uuid_v4(char out[UUID_STR_LEN]);

/* Writes a new version 7 UUID for the time unix_ms: 48 bits of the time,
 * then 74 random bits; later times sort after earlier ones as text. */
void uuid_v7(int64_t unix_ms, char out[UUID_STR_LEN]);

#endif
