/* routes_cmd.c - `satupintu routes`: the route table as JSON lines, so tests
 * and operators can compare it with the OpenAPI document. */
#include "api/app.h"
#include "cli/cli.h"

#include <stdio.h>

int cmd_routes(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs("usage: satupintu routes\nPrints {\"method\",\"path\",\"public\"} for every route, one per line.\n", stdout);
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
        printf("{\"method\":\"%s\",\"path\":\"%s\",\"public\":%s}\n", rt->method, rt->pattern,
               (rt->flags & ROUTE_PUBLIC) ? "true" : "false");
    }
    router_free(r);
    return CLI_OK;
}
