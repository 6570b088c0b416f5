/* files.c - see files.h. */
#include "api/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes the bytes to DATA_DIR/documents/<sha256> (outside the web root), durably. */
bool api_store_file(const char *data_dir, const char *sha, const void *data, size_t n)
{
    const char *d = data;
    char dir[4096], path[4200], tmp[4300];
    snprintf(dir, sizeof dir, "%s/documents", data_dir);
    mkdir(data_dir, 0750);
    mkdir(dir, 0750);
    snprintf(path, sizeof path, "%s/%s", dir, sha);
    if (access(path, F_OK) == 0)
        return true; /* same content, same name */
    snprintf(tmp, sizeof tmp, "%s.%d.tmp", path, (int)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0640);
    if (fd < 0)
        return false;
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, d + off, n - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            close(fd);
            unlink(tmp);
            return false;
        }
        off += (size_t)w;
    }
    bool ok = fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok)
        unlink(tmp);
    return ok;
}


char *api_read_file(const char *data_dir, const char *sha, size_t *len)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/documents/%s", data_dir, sha);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    char *d = NULL;
    if (fstat(fileno(f), &st) == 0 && st.st_size >= 0) {
        d = malloc((size_t)st.st_size + 1);
        if (d && fread(d, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
            free(d);
            d = NULL;
        }
        if (d)
            *len = (size_t)st.st_size;
    }
    fclose(f);
    return d;
}
