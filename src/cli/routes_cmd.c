/* routes_cmd.c - `satupintu routes`: the route table as JSON lines, so tests
 * and operators can compare it with the OpenAPI document. */
#include "api/app.h"
#include "api/guard.h"
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

int cmd_routes(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs("usage: satupintu routes\nPrints {\"method\",\"path\",\"public\",\"roles\",\"scope\"} for every route, one per line.\n", stdout);
        return CLI_OK;
    }
    if (argc != 1) {
        fputs("usage: satupintu routes\n", stderr);
        return CLI_USAGE;
    }
    router_t *r = router_new();
    if (!r || api_register_routes(r) != 0) {
        router_free(r);
        fprintf(stderr, "satupintu routes: cannot build the route table\n");
        return CLI_FAIL;
    }
    for (size_t i = 0; i < router_count(r); i++) {
        const route_t *rt = router_route(r, i);
        json_t *line = json_pack("{s:s, s:s, s:b, s:o, s:s}", "method", rt->method, "path", rt->pattern, "public",
                                 (rt->flags & ROUTE_PUBLIC) != 0, "roles", api_roles_json(rt->roles), "scope",
                                 api_scope_name(rt->scope));
        char *text = line ? json_dumps(line, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        if (text)
            puts(text);
        free(text);
        json_decref(line);
    }
    router_free(r);
    return CLI_OK;
}
