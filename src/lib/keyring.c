/* keyring.c - see keyring.h. The key file is text: one "name=hex" per line. */
#include "lib/keyring.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void hexline(FILE *f, const char *name, const unsigned char *b, size_t n)
{
    char hex[2 * 64 + 1];
    sodium_bin2hex(hex, sizeof hex, b, n);
    fprintf(f, "%s=%s\n", name, hex);
}

int keyring_generate(const char *path, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        snprintf(err, errlen, "cannot write %s", path);
        return -1;
    }
    keyring_t k;
    randombytes_buf(k.data_key, sizeof k.data_key);
    randombytes_buf(k.index_key, sizeof k.index_key);
    crypto_sign_keypair(k.sign_pk, k.sign_sk);
    fputs("# satupintu key file: keep it secret, back it up apart from the database.\n"
          "# Without it the encrypted personal data cannot be read.\n",
          f);
    hexline(f, "data_key", k.data_key, sizeof k.data_key);
    hexline(f, "index_key", k.index_key, sizeof k.index_key);
    hexline(f, "sign_public_key", k.sign_pk, sizeof k.sign_pk);
    hexline(f, "sign_secret_key", k.sign_sk, sizeof k.sign_sk);
    keyring_wipe(&k);
    int bad = ferror(f);
    if (fflush(f) != 0 || fsync(fd) != 0)
        bad = 1;
    if (fclose(f) != 0 || bad) {
        unlink(path);
        snprintf(err, errlen, "cannot write %s", path);
        return -1;
    }
    return 0;
}

static int read_hex(const char *hex, unsigned char *out, size_t n)
{
    size_t got = 0;
    if (sodium_hex2bin(out, n, hex, strlen(hex), NULL, &got, NULL) != 0 || got != n)
        return -1;
    return 0;
}

int keyring_load(const char *path, keyring_t *k, char *err, size_t errlen)
{
    memset(k, 0, sizeof *k);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read key file %s: %s (create one with 'satupintu keygen')", path,
                 strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077)) {
        fclose(f);
        snprintf(err, errlen, "key file %s is readable by others; chmod 600 it", path);
        return -1;
    }
    char line[512];
    int have = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (line[0] == '#' || !eq)
            continue;
        *eq = '\0';
        const char *v = eq + 1;
        int rc = 0;
        if (strcmp(line, "data_key") == 0)
            rc = read_hex(v, k->data_key, 32), have |= 1;
        else if (strcmp(line, "index_key") == 0)
            rc = read_hex(v, k->index_key, 32), have |= 2;
        else if (strcmp(line, "sign_public_key") == 0)
            rc = read_hex(v, k->sign_pk, 32), have |= 4;
        else if (strcmp(line, "sign_secret_key") == 0)
            rc = read_hex(v, k->sign_sk, 64), have |= 8;
        if (rc != 0) {
            fclose(f);
            sodium_memzero(line, sizeof line);
            keyring_wipe(k);
            snprintf(err, errlen, "key file %s: bad value for %s", path, line);
            return -1;
        }
    }
    sodium_memzero(line, sizeof line);
    fclose(f);
    if (have != 15) {
        keyring_wipe(k);
        snprintf(err, errlen, "key file %s is incomplete", path);
        return -1;
    }
    return 0;
}

#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

char *keyring_seal(const keyring_t *k, const char *plain, const char *ad)
{
    size_t n = strlen(plain);
    size_t raw_len = NONCE + n + TAG;
    unsigned char *raw = malloc(raw_len);
    if (!raw)
        return NULL;
    randombytes_buf(raw, NONCE);
    unsigned long long clen;
    crypto_aead_xchacha20poly1305_ietf_encrypt(raw + NONCE, &clen, (const unsigned char *)plain, n,
                                               (const unsigned char *)ad, strlen(ad), NULL, raw, k->data_key);
    size_t b64_len = sodium_base64_ENCODED_LEN(raw_len, B64);
    char *out = malloc(3 + b64_len);
    if (out) {
        memcpy(out, "v1.", 3);
        sodium_bin2base64(out + 3, b64_len, raw, raw_len, B64);
    }
    free(raw);
    return out;
}

char *keyring_open(const keyring_t *k, const char *sealed, const char *ad)
{
    if (!sealed || strncmp(sealed, "v1.", 3) != 0)
        return NULL;
    const char *b64 = sealed + 3;
    size_t b64_len = strlen(b64);
    size_t cap = b64_len; /* decoded is shorter than encoded */
    unsigned char *raw = malloc(cap ? cap : 1);
    if (!raw)
        return NULL;
    size_t raw_len = 0;
    if (sodium_base642bin(raw, cap, b64, b64_len, NULL, &raw_len, NULL, B64) != 0 || raw_len < NONCE + TAG) {
        free(raw);
        return NULL;
    }
    size_t plain_cap = raw_len - NONCE - TAG;
    char *plain = malloc(plain_cap + 1);
    unsigned long long plen = 0;
    if (!plain || crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, &plen, NULL, raw + NONCE,
                                                             raw_len - NONCE, (const unsigned char *)ad,
                                                             strlen(ad), raw, k->data_key) != 0) {
        free(raw);
        free(plain);
        return NULL;
    }
    plain[plen] = '\0';
    free(raw);
    return plain;
}

void keyring_blind_index(const keyring_t *k, const char *domain, const char *value, char out[65])
{
    unsigned char h[32];
    crypto_generichash_state st;
    crypto_generichash_init(&st, k->index_key, sizeof k->index_key, sizeof h);
    crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain) + 1); /* NUL separates */
    crypto_generichash_update(&st, (const unsigned char *)value, strlen(value));
    crypto_generichash_final(&st, h, sizeof h);
    sodium_bin2hex(out, 65, h, sizeof h);
}

void keyring_sign(const keyring_t *k, const void *msg, size_t n, char sig_hex[129])
{
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, msg, n, k->sign_sk);
    sodium_bin2hex(sig_hex, 129, sig, sizeof sig);
}

int keyring_verify(const keyring_t *k, const char *pk_hex, const void *msg, size_t n, const char *sig_hex)
{
    unsigned char sig[crypto_sign_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
    if (!sig_hex || read_hex(sig_hex, sig, sizeof sig) != 0)
        return 0;
    if (pk_hex) {
        if (read_hex(pk_hex, pk, sizeof pk) != 0)
            return 0;
    } else {
        memcpy(pk, k->sign_pk, sizeof pk);
    }
    return crypto_sign_verify_detached(sig, msg, n, pk) == 0;
}

void keyring_public_hex(const keyring_t *k, char out[65])
{
    sodium_bin2hex(out, 65, k->sign_pk, sizeof k->sign_pk);
}

void keyring_wipe(keyring_t *k)
{
    sodium_memzero(k, sizeof *k);
}
