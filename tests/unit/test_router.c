/* test_router.c - http/router: matching, precedence, 405 Allow, bad paths, params. */
#include "http/router.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static void h_a(struct http_req *req, void *app) { (void)req; (void)app; }
static void h_b(struct http_req *req, void *app) { (void)req; (void)app; }
static void h_c(struct http_req *req, void *app) { (void)req; (void)app; }

static router_t *r;

static void setup(void)
{
    r = router_new();
    cr_assert_not_null(r);
}

static void teardown(void)
{
    router_free(r);
}

/* The comma-separated allow list holds exactly the methods in want (any order). */
static void assert_allow(const route_match_t *m, const char *const *want, size_t n)
{
    char copy[sizeof m->allow];
    strcpy(copy, m->allow);
    size_t count = 0;
    for (char *save = NULL, *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        bool known = false;
        for (size_t i = 0; i < n; i++)
            if (strcmp(tok, want[i]) == 0)
                known = true;
        cr_assert(known, "unexpected method '%s' in Allow '%s'", tok, m->allow);
        count++;
    }
    cr_assert_eq(count, n, "Allow '%s' should list %zu methods", m->allow, n);
}

static const char *param(const route_match_t *m, const char *name, size_t *len)
{
    for (size_t i = 0; i < m->nparams; i++)
        if (strcmp(m->params[i].name, name) == 0) {
            *len = m->params[i].len;
            return m->params[i].value;
        }
    return NULL;
}

TestSuite(router, .init = setup, .fini = teardown);

Test(router, literal_routes_match)
{
    int id0 = router_add(r, "GET", "/healthz", h_a, ROUTE_PUBLIC);
    int id1 = router_add(r, "GET", "/api/v1/regions", h_b, 0);
    cr_assert_eq(id0, 0);
    cr_assert_eq(id1, 1);
    route_match_t m;
    router_match(r, "GET", "/healthz", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_not_null(m.route);
    cr_assert_eq(m.route->fn, h_a);
    cr_assert_eq(m.route->flags, ROUTE_PUBLIC);
    cr_assert_eq(m.nparams, 0);
    router_match(r, "GET", "/api/v1/regions", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.route->id, 1);
    cr_assert_str_eq(m.route->pattern, "/api/v1/regions");
    cr_assert_str_eq(m.route->method, "GET");
}

Test(router, not_found)
{
    router_add(r, "GET", "/api/v1/regions", h_a, 0);
    route_match_t m;
    const char *paths[] = {"/api/v1/region", "/api/v1/regionsx", "/api/v1", "/api/v1/regions/32", "/",
                           "/API/v1/regions", "/.x", "/api/v1/regions/..."};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        router_match(r, "GET", paths[i], &m);
        cr_assert_eq(m.status, ROUTE_NOT_FOUND, "%s", paths[i]);
        cr_assert_null(m.route);
        cr_assert_str_eq(m.allow, "");
    }
}

Test(router, root_route)
{
    cr_assert_geq(router_add(r, "GET", "/", h_a, 0), 0);
    route_match_t m;
    router_match(r, "GET", "/", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    router_match(r, "GET", "/x", &m);
    cr_assert_eq(m.status, ROUTE_NOT_FOUND);
}

Test(router, params_point_into_path)
{
    router_add(r, "GET", "/api/v1/regions/{code}", h_a, 0);
    router_add(r, "GET", "/a/{x}/b/{y}", h_b, 0);
    route_match_t m;
    const char *path = "/api/v1/regions/32.11.01";
    router_match(r, "GET", path, &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.nparams, 1);
    cr_assert_str_eq(m.params[0].name, "code");
    cr_assert_eq(m.params[0].value, path + strlen("/api/v1/regions/"), "value must point into the path");
    cr_assert_eq(m.params[0].len, strlen("32.11.01"));

    char buf[] = "/a/first/b/second-one";
    router_match(r, "GET", buf, &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.route->fn, h_b);
    cr_assert_eq(m.nparams, 2);
    size_t len;
    const char *x = param(&m, "x", &len);
    cr_assert_eq(x, buf + 3);
    cr_assert_eq(len, 5);
    cr_assert_eq(memcmp(x, "first", 5), 0);
    const char *y = param(&m, "y", &len);
    cr_assert_eq(y, buf + 11);
    cr_assert_eq(len, strlen("second-one"));
    cr_assert_eq(memcmp(y, "second-one", len), 0);
    /* names live in the router, not in the pattern the caller passed */
    cr_assert_str_eq(m.params[0].name, "x");
}

Test(router, params_take_any_nonempty_segment)
{
    router_add(r, "GET", "/f/{name}", h_a, 0);
    route_match_t m;
    const char *ok[] = {"/f/a", "/f/...", "/f/.hidden", "/f/a.b", "/f/%2F", "/f/{x}", "/f/ünï"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        router_match(r, "GET", ok[i], &m);
        cr_assert_eq(m.status, ROUTE_FOUND, "%s", ok[i]);
        cr_assert_eq(m.params[0].len, strlen(ok[i]) - 3);
    }
}

Test(router, literal_beats_param_regardless_of_order)
{
    /* param registered first, literal second */
    router_add(r, "GET", "/u/{id}", h_a, 0);
    router_add(r, "GET", "/u/me", h_b, 0);
    /* literal first, param second */
    router_add(r, "GET", "/v/me", h_b, 0);
    router_add(r, "GET", "/v/{id}", h_a, 0);
    route_match_t m;
    router_match(r, "GET", "/u/me", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.route->fn, h_b, "literal /u/me must win over /u/{id}");
    cr_assert_eq(m.nparams, 0);
    router_match(r, "GET", "/v/me", &m);
    cr_assert_eq(m.route->fn, h_b, "literal /v/me must win over /v/{id}");
    cr_assert_eq(m.nparams, 0);
    router_match(r, "GET", "/u/42", &m);
    cr_assert_eq(m.route->fn, h_a);
    cr_assert_eq(m.nparams, 1);
    router_match(r, "GET", "/v/42", &m);
    cr_assert_eq(m.route->fn, h_a);
}

Test(router, fewer_params_win)
{
    router_add(r, "GET", "/t/{a}/{b}", h_a, 0);
    router_add(r, "GET", "/t/{a}/x", h_b, 0);
    router_add(r, "GET", "/t/y/x", h_c, 0);
    route_match_t m;
    router_match(r, "GET", "/t/q/x", &m);
    cr_assert_eq(m.route->fn, h_b);
    cr_assert_eq(m.nparams, 1);
    router_match(r, "GET", "/t/y/x", &m);
    cr_assert_eq(m.route->fn, h_c);
    cr_assert_eq(m.nparams, 0);
    router_match(r, "GET", "/t/q/z", &m);
    cr_assert_eq(m.route->fn, h_a);
    cr_assert_eq(m.nparams, 2);
}

Test(router, literal_path_belongs_to_its_routes)
{
    /* the real API: POST /regions/resolve and GET /regions/{code}. The path
     * "/regions/resolve" belongs to the literal route, so a GET there is 405
     * (Allow: POST), not a lookup of a region coded "resolve". */
    router_add(r, "GET", "/api/v1/regions/{code}", h_a, 0);
    router_add(r, "POST", "/api/v1/regions/resolve", h_b, ROUTE_JSON_BODY);
    route_match_t m;
    router_match(r, "POST", "/api/v1/regions/resolve", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.route->fn, h_b);
    cr_assert_eq(m.route->flags, ROUTE_JSON_BODY);
    cr_assert_eq(m.nparams, 0);
    router_match(r, "GET", "/api/v1/regions/resolve", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD, "GET on the literal path is 405 (got %d)", m.status);
    cr_assert_null(m.route);
    cr_assert_str_eq(m.allow, "POST");
    router_match(r, "HEAD", "/api/v1/regions/resolve", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    cr_assert_str_eq(m.allow, "POST");
    router_match(r, "DELETE", "/api/v1/regions/resolve", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    cr_assert_str_eq(m.allow, "POST", "only the literal path's methods");
    /* other codes are the parameter route's */
    router_match(r, "GET", "/api/v1/regions/32.11", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.route->fn, h_a);
    cr_assert_eq(m.params[0].len, strlen("32.11"));
    router_match(r, "GET", "/api/v1/regions/resolvex", &m);
    cr_assert_eq(m.status, ROUTE_FOUND, "a literal matches whole segments only");
    router_match(r, "POST", "/api/v1/regions/32", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    assert_allow(&m, (const char *[]){"GET", "HEAD"}, 2);
}

Test(router, head_matches_get)
{
    router_add(r, "GET", "/healthz", h_a, 0);
    route_match_t m;
    router_match(r, "HEAD", "/healthz", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.route->fn, h_a);
    router_match(r, "GET", "/healthz", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
}

Test(router, bad_method_allow_lists)
{
    router_add(r, "GET", "/healthz", h_a, 0);
    router_add(r, "POST", "/submit", h_a, 0);
    router_add(r, "PUT", "/item/{id}", h_a, 0);
    router_add(r, "DELETE", "/item/{id}", h_b, 0);
    router_add(r, "GET", "/item/{id}", h_c, 0);
    route_match_t m;

    router_match(r, "POST", "/healthz", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    cr_assert_null(m.route);
    cr_assert_str_eq(m.allow, "GET, HEAD", "GET implies HEAD");

    router_match(r, "GET", "/submit", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    cr_assert_str_eq(m.allow, "POST", "no HEAD without GET");

    router_match(r, "HEAD", "/submit", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    cr_assert_str_eq(m.allow, "POST");

    router_match(r, "PATCH", "/item/7", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    assert_allow(&m, (const char *[]){"PUT", "DELETE", "GET", "HEAD"}, 4);

    router_match(r, "get", "/healthz", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD, "methods are case-sensitive");
}

Test(router, allow_has_no_duplicates)
{
    router_add(r, "GET", "/w/{id}", h_a, 0);
    router_add(r, "GET", "/w/special", h_b, 0);
    router_add(r, "POST", "/w/{id}", h_a, 0);
    router_add(r, "POST", "/w/special", h_b, 0);
    route_match_t m;
    router_match(r, "DELETE", "/w/special", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    assert_allow(&m, (const char *[]){"GET", "HEAD", "POST"}, 3);
}

Test(router, allow_is_exact_not_substring)
{
    /* a method that is a prefix of another must still be listed */
    router_add(r, "POSTX", "/m", h_a, 0);
    router_add(r, "POST", "/m", h_b, 0);
    route_match_t m;
    router_match(r, "GET", "/m", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    assert_allow(&m, (const char *[]){"POSTX", "POST"}, 2);
}

Test(router, bad_paths)
{
    router_add(r, "GET", "/a/{x}", h_a, 0);
    router_add(r, "GET", "/a/{x}/b", h_a, 0);
    route_match_t m;
    const char *bad[] = {
        "", "a", "a/b", "/a/.", "/a/..", "/./a", "/../a", "/a/./b", "/a/../b", "/..", "/.",
        "//", "/a//b", "//a", "/a/", "/a/x/", "/a/x//", "/a\\b", "/a/x\\y",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        router_match(r, "GET", bad[i], &m);
        cr_assert_eq(m.status, ROUTE_BAD_PATH, "'%s' must be ROUTE_BAD_PATH (got %d)", bad[i], m.status);
        cr_assert_null(m.route);
        cr_assert_eq(m.nparams, 0);
    }
}

Test(router, dot_dot_cannot_reach_a_param)
{
    router_add(r, "GET", "/files/{name}", h_a, 0);
    route_match_t m;
    router_match(r, "GET", "/files/..", &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH);
    router_match(r, "GET", "/files/.", &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH);
}

Test(router, too_long_and_too_deep_paths)
{
    router_add(r, "GET", "/{x}", h_a, 0);
    route_match_t m;
    char path[4200];
    path[0] = '/';
    memset(path + 1, 'a', 2047);
    path[2048] = '\0'; /* exactly 2048 bytes */
    router_match(r, "GET", path, &m);
    cr_assert_eq(m.status, ROUTE_FOUND, "a 2048-byte path is fine");
    cr_assert_eq(m.params[0].len, 2047);
    memset(path + 1, 'a', 2048);
    path[2049] = '\0';
    router_match(r, "GET", path, &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH, "over-long path");
    memset(path + 1, 'a', 4100);
    path[4101] = '\0';
    router_match(r, "GET", path, &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH);

    /* more segments than a pattern may have */
    char deep[256] = "";
    for (int i = 0; i < ROUTER_MAX_SEGMENTS + 1; i++)
        strcat(deep, "/s");
    router_match(r, "GET", deep, &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH);
    char ok[256] = "";
    for (int i = 0; i < ROUTER_MAX_SEGMENTS; i++)
        strcat(ok, "/s");
    router_match(r, "GET", ok, &m);
    cr_assert_eq(m.status, ROUTE_NOT_FOUND);
}

Test(router, duplicate_routes_refused)
{
    cr_assert_geq(router_add(r, "GET", "/api/v1/regions/{code}", h_a, 0), 0);
    cr_assert_eq(router_add(r, "GET", "/api/v1/regions/{code}", h_b, 0), -1, "exact duplicate");
    cr_assert_eq(router_add(r, "GET", "/api/v1/regions/{id}", h_b, 0), -1, "same shape, other param name");
    cr_assert_geq(router_add(r, "POST", "/api/v1/regions/{code}", h_b, 0), 0, "other method is fine");
    cr_assert_geq(router_add(r, "GET", "/api/v1/regions/resolve", h_b, 0), 0, "a literal is another shape");
    cr_assert_eq(router_add(r, "GET", "/api/v1/regions/resolve", h_c, 0), -1);
    cr_assert_eq(router_count(r), 3);
    /* the refused ones left no trace: the first handler still answers */
    route_match_t m;
    router_match(r, "GET", "/api/v1/regions/32", &m);
    cr_assert_eq(m.route->fn, h_a);
}

Test(router, malformed_patterns_refused)
{
    const char *bad[] = {
        "", "healthz", "//", "/a//b", "/a/", "/{}", "/{a", "/a}", "/x{a}", "/{a}x", "/a{b}c", "/{a}/{",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(router_add(r, "GET", bad[i], h_a, 0), -1, "pattern '%s' must be refused", bad[i]);
    char deep[256] = "";
    for (int i = 0; i < ROUTER_MAX_SEGMENTS + 1; i++)
        strcat(deep, "/s");
    cr_assert_eq(router_add(r, "GET", deep, h_a, 0), -1, "too many segments");
    cr_assert_eq(router_add(r, "GET", "/ok", NULL, 0), -1, "no handler");
    cr_assert_eq(router_count(r), 0);
}

Test(router, pattern_with_more_params_than_matchable_refused)
{
    /* A pattern with more than ROUTER_MAX_PARAMS parameters can never match;
     * router_add must refuse it rather than register a dead route. */
    int id = router_add(r, "GET", "/{a}/{b}/{c}/{d}/{e}", h_a, 0);
    if (id >= 0) {
        route_match_t m;
        router_match(r, "GET", "/1/2/3/4/5", &m);
        cr_assert_eq(m.status, ROUTE_FOUND,
                     "router_add accepted a %d-parameter pattern (id %d) but it never matches (status %d)",
                     ROUTER_MAX_PARAMS + 1, id, m.status);
    }
    /* exactly ROUTER_MAX_PARAMS is fine */
    cr_assert_geq(router_add(r, "GET", "/p/{a}/{b}/{c}/{d}", h_b, 0), 0);
    route_match_t m;
    router_match(r, "GET", "/p/1/2/3/4", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.nparams, ROUTER_MAX_PARAMS);
}

Test(router, copies_what_it_is_given)
{
    char method[] = "GET";
    char pattern[] = "/copy/{id}";
    cr_assert_geq(router_add(r, method, pattern, h_a, 0), 0);
    strcpy(method, "PUT");
    strcpy(pattern, "/XXXX/{zz}");
    route_match_t m;
    router_match(r, "GET", "/copy/9", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_str_eq(m.route->pattern, "/copy/{id}");
    cr_assert_str_eq(m.route->method, "GET");
    cr_assert_str_eq(m.params[0].name, "id");
}

Test(router, count_route_and_full_table)
{
    char pat[32];
    for (int i = 0; i < ROUTER_MAX_ROUTES; i++) {
        snprintf(pat, sizeof pat, "/r%d", i);
        cr_assert_eq(router_add(r, "GET", pat, h_a, 0), i);
    }
    cr_assert_eq(router_add(r, "GET", "/one-too-many", h_a, 0), -1);
    cr_assert_eq(router_count(r), ROUTER_MAX_ROUTES);
    for (size_t i = 0; i < ROUTER_MAX_ROUTES; i++) {
        const route_t *rt = router_route(r, i);
        cr_assert_not_null(rt);
        cr_assert_eq(rt->id, (int)i);
    }
    cr_assert_null(router_route(r, ROUTER_MAX_ROUTES));
    route_match_t m;
    router_match(r, "GET", "/r127", &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.route->id, 127);
}

Test(router, match_resets_previous_result)
{
    router_add(r, "GET", "/a/{x}", h_a, 0);
    route_match_t m;
    router_match(r, "GET", "/a/1", &m);
    cr_assert_eq(m.nparams, 1);
    router_match(r, "GET", "/nope", &m);
    cr_assert_eq(m.status, ROUTE_NOT_FOUND);
    cr_assert_eq(m.nparams, 0);
    cr_assert_null(m.route);
}

Test(router, empty_router)
{
    route_match_t m;
    router_match(r, "GET", "/", &m);
    cr_assert_eq(m.status, ROUTE_NOT_FOUND);
    router_match(r, "GET", "/a/../b", &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH);
    cr_assert_eq(router_count(r), 0);
    cr_assert_null(router_route(r, 0));
    router_free(NULL);
}

Test(router, rest_parameter_takes_the_remaining_segments)
{
    cr_assert_geq(router_add(r, "GET", "/static/{hash}/{path...}", h_a, 0), 0);
    route_match_t m;
    const char *path = "/static/0a1b/js/lib/app.js";
    router_match(r, "GET", path, &m);
    cr_assert_eq(m.status, ROUTE_FOUND);
    cr_assert_eq(m.nparams, 2);
    size_t len;
    const char *hash = param(&m, "hash", &len);
    cr_assert_eq(hash, path + 8);
    cr_assert_eq(len, 4);
    const char *rest = param(&m, "path", &len);
    cr_assert_not_null(rest, "the rest parameter is named without the dots");
    cr_assert_eq(rest, path + strlen("/static/0a1b/"));
    cr_assert_eq(len, strlen("js/lib/app.js"));
    cr_assert_eq(rest + len, path + strlen(path), "it runs to the end of the path");

    router_match(r, "GET", "/static/0a1b/app.js", &m);
    cr_assert_eq(m.status, ROUTE_FOUND, "one segment is enough");
    cr_assert_eq(m.params[1].len, strlen("app.js"));
    router_match(r, "GET", "/static/0a1b", &m);
    cr_assert_eq(m.status, ROUTE_NOT_FOUND, "but at least one is needed");
    router_match(r, "GET", "/static/0a1b/", &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH);
    router_match(r, "GET", "/static/0a1b/js/../../etc/passwd", &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH, "no climbing out through a rest parameter");
    router_match(r, "GET", "/static/0a1b/js//app.js", &m);
    cr_assert_eq(m.status, ROUTE_BAD_PATH);
    router_match(r, "POST", "/static/0a1b/js/app.js", &m);
    cr_assert_eq(m.status, ROUTE_BAD_METHOD);
    cr_assert_str_eq(m.allow, "GET, HEAD");
}

Test(router, rest_parameter_must_be_last)
{
    cr_assert_eq(router_add(r, "GET", "/s/{path...}/x", h_a, 0), -1);
    cr_assert_geq(router_add(r, "GET", "/s/{path...}", h_a, 0), 0);
}
