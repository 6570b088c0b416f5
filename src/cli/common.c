/* common.c - configuration and database opening shared by the subcommands. */
#include "cli/cli.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

const char *cli_key_file(const cli_config_t *cfg, char *buf, size_t len)
{
    const char *env = getenv("SATUPINTU_KEY_FILE");
    if (env && *env)
        return env;
    snprintf(buf, len, "%s/satupintu.key", cfg->data_dir);
    return buf;
}

const char *cli_find_path(const char *explicit_path, const char *rel, char *buf, size_t len)
{
    if (explicit_path && *explicit_path)
        return explicit_path;
    if (access(rel, R_OK) == 0)
        return rel;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        for (int up = 0; up < 3; up++) {
            char *slash = strrchr(exe, '/');
            if (!slash)
                break;
            *slash = '\0';
            snprintf(buf, len, "%s/%s", exe, rel);
            if (access(buf, R_OK) == 0)
                return buf;
        }
    }
    return rel;
}
