/* web.c - see web.h. */
#include "api/web.h"

#include "lib/buf.h"

#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_FILES 512
#define MAX_FILE_BYTES (4u << 20)
#define IMMUTABLE "public, max-age=31536000, immutable"

typedef struct {
    char *path; /* relative, e.g. "pages/login.js" */
    char *data;
    size_t len;
    const char *type;
} asset_t;

struct web_assets {
    asset_t files[MAX_FILES];
    size_t n;
    char hash[17];        /* content hash of the web/ tree */
    char *index;          /* index.html with placeholders filled */
    size_t index_len;
    char *vendor;         /* the Preact + htm module */
    size_t vendor_len;
    char vendor_hash[17];
};

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } map[] = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".webmanifest", "application/manifest+json"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(dot, map[i].ext) == 0)
            return map[i].type;
    return "application/octet-stream";
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0 || (size_t)st.st_size > MAX_FILE_BYTES) {
        fclose(f);
        return NULL;
    }
    char *d = malloc((size_t)st.st_size + 1);
    if (d && fread(d, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
        free(d);
        d = NULL;
    }
    fclose(f);
    if (d) {
        d[st.st_size] = '\0';
        *len = (size_t)st.st_size;
    }
    return d;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Adds the files under dir/rel, depth first in name order (a stable hash). */
static int walk(web_assets_t *w, const char *root, const char *rel, char *err, size_t errlen)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
    struct dirent **list;
    int n = scandir(dir, &list, NULL, by_name);
    if (n < 0) {
        snprintf(err, errlen, "cannot read %s", dir);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (rc == 0 && name[0] != '.') {
            char relpath[2048], full[4096];
            snprintf(relpath, sizeof relpath, "%s%s%s", rel, *rel ? "/" : "", name);
            snprintf(full, sizeof full, "%s/%s", root, relpath);
            struct stat st;
            if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
                rc = walk(w, root, relpath, err, errlen);
            } else if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
                if (w->n == MAX_FILES) {
                    snprintf(err, errlen, "more than %d files in %s", MAX_FILES, root);
                    rc = -1;
                } else {
                    asset_t *a = &w->files[w->n];
                    a->data = read_file(full, &a->len);
                    a->path = strdup(relpath);
                    a->type = content_type(relpath);
                    if (!a->data || !a->path) {
                        free(a->data);
                        free(a->path);
                        snprintf(err, errlen, "cannot read %s", full);
                        rc = -1;
                    } else {
                        w->n++;
                    }
                }
            }
        }
        free(list[i]);
    }
    free(list);
    return rc;
}

static void short_hash(const void *data, size_t len, char out[17])
{
    unsigned char h[8];
    crypto_generichash(h, sizeof h, data, len, NULL, 0);
    sodium_bin2hex(out, 17, h, sizeof h);
}

static const asset_t *find(const web_assets_t *w, const char *path)
{
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->files[i].path, path) == 0)
            return &w->files[i];
    return NULL;
}

/* index.html with {{STATIC}} and {{VENDOR}} replaced. */
static char *fill_index(const web_assets_t *w, const asset_t *index, size_t *len)
{
    char stat_base[40], vend_base[40];
    snprintf(stat_base, sizeof stat_base, "/static/%s", w->hash);
    snprintf(vend_base, sizeof vend_base, "/vendor/%s", w->vendor_hash);
    buf_t b = BUF_INIT;
    const char *p = index->data;
    for (;;) {
        const char *s = strstr(p, "{{STATIC}}"), *v = strstr(p, "{{VENDOR}}");
        const char *next = s && (!v || s < v) ? s : v;
        if (!next) {
            buf_puts(&b, p);
            break;
        }
        buf_append(&b, p, (size_t)(next - p));
        buf_puts(&b, next == s ? stat_base : vend_base);
        p = next + 10;
    }
    return b.oom ? (buf_free(&b), NULL) : buf_detach(&b, len);
}

web_assets_t *web_assets_load(const char *web_dir, const char *vendor_file, char *err, size_t errlen)
{
    web_assets_t *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (walk(w, web_dir, "", err, errlen) != 0)
        goto fail;
    const asset_t *index = find(w, "index.html");
    if (!index) {
        snprintf(err, errlen, "%s/index.html is missing", web_dir);
        goto fail;
    }
    crypto_generichash_state st;
    unsigned char h[8];
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    for (size_t i = 0; i < w->n; i++) {
        crypto_generichash_update(&st, (const unsigned char *)w->files[i].path, strlen(w->files[i].path) + 1);
        crypto_generichash_update(&st, (const unsigned char *)w->files[i].data, w->files[i].len);
    }
    crypto_generichash_final(&st, h, sizeof h);
    sodium_bin2hex(w->hash, sizeof w->hash, h, sizeof h);
    w->vendor = read_file(vendor_file, &w->vendor_len);
    if (!w->vendor) {
        snprintf(err, errlen, "cannot read %s (npm package htm)", vendor_file);
        goto fail;
    }
    short_hash(w->vendor, w->vendor_len, w->vendor_hash);
    w->index = fill_index(w, index, &w->index_len);
    if (!w->index) {
        snprintf(err, errlen, "out of memory");
        goto fail;
    }
    return w;
fail:
    web_assets_free(w);
    return NULL;
}

void web_assets_free(web_assets_t *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++) {
        free(w->files[i].path);
        free(w->files[i].data);
    }
    free(w->index);
    free(w->vendor);
    free(w);
}

size_t web_assets_count(const web_assets_t *w, size_t *bytes)
{
    *bytes = w->vendor_len;
    for (size_t i = 0; i < w->n; i++)
        *bytes += w->files[i].len;
    return w->n + 1;
}

static void reply_index(http_req_t *req, const web_assets_t *w)
{
    req->cache_control = "no-cache";
    http_reply_copy(req, 200, "text/html; charset=utf-8", w->index, w->index_len);
}

void api_web_static(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const web_assets_t *w = app->web;
    const char *hash = http_param(req, "hash"), *path = http_param(req, "path");
    const asset_t *a = w ? find(w, path) : NULL;
    if (!a || strcmp(path, "index.html") == 0) {
        http_reply_not_found(req);
        return;
    }
    /* An old page asking with an old hash gets today's file, but not for a year. */
    req->cache_control = strcmp(hash, w->hash) == 0 ? IMMUTABLE : "no-cache";
    http_reply_copy(req, 200, a->type, a->data, a->len);
}

void api_web_vendor(http_req_t *req, void *appv)
{
    app_t *app = appv;
    const web_assets_t *w = app->web;
    const char *hash = http_param(req, "hash"), *file = http_param(req, "file");
    if (!w || strcmp(file, "htm-preact.js") != 0) {
        http_reply_not_found(req);
        return;
    }
    req->cache_control = strcmp(hash, w->vendor_hash) == 0 ? IMMUTABLE : "no-cache";
    http_reply_copy(req, 200, "text/javascript; charset=utf-8", w->vendor, w->vendor_len);
}

bool api_web_fallback(http_req_t *req, void *appv)
{
    app_t *app = appv;
    if (!app->web)
        return false;
    const char *p = req->path;
    if (strncmp(p, "/api/", 5) == 0 || strcmp(p, "/api") == 0)
        return false;
    const char *last = strrchr(p, '/');
    if (last && strchr(last, '.'))
        return false; /* a file that is not there: 404, not the app */
    reply_index(req, app->web);
    return true;
}
