/* user.c - `satupintu user add|passwd|list`: staff accounts from the shell. */
#include "cli/cli.h"
#include "domain/region_code.h"
#include "domain/contact.h"
#include "domain/roles.h"
#include "lib/crypto.h"
#include "store/migrate.h"
#include "store/users.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define MIN_PASSWORD 10

static const char HELP[] =
    "usage: satupintu user add USERNAME --name NAME --role ROLE [--region CODE] [--password-stdin] [--db URL]\n"
    "       satupintu user passwd USERNAME [--password-stdin] [--db URL]\n"
    "       satupintu user list [--db URL]\n"
    "Without --password-stdin a password is generated and printed once.\n"
    "Roles: citizen front_office back_office approver agency_admin region_admin data_producer\n"
    "       data_steward cooperation_officer executive platform_admin\n";

typedef struct {
    cli_config_t cfg;
    const char *name, *role, *region;
    int password_stdin;
    const char *username;
} user_args_t;

static int parse(int argc, char **argv, user_args_t *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"name", required_argument, NULL, 'n'},
        {"role", required_argument, NULL, 'r'}, {"region", required_argument, NULL, 'g'},
        {"password-stdin", no_argument, NULL, 'p'}, {NULL, 0, NULL, 0},
    };
    int ch;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': a->cfg.db_url = optarg; break;
        case 'n': a->name = optarg; break;
        case 'r': a->role = optarg; break;
        case 'g': a->region = optarg; break;
        case 'p': a->password_stdin = 1; break;
        default: return -1;
        }
    }
    if (optind < argc)
        a->username = argv[optind++];
    return optind == argc ? 0 : -1;
}

/* Reads the password from stdin, or makes one; returns 0, or -1 after saying why. */
static int get_password(const user_args_t *a, char *out, size_t len, int *generated)
{
    *generated = 0;
    if (!a->password_stdin) {
        crypto_random_password(out, 16);
        *generated = 1;
        return 0;
    }
    if (!fgets(out, (int)len, stdin)) {
        fprintf(stderr, "satupintu user: no password on stdin\n");
        return -1;
    }
    out[strcspn(out, "\r\n")] = '\0';
    if (strlen(out) < MIN_PASSWORD) {
        fprintf(stderr, "satupintu user: the password needs at least %d characters\n", MIN_PASSWORD);
        return -1;
    }
    if (password_is_common(out)) {
        fprintf(stderr, "satupintu user: this password is too common; choose another\n");
        return -1;
    }
    return 0;
}

static int valid_username(const char *u)
{
    size_t n = strlen(u);
    if (n < 3 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = u[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int print_user(void *ctx, const user_row_t *u)
{
    (void)ctx;
    printf("%-24s %-36s %s%s%s%s\n", u->username, u->name, u->role ? u->role : "-", u->region_code ? "@" : "",
           u->region_code ? u->region_code : "", u->disabled ? " (disabled)" : "");
    return 0;
}

int cmd_user(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return CLI_OK;
    }
    if (argc < 2) {
        fputs(HELP, stderr);
        return CLI_USAGE;
    }
    const char *sub = argv[1];
    user_args_t a = {0};
    cli_config_defaults(&a.cfg);
    if (parse(argc - 1, argv + 1, &a) != 0) {
        fputs(HELP, stderr);
        return CLI_USAGE;
    }
    int is_add = strcmp(sub, "add") == 0, is_passwd = strcmp(sub, "passwd") == 0, is_list = strcmp(sub, "list") == 0;
    if (!is_add && !is_passwd && !is_list) {
        fprintf(stderr, "satupintu user: unknown subcommand '%s'\n%s", sub, HELP);
        return CLI_USAGE;
    }
    if ((is_list && a.username) || (!is_list && !a.username)) {
        fputs(HELP, stderr);
        return CLI_USAGE;
    }
    if (is_add) {
        if (!valid_username(a.username)) {
            fprintf(stderr, "satupintu user: username: 3-64 of a-z 0-9 . _ -\n");
            return CLI_USAGE;
        }
        if (!a.name || !*a.name || !a.role) {
            fprintf(stderr, "satupintu user add: --name and --role are required\n");
            return CLI_USAGE;
        }
        if (!role_valid(a.role)) {
            fprintf(stderr, "satupintu user add: unknown role '%s'\n", a.role);
            return CLI_USAGE;
        }
        if (a.region && region_code_level(a.region) == REGION_INVALID) {
            fprintf(stderr, "satupintu user add: --region '%s' is not a region code like 32.11\n", a.region);
            return CLI_USAGE;
        }
    }
    db_t *db = cli_open_db(&a.cfg);
    if (!db)
        return CLI_FAIL;
    db_err_t err = {0};
    int rc = CLI_FAIL;
    if (migrate_up(db, NULL, &err) != DB_OK) {
        fprintf(stderr, "satupintu user: %s\n", err.msg);
        goto out;
    }
    if (is_list) {
        if (users_list(db, print_user, NULL, &err) != DB_OK)
            fprintf(stderr, "satupintu user list: %s\n", err.msg);
        else
            rc = CLI_OK;
        goto out;
    }
    char password[256], hash[CRYPTO_PWHASH_LEN];
    int generated;
    if (get_password(&a, password, sizeof password, &generated) != 0)
        goto out;
    if (crypto_password_hash(password, hash) != 0) {
        fprintf(stderr, "satupintu user: cannot hash the password (out of memory)\n");
        goto out;
    }
    if (is_add) {
        int64_t id;
        int s = users_add(db, a.username, a.name, hash, a.role, a.region, &id, &err);
        if (s == DB_CONFLICT) {
            fprintf(stderr, "satupintu user add: user '%s' exists already\n", a.username);
            goto out;
        }
        if (s != DB_OK) {
            fprintf(stderr, "satupintu user add: %s\n", err.msg);
            goto out;
        }
        printf("created user '%s' (%s%s%s)\n", a.username, a.role, a.region ? " of " : "", a.region ? a.region : "");
    } else {
        bool found;
        if (users_set_password(db, a.username, hash, &found, &err) != DB_OK) {
            fprintf(stderr, "satupintu user passwd: %s\n", err.msg);
            goto out;
        }
        if (!found) {
            fprintf(stderr, "satupintu user passwd: no user '%s'\n", a.username);
            goto out;
        }
        printf("password of '%s' changed\n", a.username);
    }
    if (generated)
        printf("  password: %s\n  (shown once; store it now)\n", password);
    rc = CLI_OK;
out:
    db_close(db);
    return rc;
}
