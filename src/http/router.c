/* router.c - see router.h. A linear scan over pre-split patterns: with tens of
 * routes this is a few hundred nanoseconds and needs no lock. */
#include "http/router.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PATH_LEN 2048

typedef struct {
    const char *text; /* literal, or the parameter name */
    size_t len;
    bool param;
    bool rest; /* "{name...}": the rest of the path, one or more segments (last only) */
} segment_t;

typedef struct {
    route_t route;
    segment_t seg[ROUTER_MAX_SEGMENTS];
    size_t nseg;
    char *storage; /* one allocation: method, pattern, segment texts */
} entry_t;

struct router {
    entry_t entries[ROUTER_MAX_ROUTES];
    size_t n;
};

router_t *router_new(void)
{
    return calloc(1, sizeof(router_t));
}

void router_free(router_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        free(r->entries[i].storage);
    free(r);
}

/* Splits "/a/{b}/c" into segments pointing into p, which it modifies. */
static int split_pattern(char *p, entry_t *e)
{
    if (p[0] != '/')
        return -1;
    e->nseg = 0;
    if (p[1] == '\0')
        return 0; /* "/" has no segments */
    char *s = p + 1;
    for (;;) {
        char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        if (len == 0 || e->nseg == ROUTER_MAX_SEGMENTS)
            return -1;
        segment_t *seg = &e->seg[e->nseg++];
        if (s[0] == '{') {
            if (len < 3 || s[len - 1] != '}')
                return -1;
            seg->param = true;
            seg->text = s + 1;
            seg->len = len - 2;
            s[len - 1] = '\0';
            if (seg->len > 3 && memcmp(seg->text + seg->len - 3, "...", 3) == 0) {
                if (slash)
                    return -1; /* a rest parameter must come last */
                seg->rest = true;
                seg->len -= 3;
                s[len - 4] = '\0';
            }
        } else {
            if (memchr(s, '{', len) || memchr(s, '}', len))
                return -1;
            seg->param = false;
            seg->text = s;
            seg->len = len;
        }
        if (!slash)
            return 0;
        *slash = '\0';
        s = slash + 1;
    }
}

static bool same_shape(const entry_t *a, const entry_t *b)
{
    if (a->nseg != b->nseg)
        return false;
    for (size_t i = 0; i < a->nseg; i++) {
        if (a->seg[i].param != b->seg[i].param)
            return false;
        if (!a->seg[i].param &&
            (a->seg[i].len != b->seg[i].len || memcmp(a->seg[i].text, b->seg[i].text, a->seg[i].len)))
            return false;
    }
    return true;
}

int router_add(router_t *r, const char *method, const char *pattern, http_handler_fn fn, unsigned flags)
{
    return router_add_guarded(r, method, pattern, fn, flags, 0, 0);
}

int router_add_guarded(router_t *r, const char *method, const char *pattern, http_handler_fn fn, unsigned flags,
                       unsigned roles, int scope)
{
    if (r->n == ROUTER_MAX_ROUTES || !fn)
        return -1;
    size_t ml = strlen(method), pl = strlen(pattern);
    entry_t *e = &r->entries[r->n];
    memset(e, 0, sizeof *e);
    /* method \0 pattern \0 split-copy-of-pattern \0 */
    e->storage = malloc(ml + 1 + 2 * (pl + 1));
    if (!e->storage)
        return -1;
    char *m = e->storage, *pat = m + ml + 1, *work = pat + pl + 1;
    memcpy(m, method, ml + 1);
    memcpy(pat, pattern, pl + 1);
    memcpy(work, pattern, pl + 1);
    if (split_pattern(work, e) != 0)
        goto fail;
    size_t nparams = 0;
    for (size_t i = 0; i < e->nseg; i++)
        nparams += e->seg[i].param;
    if (nparams > ROUTER_MAX_PARAMS)
        goto fail; /* it could never match */
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->entries[i].route.method, method) == 0 && same_shape(&r->entries[i], e))
            goto fail;
    e->route = (route_t){.id = (int)r->n, .method = m, .pattern = pat, .fn = fn, .flags = flags, .roles = roles,
                         .scope = scope};
    r->n++;
    return e->route.id;
fail:
    free(e->storage);
    e->storage = NULL;
    return -1;
}

typedef struct {
    const char *text;
    size_t len;
} piece_t;

/* Splits a request path into pieces; returns the count, or -1 when the path is unacceptable. */
static int split_path(const char *path, piece_t out[ROUTER_MAX_SEGMENTS])
{
    size_t total = strlen(path);
    if (path[0] != '/' || total > MAX_PATH_LEN)
        return -1;
    if (total == 1)
        return 0;
    int n = 0;
    const char *s = path + 1;
    for (;;) {
        const char *slash = strchr(s, '/');
        size_t len = slash ? (size_t)(slash - s) : strlen(s);
        if (len == 0 || n == ROUTER_MAX_SEGMENTS)
            return -1;
        if ((len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.'))
            return -1;
        if (memchr(s, '\\', len))
            return -1;
        out[n++] = (piece_t){s, len};
        if (!slash)
            return n;
        s = slash + 1;
    }
}

/* Matches one route against the split path; on success m->params and
 * m->nparams hold the parameters (nothing else of m is touched). */
static bool entry_matches(const entry_t *e, const piece_t *pc, int n, route_match_t *m)
{
    bool rest = e->nseg && e->seg[e->nseg - 1].rest;
    if (rest ? (size_t)n < e->nseg : (size_t)n != e->nseg)
        return false;
    size_t np = 0;
    for (int i = 0; i < (int)e->nseg; i++) {
        const segment_t *s = &e->seg[i];
        if (s->param) {
            if (np == ROUTER_MAX_PARAMS)
                return false;
            size_t len = pc[i].len;
            if (s->rest) /* up to the end of the last piece */
                len = (size_t)(pc[n - 1].text + pc[n - 1].len - pc[i].text);
            m->params[np++] = (route_param_t){s->text, pc[i].text, len};
            continue;
        }
        if (s->len != pc[i].len || memcmp(s->text, pc[i].text, s->len) != 0)
            return false;
    }
    m->nparams = np;
    return true;
}

/* True when list ("GET, HEAD") holds method as a whole item. */
static bool allow_has(const char *list, const char *method)
{
    size_t n = strlen(method);
    for (const char *p = list; (p = strstr(p, method)) != NULL; p += n) {
        bool starts = p == list || p[-1] == ' ';
        bool ends = p[n] == '\0' || p[n] == ',';
        if (starts && ends)
            return true;
    }
    return false;
}

static void allow_add(route_match_t *m, const char *method)
{
    size_t used = strlen(m->allow);
    if (allow_has(m->allow, method))
        return;
    size_t need = strlen(method) + (used ? 2 : 0);
    if (used + need + 1 > sizeof m->allow)
        return;
    if (used)
        strcat(m->allow, ", ");
    strcat(m->allow, method);
}

void router_match(const router_t *r, const char *method, const char *path, route_match_t *m)
{
    memset(m, 0, sizeof *m);
    piece_t pc[ROUTER_MAX_SEGMENTS];
    int n = split_path(path, pc);
    if (n < 0) {
        m->status = ROUTE_BAD_PATH;
        return;
    }
    const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
    /* The path belongs to the routes that match it with the fewest parameters
     * (literals win): "/regions/resolve" is resolve's path even for GET, so a
     * GET there is 405, not a region code. One pass finds both the owner
     * shape and, among its routes, the one with this method. */
    size_t best = ROUTER_MAX_PARAMS + 1;
    const entry_t *found = NULL;
    route_match_t probe;
    for (size_t i = 0; i < r->n; i++) {
        const entry_t *e = &r->entries[i];
        if (!entry_matches(e, pc, n, &probe) || probe.nparams > best)
            continue;
        if (probe.nparams < best) {
            best = probe.nparams;
            found = NULL;
        }
        if (!found && strcmp(e->route.method, want) == 0) {
            found = e;
            memcpy(m->params, probe.params, sizeof probe.params);
            m->nparams = probe.nparams;
        }
    }
    if (found) {
        m->status = ROUTE_FOUND;
        m->route = &found->route;
        return;
    }
    if (best > ROUTER_MAX_PARAMS) {
        m->status = ROUTE_NOT_FOUND;
        return;
    }
    m->status = ROUTE_BAD_METHOD;
    m->nparams = 0;
    for (size_t i = 0; i < r->n; i++) {
        if (!entry_matches(&r->entries[i], pc, n, &probe) || probe.nparams != best)
            continue;
        allow_add(m, r->entries[i].route.method);
        if (strcmp(r->entries[i].route.method, "GET") == 0)
            allow_add(m, "HEAD");
    }
}

size_t router_count(const router_t *r)
{
    return r->n;
}

const route_t *router_route(const router_t *r, size_t id)
{
    return id < r->n ? &r->entries[id].route : NULL;
}
