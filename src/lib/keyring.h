/* keyring.h - the instance's secret keys, kept in one key file made by
 * `satupintu keygen` (mode 0600). Losing the file makes the encrypted personal
 * data unreadable: docs/operations.md says how to keep it.
 *
 *   data key   XChaCha20-Poly1305 AEAD for personal data at rest (UU 27/2022)
 *   index key  keyed BLAKE2b blind index, for exact lookup of encrypted values
 *   sign key   Ed25519, for signing issued documents
 */
#ifndef SATUPINTU_LIB_KEYRING_H
#define SATUPINTU_LIB_KEYRING_H

#include <stddef.h>

typedef struct {
    unsigned char data_key[32];
    unsigned char index_key[32];
    unsigned char sign_pk[32];
    unsigned char sign_sk[64];
} keyring_t;

/* Creates a new key file at path (0600); fails if it exists. 0 or -1 with err. */
int keyring_generate(const char *path, char *err, size_t errlen);

/* Reads the key file at path into k; 0 or -1 with err. */
int keyring_load(const char *path, keyring_t *k, char *err, size_t errlen);

/* Encrypts plain for the column named ad; returns "v1.<base64url(nonce|ct)>"
 * (malloc, caller frees) or NULL on OOM. */
char *keyring_seal(const keyring_t *k, const char *plain, const char *ad);

/* Decrypts what keyring_seal made for the same ad; malloc'd plain text
 * (caller frees) or NULL when it was tampered with or made under another key. */
char *keyring_open(const keyring_t *k, const char *sealed, const char *ad);

/* Writes the blind index of value in domain ("nik", "email", ...) as 64 hex chars + NUL. */
void keyring_blind_index(const keyring_t *k, const char *domain, const char *value, char out[65]);

/* Signs n bytes with the Ed25519 key; writes the signature as 128 hex chars + NUL. */
void keyring_sign(const keyring_t *k, const void *msg, size_t n, char sig_hex[129]);

/* True when sig_hex is a valid signature of msg by the public key pk_hex
 * (64 hex chars; NULL: this keyring's own). */
int keyring_verify(const keyring_t *k, const char *pk_hex, const void *msg, size_t n, const char *sig_hex);

/* This keyring's public signing key as 64 hex chars + NUL. */
void keyring_public_hex(const keyring_t *k, char out[65]);

/* Wipes the keys from memory. */
void keyring_wipe(keyring_t *k);

#endif
