/* keys_cmds.c - `keygen` (the instance's key file) and `audit verify`. */
#include "cli/cli.h"
#include "lib/keyring.h"
#include "store/audit.h"
#include "store/migrate.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cmd_keygen(int argc, char **argv)
{
    static const char help[] =
        "usage: satupintu keygen [--key-file PATH]\n"
        "Creates the key file (default DATA_DIR/satupintu.key, mode 0600) holding the keys for\n"
        "personal data at rest, its blind index, and document signatures. It never overwrites\n"
        "an existing file: losing or replacing it makes encrypted personal data unreadable.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(help, stdout);
        return CLI_OK;
    }
    cli_config_t cfg;
    cli_config_defaults(&cfg);
    const char *path = NULL;
    static const struct option opts[] = {{"key-file", required_argument, NULL, 'k'}, {NULL, 0, NULL, 0}};
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch != 'k') {
            fputs(help, stderr);
            return CLI_USAGE;
        }
        path = optarg;
    }
    if (optind != argc) {
        fputs(help, stderr);
        return CLI_USAGE;
    }
    char buf[4096];
    if (!path) {
        path = cli_key_file(&cfg, buf, sizeof buf);
        mkdir(cfg.data_dir, 0750);
    }
    if (access(path, F_OK) == 0) {
        printf("key file %s exists; keeping it\n", path);
        return CLI_OK;
    }
    char err[512];
    if (keyring_generate(path, err, sizeof err) != 0) {
        fprintf(stderr, "satupintu keygen: %s\n", err);
        return CLI_FAIL;
    }
    printf("created key file %s (mode 0600): back it up apart from the database\n", path);
    return CLI_OK;
}

int cmd_audit(int argc, char **argv)
{
    static const char help[] =
        "usage: satupintu audit verify [--db URL]\n"
        "Walks the hash-chained audit trail and names the first entry that was changed or removed.\n"
        "Exit 0 when the chain is intact, 1 when it is broken.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(help, stdout);
        return CLI_OK;
    }
    if (argc < 2 || strcmp(argv[1], "verify") != 0) {
        fputs(help, stderr);
        return CLI_USAGE;
    }
    cli_config_t cfg;
    cli_config_defaults(&cfg);
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    int ch;
    optind = 2;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (ch != 'd') {
            fputs(help, stderr);
            return CLI_USAGE;
        }
        cfg.db_url = optarg;
    }
    if (optind != argc) {
        fputs(help, stderr);
        return CLI_USAGE;
    }
    db_t *db = cli_open_db(&cfg);
    if (!db)
        return CLI_FAIL;
    db_err_t err = {0};
    db_conn_t *c = db_conn(db, &err);
    int64_t count = 0, bad = 0;
    char why[200];
    int rc = c ? audit_verify(c, &count, &bad, why, sizeof why, &err) : DB_ERROR;
    int exit_code = CLI_FAIL;
    if (rc != DB_OK)
        fprintf(stderr, "satupintu audit verify: %s\n", err.msg);
    else if (bad)
        printf("audit chain broken at entry %lld: %s (%lld entries checked)\n", (long long)bad, why, (long long)count);
    else {
        printf("audit chain ok: %lld entries\n", (long long)count);
        exit_code = CLI_OK;
    }
    db_close(db);
    return exit_code;
}
