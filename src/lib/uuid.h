/* uuid.h - random (version 4) UUIDs for rows that may be created offline. */
#ifndef SATUPINTU_LIB_UUID_H
#define SATUPINTU_LIB_UUID_H

#define UUID_STR_LEN 37 /* 36 characters and the NUL */

/* Writes a new random UUID in canonical lower-case form into out. */
void uuid_v4(char out[UUID_STR_LEN]);

#endif
