/* db_cmds.c - `migrate`, `import-regions` and `backup`. */
#include "cli/cli.h"
#include "lib/clock.h"
#include "store/migrate.h"
#include "store/regions.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Parses the one shared flag (--db URL); returns the index of the first operand or -1. */
static int parse_db_flag(int argc, char **argv, cli_config_t *cfg)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch != 'd')
            return -1;
        cfg->db_url = optarg;
    }
    return optind;
}

int cmd_migrate(int argc, char **argv)
{
    static const char help[] = "usage: satupintu migrate [--db URL]\n"
                               "Applies pending schema migrations; running it again changes nothing.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(help, stdout);
        return CLI_OK;
    }
    cli_config_t cfg;
    cli_config_defaults(&cfg);
    int first = parse_db_flag(argc, argv, &cfg);
    if (first < 0 || first != argc) {
        fputs(help, stderr);
        return CLI_USAGE;
    }
    db_t *db = cli_open_db(&cfg);
    if (!db)
        return CLI_FAIL;
    int applied = 0;
    db_err_t err = {0};
    int rc = migrate_up(db, &applied, &err);
    if (rc != DB_OK)
        fprintf(stderr, "satupintu migrate: %s\n", err.msg);
    else
        printf("schema at version %d (%d migration%s applied)\n", migrate_latest(db), applied, applied == 1 ? "" : "s");
    db_close(db);
    return rc == DB_OK ? CLI_OK : CLI_FAIL;
}

int cmd_import_regions(int argc, char **argv)
{
    static const char help[] =
        "usage: satupintu import-regions [--db URL] [DIR]\n"
        "Loads provinces, regencies, districts and villages from the CSV files of the npm\n"
        "package idn-area-data (DIR defaults to node_modules/idn-area-data/data) in one\n"
        "transaction. Running it again changes nothing. Data: Kemendagri via idn-area-data (ODbL).\n";
    if (cli_wants_help(argc, argv)) {
        fputs(help, stdout);
        return CLI_OK;
    }
    cli_config_t cfg;
    cli_config_defaults(&cfg);
    int first = parse_db_flag(argc, argv, &cfg);
    if (first < 0 || argc - first > 1) {
        fputs(help, stderr);
        return CLI_USAGE;
    }
    char buf[PATH_MAX + 64];
    const char *dir = first < argc ? argv[first] : cli_find_path(NULL, "node_modules/idn-area-data/data", buf, sizeof buf);
    db_t *db = cli_open_db(&cfg);
    if (!db)
        return CLI_FAIL;
    db_err_t err = {0};
    uint64_t t0 = clock_mono_ns();
    region_import_stats_t st;
    int rc = migrate_up(db, NULL, &err);
    if (rc == DB_OK)
        rc = regions_import(db, dir, &st, &err);
    if (rc != DB_OK) {
        fprintf(stderr, "satupintu import-regions: %s (nothing was written)\n", err.msg);
    } else {
        printf("imported %lld provinces, %lld regencies, %lld districts, %lld villages from %s "
               "(%lld rows changed) in %.1f s\n",
               (long long)st.rows[1], (long long)st.rows[2], (long long)st.rows[3], (long long)st.rows[4], dir,
               (long long)st.changed, (double)(clock_mono_ns() - t0) / 1e9);
    }
    db_close(db);
    return rc == DB_OK ? CLI_OK : CLI_FAIL;
}

int cmd_backup(int argc, char **argv)
{
    static const char help[] =
        "usage: satupintu backup [--db URL] FILE\n"
        "Writes a consistent copy of the SQLite database to FILE while the server keeps\n"
        "serving (SQLite online backup). For PostgreSQL use pg_dump (see docs/operations.md).\n";
    if (cli_wants_help(argc, argv)) {
        fputs(help, stdout);
        return CLI_OK;
    }
    cli_config_t cfg;
    cli_config_defaults(&cfg);
    int first = parse_db_flag(argc, argv, &cfg);
    if (first < 0 || argc - first != 1) {
        fputs(help, stderr);
        return CLI_USAGE;
    }
    const char *dest = argv[first];
    if (access(dest, F_OK) == 0) {
        fprintf(stderr, "satupintu backup: %s exists; refusing to overwrite it\n", dest);
        return CLI_FAIL;
    }
    db_t *db = cli_open_db(&cfg);
    if (!db)
        return CLI_FAIL;
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    int rc = c ? db_backup(c, dest, &err) : DB_ERROR;
    if (rc != DB_OK) {
        fprintf(stderr, "satupintu backup: %s\n", err.msg);
        unlink(dest);
    } else {
        printf("backup written to %s\n", dest);
    }
    db_close(db);
    return rc == DB_OK ? CLI_OK : CLI_FAIL;
}
