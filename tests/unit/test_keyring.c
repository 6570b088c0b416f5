/* test_keyring.c - lib/keyring: the key file, AEAD sealing of personal data,
 * the blind index. */
#include "helpers.h"
#include "lib/crypto.h"
#include "lib/keyring.h"

#include <sys/stat.h>

static char dir[PATH_MAX];
static char path[PATH_MAX + 32];

static void setup(void)
{
    cr_assert_eq(crypto_setup(), 0);
    th_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/k.key", dir);
}

static void teardown(void)
{
    th_rmtree(dir);
}

TestSuite(keyring, .init = setup, .fini = teardown);

Test(keyring, generate_load_and_never_overwrite)
{
    char err[256];
    cr_assert_eq(keyring_generate(path, err, sizeof err), 0, "%s", err);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0600, "mode %o", st.st_mode & 0777);
    cr_assert_eq(keyring_generate(path, err, sizeof err), -1, "must not overwrite");
    keyring_t k;
    cr_assert_eq(keyring_load(path, &k, err, sizeof err), 0, "%s", err);
}

Test(keyring, load_refuses_world_readable_and_incomplete)
{
    char err[256];
    keyring_t k;
    cr_assert_eq(keyring_generate(path, err, sizeof err), 0);
    chmod(path, 0644);
    cr_assert_eq(keyring_load(path, &k, err, sizeof err), -1);
    cr_assert(strstr(err, "chmod"), "%s", err);
    FILE *f = fopen(path, "w");
    fputs("data_key=00\n", f);
    fclose(f);
    chmod(path, 0600);
    cr_assert_eq(keyring_load(path, &k, err, sizeof err), -1);
    cr_assert_eq(keyring_load("/nonexistent/k.key", &k, err, sizeof err), -1);
    cr_assert(strstr(err, "keygen"), "tells how to make one: %s", err);
}

Test(keyring, seal_open_roundtrip_and_tamper)
{
    char err[256];
    keyring_t k;
    cr_assert_eq(keyring_generate(path, err, sizeof err), 0);
    cr_assert_eq(keyring_load(path, &k, err, sizeof err), 0);
    char *a = keyring_seal(&k, "3211015508900001", "nik");
    char *b = keyring_seal(&k, "3211015508900001", "nik");
    cr_assert_not_null(a);
    cr_assert(strncmp(a, "v1.", 3) == 0);
    cr_assert(!strstr(a, "3211015508900001"), "no plain text in the sealed form");
    cr_assert_str_neq(a, b, "random nonces: equal values seal differently");
    char *plain = keyring_open(&k, a, "nik");
    cr_assert_str_eq(plain, "3211015508900001");
    free(plain);
    cr_assert_null(keyring_open(&k, a, "phone"), "bound to its column");
    a[10] = a[10] == 'A' ? 'B' : 'A';
    cr_assert_null(keyring_open(&k, a, "nik"), "a changed byte is refused");
    cr_assert_null(keyring_open(&k, "garbage", "nik"));
    free(a);
    free(b);
}

Test(keyring, blind_index_is_keyed_and_per_domain)
{
    char err[256], p2[PATH_MAX + 32];
    keyring_t k1, k2;
    snprintf(p2, sizeof p2, "%s/k2.key", dir);
    cr_assert_eq(keyring_generate(path, err, sizeof err), 0);
    cr_assert_eq(keyring_generate(p2, err, sizeof err), 0);
    keyring_load(path, &k1, err, sizeof err);
    keyring_load(p2, &k2, err, sizeof err);
    char a[65], b[65], c[65], d[65];
    keyring_blind_index(&k1, "nik", "3211015508900001", a);
    keyring_blind_index(&k1, "nik", "3211015508900001", b);
    keyring_blind_index(&k1, "email", "3211015508900001", c);
    keyring_blind_index(&k2, "nik", "3211015508900001", d);
    cr_assert_str_eq(a, b, "deterministic for lookups");
    cr_assert_str_neq(a, c, "separate per field");
    cr_assert_str_neq(a, d, "depends on the key");
    cr_assert_eq(strlen(a), 64);
}

Test(keyring, tokens_and_hashes)
{
    char t1[CRYPTO_TOKEN_MAX], t2[CRYPTO_TOKEN_MAX], h[65];
    crypto_new_token("sp_", t1);
    crypto_new_token("sp_", t2);
    cr_assert_eq(strlen(t1), 3 + 43);
    cr_assert(strncmp(t1, "sp_", 3) == 0);
    cr_assert_str_neq(t1, t2);
    crypto_sha256_hex("abc", 3, h);
    cr_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    cr_assert(crypto_equal("abc", "abc"));
    cr_assert(!crypto_equal("abc", "abd"));
    cr_assert(!crypto_equal("abc", "abcd"));
}
