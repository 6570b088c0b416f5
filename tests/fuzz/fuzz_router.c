/* fuzz_router.c - libFuzzer target for http/router: the real API route table
 * plus a few patterns with several parameters, matched against random
 * method/path strings.
 *
 * Input: byte 0 picks the method (the last choice takes the method from the
 * input up to the first space); the rest is the path. Invariants checked:
 *   FOUND       -> route non-NULL, one of the table's, method agrees (HEAD ~ GET),
 *                  params (<= ROUTER_MAX_PARAMS) are non-empty slices of the
 *                  path buffer, named like the pattern's {names}: one whole
 *                  segment each, or for {name...} every segment to the end
 *   BAD_METHOD  -> no route, a non-empty Allow that does not list the method
 *                  and lists HEAD whenever it lists GET
 *   NOT_FOUND, BAD_PATH -> no route, no params, empty Allow
 *   BAD_PATH    <-> the path is not absolute, has an empty, "." or ".."
 *                  segment, a backslash, > 16 segments or > 2048 bytes
 *   matching is deterministic, and agrees with a reference model built
 *   from the registered patterns: the path belongs to the routes that match
 *   it with the fewest parameters; FOUND is the one of those with the method,
 *   BAD_METHOD lists exactly their methods, NOT_FOUND means none match. */
#include "api/app.h"
#include "http/router.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static router_t *R;

static void h_extra(struct http_req *req, void *app)
{
    (void)req;
    (void)app;
}

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "get"};
#define NMETHODS (sizeof methods / sizeof methods[0])

static void build(void)
{
    R = router_new();
    if (!R || api_register_routes(R) != 0)
        abort();
    static const struct {
        const char *m, *p;
    } extra[] = {
        {"GET", "/a/{x}/b/{y}"},
        {"GET", "/a/lit/b/{y}"},
        {"PUT", "/a/{x}/b/{y}"},
        {"DELETE", "/a/{x}"},
        {"GET", "/{p1}/{p2}/{p3}/{p4}"},
        {"GET", "/files/{name}"},
        {"GET", "/docs/{path...}"},
        {"GET", "/docs/{v}/index"},
        {"DELETE", "/docs/{v}/{rest...}"},
        {"POST", "/api/v1/regions/{code}/notes"},
        {"PATCH", "/api/v1/regions/{code}"},
        {"GET", "/"},
    };
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        if (router_add(R, extra[i].m, extra[i].p, h_extra, 0) < 0)
            abort();
}

/* Reference check of the path rules. */
static int path_acceptable(const char *path, size_t len)
{
    if (len == 0 || path[0] != '/' || len > 2048)
        return 0;
    if (len == 1)
        return 1;
    int segs = 0;
    const char *s = path + 1, *end = path + len;
    for (;;) {
        const char *slash = memchr(s, '/', (size_t)(end - s));
        size_t n = slash ? (size_t)(slash - s) : (size_t)(end - s);
        if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.') || memchr(s, '\\', n))
            return 0;
        if (++segs > ROUTER_MAX_SEGMENTS)
            return 0;
        if (!slash)
            return 1;
        s = slash + 1;
    }
}

/* Reference matcher: the number of parameters with which pattern matches
 * path[0..len), or -1. */
static int ref_match(const char *pattern, const char *path, size_t len)
{
    if (strcmp(pattern, "/") == 0)
        return len == 1 ? 0 : -1;
    if (len == 1)
        return -1;
    const char *p = pattern + 1, *s = path + 1, *end = path + len;
    int params = 0;
    for (;;) {
        size_t pn = strcspn(p, "/");
        const char *slash = memchr(s, '/', (size_t)(end - s));
        size_t sn = slash ? (size_t)(slash - s) : (size_t)(end - s);
        if (p[0] == '{' && pn > 5 && memcmp(p + pn - 4, "...}", 4) == 0)
            return params + 1; /* "{name...}": this and every later segment */
        if (p[0] == '{')
            params++;
        else if (pn != sn || memcmp(p, s, pn) != 0)
            return -1;
        bool p_more = p[pn] == '/', s_more = slash != NULL;
        if (p_more != s_more)
            return -1;
        if (!p_more)
            return params;
        p += pn + 1;
        s = slash + 1;
    }
}

static int allow_has(const char *allow, const char *method)
{
    size_t ml = strlen(method);
    const char *p = allow;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == ml && memcmp(p, method, ml) == 0)
            return 1;
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return 0;
}

/* The pattern's segment at index i when it is "{name}": name and length. */
static int pattern_param(const char *pattern, size_t want_index, const char **name, size_t *len)
{
    size_t idx = 0;
    const char *s = pattern + 1;
    while (*s) {
        size_t n = strcspn(s, "/");
        if (s[0] == '{') {
            if (idx == want_index) {
                *name = s + 1;
                *len = n - 2;
                return 1;
            }
            idx++;
        }
        s += n;
        if (*s == '/')
            s++;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!R)
        build();
    if (size == 0)
        return 0;
    char custom[32];
    const char *method;
    size_t pick = data[0] % (NMETHODS + 1);
    data++;
    size--;
    if (pick < NMETHODS) {
        method = methods[pick];
    } else {
        const uint8_t *sp = memchr(data, ' ', size < sizeof custom - 1 ? size : sizeof custom - 1);
        size_t n = sp ? (size_t)(sp - data) : 0;
        memcpy(custom, data, n);
        custom[n] = '\0';
        if (memchr(custom, '\0', n)) /* keep it a plain C string */
            return 0;
        method = custom;
        data += sp ? n + 1 : 0;
        size -= sp ? n + 1 : 0;
    }
    /* the path as the server hands it over: a C string in its own exact-size buffer */
    const uint8_t *nul = memchr(data, '\0', size);
    size_t len = nul ? (size_t)(nul - data) : size;
    char *path = malloc(len + 1);
    if (!path)
        return 0;
    memcpy(path, data, len);
    path[len] = '\0';

    route_match_t m, again;
    router_match(R, method, path, &m);
    router_match(R, method, path, &again);
    if (m.status != again.status || m.route != again.route || m.nparams != again.nparams ||
        strcmp(m.allow, again.allow) != 0)
        abort();

    int acceptable = path_acceptable(path, len);
    if ((m.status == ROUTE_BAD_PATH) == acceptable) {
        fprintf(stderr, "path '%s': status %d but acceptable=%d\n", path, m.status, acceptable);
        abort();
    }
    if (acceptable) {
        int best = ROUTER_MAX_PARAMS + 1;
        for (size_t i = 0; i < router_count(R); i++) {
            int k = ref_match(router_route(R, i)->pattern, path, len);
            if (k >= 0 && k < best)
                best = k;
        }
        const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
        const route_t *expect = NULL;
        char allow[256] = "";
        for (size_t i = 0; i < router_count(R); i++) {
            const route_t *rt = router_route(R, i);
            if (ref_match(rt->pattern, path, len) != best)
                continue;
            if (strcmp(rt->method, want) == 0 && !expect)
                expect = rt;
            if (!allow_has(allow, rt->method)) {
                strcat(allow, allow[0] ? ", " : "");
                strcat(allow, rt->method);
            }
            if (strcmp(rt->method, "GET") == 0 && !allow_has(allow, "HEAD"))
                strcat(allow, ", HEAD");
        }
        route_status_t st = best > ROUTER_MAX_PARAMS ? ROUTE_NOT_FOUND : expect ? ROUTE_FOUND : ROUTE_BAD_METHOD;
        if (m.status != st || (st == ROUTE_FOUND && m.route != expect)) {
            fprintf(stderr, "%s '%s': status %d route %s, reference says %d route %s\n", method, path, m.status,
                    m.route ? m.route->pattern : "-", st, expect ? expect->pattern : "-");
            abort();
        }
        if (st == ROUTE_BAD_METHOD) {
            /* same set of methods, any order */
            char copy[256];
            strcpy(copy, allow);
            size_t n_ref = 0, n_got = 0;
            for (char *sv = NULL, *t = strtok_r(copy, ", ", &sv); t; t = strtok_r(NULL, ", ", &sv), n_ref++)
                if (!allow_has(m.allow, t)) {
                    fprintf(stderr, "Allow '%s' misses %s (reference '%s')\n", m.allow, t, allow);
                    abort();
                }
            strcpy(copy, m.allow);
            for (char *sv = NULL, *t = strtok_r(copy, ", ", &sv); t; t = strtok_r(NULL, ", ", &sv))
                n_got++;
            if (n_got != n_ref) {
                fprintf(stderr, "Allow '%s', reference '%s'\n", m.allow, allow);
                abort();
            }
        }
    }
    switch (m.status) {
    case ROUTE_FOUND: {
        if (!m.route || router_route(R, (size_t)m.route->id) != m.route)
            abort();
        const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
        if (strcmp(m.route->method, want) != 0)
            abort();
        if (m.nparams > ROUTER_MAX_PARAMS || m.allow[0])
            abort();
        for (size_t i = 0; i < m.nparams; i++) {
            const route_param_t *p = &m.params[i];
            if (!p->name || !p->value || p->len == 0)
                abort();
            if (p->value < path || p->value + p->len > path + len) {
                fprintf(stderr, "param %zu outside the path buffer\n", i);
                abort();
            }
            const char *name;
            size_t nlen;
            if (!pattern_param(m.route->pattern, i, &name, &nlen))
                abort();
            bool rest = nlen > 3 && memcmp(name + nlen - 3, "...", 3) == 0;
            if (rest)
                nlen -= 3;
            if (strlen(p->name) != nlen || memcmp(p->name, name, nlen) != 0)
                abort();
            if (!rest && memchr(p->value, '/', p->len))
                abort(); /* one segment */
            if (rest && p->value + p->len != path + len)
                abort(); /* the rest of the path */
            if (p->value[-1] != '/' || (p->value[p->len] != '/' && p->value[p->len] != '\0'))
                abort(); /* whole segments */
        }
        break;
    }
    case ROUTE_BAD_METHOD:
        if (m.route || m.nparams || !m.allow[0])
            abort();
        if (allow_has(m.allow, method)) {
            fprintf(stderr, "Allow '%s' lists the refused method '%s'\n", m.allow, method);
            abort();
        }
        if (allow_has(m.allow, "GET") && !allow_has(m.allow, "HEAD"))
            abort();
        break;
    case ROUTE_NOT_FOUND:
    case ROUTE_BAD_PATH:
        if (m.route || m.nparams || m.allow[0])
            abort();
        break;
    default:
        abort();
    }
    free(path);
    return 0;
}
