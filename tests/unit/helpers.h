/* helpers.h - shared by the unit tests: temp dirs and the fixtures folder.
 * Header-only (static functions) so each tests/unit/X.c stays one binary. */
#ifndef SATUPINTU_TESTS_HELPERS_H
#define SATUPINTU_TESTS_HELPERS_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Shared case headers define more helpers than one test file uses. */
#define TH_UNUSED __attribute__((unused))

static inline void th_rmtree(const char *path);

/* Temp dirs made by this test process, removed at exit even when an
 * assertion ended the test early (each Criterion test is its own process). */
static char th_dirs[16][PATH_MAX];
static int th_ndirs;

static inline void th_cleanup(void)
{
    for (int i = 0; i < th_ndirs; i++)
        th_rmtree(th_dirs[i]);
    th_ndirs = 0;
}

/* A fresh directory under $TMPDIR (or /tmp); out gets its path. */
static inline void th_tmpdir(char *out, size_t len)
{
    const char *base = getenv("TMPDIR");
    snprintf(out, len, "%s/satupintu-unit.XXXXXX", base && *base ? base : "/tmp");
    cr_assert_not_null(mkdtemp(out), "mkdtemp %s failed", out);
    if (th_ndirs == 0)
        atexit(th_cleanup);
    if (th_ndirs < 16)
        snprintf(th_dirs[th_ndirs++], sizeof th_dirs[0], "%s", out);
}

/* Removes a directory tree made by th_tmpdir (plain files and folders only). */
static inline void th_rmtree(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        unlink(path);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char child[PATH_MAX + 256];
        if (snprintf(child, sizeof child, "%s/%s", path, e->d_name) >= (int)sizeof child)
            continue;
        struct stat st;
        if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
            th_rmtree(child);
        else
            unlink(child);
    }
    closedir(d);
    rmdir(path);
}

/* The path of tests/unit/fixtures/<name>: found next to the test binary
 * (build/unit/x -> ../../tests/unit/fixtures) or from the current folder. */
static inline void th_fixture(const char *name, char *out, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(out, len, "%s/../../tests/unit/fixtures/%s", exe, name);
            if (access(out, R_OK) == 0)
                return;
        }
    }
    snprintf(out, len, "tests/unit/fixtures/%s", name);
    cr_assert_eq(access(out, R_OK), 0, "fixture %s not found (run from the repository root)", name);
}

/* Writes text to dir/name. */
static inline void th_write(const char *dir, const char *name, const char *text)
{
    char path[PATH_MAX + 64];
    cr_assert_lt(snprintf(path, sizeof path, "%s/%s", dir, name), (int)sizeof path);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

/* Copies the four region CSVs of fixture src into dir. */
static inline void th_copy_fixture(const char *fixture, const char *dir)
{
    static const char *const files[] = {"provinces.csv", "regencies.csv", "districts.csv", "villages.csv"};
    char src[PATH_MAX];
    th_fixture(fixture, src, sizeof src);
    for (size_t i = 0; i < 4; i++) {
        char from[PATH_MAX + 32], to[PATH_MAX + 32];
        snprintf(from, sizeof from, "%s/%s", src, files[i]);
        snprintf(to, sizeof to, "%s/%s", dir, files[i]);
        FILE *in = fopen(from, "rb");
        cr_assert_not_null(in, "cannot read %s", from);
        FILE *out = fopen(to, "wb");
        cr_assert_not_null(out, "cannot write %s", to);
        char buf[4096];
        size_t k;
        while ((k = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, k, out);
        fclose(in);
        fclose(out);
    }
}

#endif
