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

/* Writes the SHA-256 of n bytes at p as 64 hex chars + NUL. */
void crypto_sha256_hex(const void *p, size_t n, char out[65]);

/* Writes a new bearer secret "<prefix><43 base64url chars>" (32 random bytes) into out. */
#define CRYPTO_TOKEN_MAX 64
void crypto_new_token(const char *prefix, char out[CRYPTO_TOKEN_MAX]);

/* Constant-time comparison of two NUL-terminated strings of equal length. */
int crypto_equal(const char *a, const char *b);

#endif
