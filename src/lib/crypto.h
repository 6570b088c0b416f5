/* crypto.h - the libsodium pieces satupintu uses: random bytes and tokens,
 * argon2id password hashes. Call crypto_setup() once before anything else. */
#ifndef SATUPINTU_LIB_CRYPTO_H
#define SATUPINTU_LIB_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/* Initialises libsodium; returns 0 or -1. Safe to call more than once. */
int crypto_setup(void);

/* Fills buf with n cryptographically random bytes. */
void crypto_random(void *buf, size_t n);

/* A random 64-bit value. */
uint64_t crypto_random_u64(void);

/* Writes a random password of len characters from an unambiguous alphabet
 * (no 0/O, 1/l/I) into out (len + 1 bytes). */
void crypto_random_password(char *out, size_t len);

/* Hashes password with argon2id (interactive limits) into out, which must
 * hold CRYPTO_PWHASH_LEN bytes; returns 0 or -1 (OOM). */
#define CRYPTO_PWHASH_LEN 128
int crypto_password_hash(const char *password, char out[CRYPTO_PWHASH_LEN]);

/* Returns 1 when password matches hash, 0 when not. */
int crypto_password_verify(const char *hash, const char *password);

#endif
