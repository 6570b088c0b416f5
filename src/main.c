/* main.c - the satupintu command line: dispatches to the subcommands in cli/. */
#include "cli/cli.h"
#include "lib/crypto.h"

#include <stdio.h>
#include <string.h>

static const char USAGE[] =
    "satupintu " SATUPINTU_VERSION " - digital one-stop public service platform (Mal Pelayanan Publik)\n"
    "\n"
    "usage: satupintu COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  serve               serve the web app and API\n"
    "  migrate             apply database migrations\n"
    "  import-regions [DIR] load Kemendagri region codes (npm idn-area-data)\n"
    "  seed-demo           create the demo region (Kabupaten Sumedang) and its admin\n"
    "  user add|passwd|list manage staff accounts\n"
    "  backup FILE         consistent copy of the SQLite database while serving\n"
    "  keygen              create the key file (personal data, signatures)\n"
    "  audit verify        check the hash-chained audit trail\n"
    "  routes              print the route table as JSON lines\n"
    "  version             print the version\n"
    "\n"
    "Run 'satupintu COMMAND --help' for a command's options.\n"
    "Environment: SATUPINTU_DB, SATUPINTU_LISTEN, SATUPINTU_DATA_DIR (flags win).\n";

typedef struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} command_t;

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("satupintu %s\n", SATUPINTU_VERSION);
    return CLI_OK;
}

static const command_t commands[] = {
    {"serve", cmd_serve},         {"migrate", cmd_migrate}, {"import-regions", cmd_import_regions},
    {"seed-demo", cmd_seed_demo}, {"user", cmd_user},       {"backup", cmd_backup},
    {"routes", cmd_routes},       {"version", cmd_version}, {"keygen", cmd_keygen},
    {"audit", cmd_audit},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(USAGE, stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0)
        return cmd_version(0, NULL);
    if (crypto_setup() != 0) {
        fprintf(stderr, "satupintu: cannot initialise libsodium\n");
        return CLI_FAIL;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "satupintu: unknown command '%s'\n\n%s", argv[1], USAGE);
    return CLI_USAGE;
}
