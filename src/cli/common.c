/* common.c - configuration and database opening shared by the subcommands. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

void cli_config_defaults(cli_config_t *cfg)
{
    cfg->db_url = env_or("SATUPINTU_DB", "sqlite:var/satupintu.db");
    cfg->listen = env_or("SATUPINTU_LISTEN", "127.0.0.1:8080");
    cfg->data_dir = env_or("SATUPINTU_DATA_DIR", "var");
}

db_t *cli_open_db(const cli_config_t *cfg)
{
    db_t *db;
    db_err_t err = {0};
    if (db_open(cfg->db_url, &db, &err) != DB_OK) {
        fprintf(stderr, "satupintu: cannot open database: %s\n", err.msg);
        return NULL;
    }
    return db;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}
