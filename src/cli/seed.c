/* seed.c - `satupintu seed-demo`: the demo region, Kabupaten Sumedang (32.11),
 * with a few of its agencies and one admin whose password is printed once. */
#include "cli/cli.h"
#include "lib/crypto.h"
#include "store/migrate.h"
#include "store/regions.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/users.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define DEMO_REGION "32.11"
#define DEMO_ADMIN "admin"

typedef struct {
    const char *kind;
    const char *name;
    const char *short_name;
} agency_seed_t;

/* Agencies found at an MPP such as Sumedang's: the regency's own offices (OPD),
 * vertical agencies of the central government, and state enterprises. */
static const agency_seed_t agencies[] = {
    {"opd", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"},
    {"opd", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"},
    {"opd", "Dinas Kesehatan", "Dinkes"},
    {"opd", "Dinas Pendidikan", "Disdik"},
    {"opd", "Dinas Pekerjaan Umum dan Tata Ruang", "DPUTR"},
    {"vertical", "Kantor Pertanahan Kabupaten Sumedang", "BPN"},
    {"vertical", "Kepolisian Resor Sumedang", "Polres"},
    {"bumn", "BPJS Kesehatan Cabang Sumedang", "BPJS Kesehatan"},
};

static int found_region(void *ctx, const region_t *r)
{
    (void)r;
    *(int *)ctx = 1;
    return 0;
}

int cmd_seed_demo(int argc, char **argv)
{
    static const char help[] =
        "usage: satupintu seed-demo [--db URL]\n"
        "Seeds the demo region Kabupaten Sumedang (32.11): its agencies and an 'admin' user\n"
        "(region_admin of 32.11) whose generated password is printed once. Needs the region\n"
        "codes (satupintu import-regions). Running it again adds nothing.\n";
    if (cli_wants_help(argc, argv)) {
        fputs(help, stdout);
        return CLI_OK;
    }
    cli_config_t cfg;
    cli_config_defaults(&cfg);
    static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
    int ch;
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
    int rc = CLI_FAIL;
    db_err_t err = {0};
    db_conn_t *c = NULL;
    int have_region = 0;
    if (migrate_up(db, NULL, &err) != DB_OK || !(c = db_conn(db, &err)) ||
        regions_get(c, DEMO_REGION, found_region, &have_region, &err) < 0) {
        fprintf(stderr, "satupintu seed-demo: %s\n", err.msg);
        goto out;
    }
    if (!have_region) {
        fprintf(stderr, "satupintu seed-demo: region %s is missing; run 'satupintu import-regions' first\n", DEMO_REGION);
        goto out;
    }
    if (db_begin(c, true, &err) != DB_OK)
        goto db_fail;
    int added = 0;
    for (size_t i = 0; i < sizeof agencies / sizeof agencies[0]; i++) {
        bool created;
        if (agencies_ensure(c, DEMO_REGION, agencies[i].kind, agencies[i].name, agencies[i].short_name, &created,
                            &err) != DB_OK) {
            db_rollback(c);
            goto db_fail;
        }
        added += created;
        char change[300];
        snprintf(change, sizeof change, "{\"kind\":\"%s\",\"short_name\":\"%s\"}", agencies[i].kind,
                 agencies[i].short_name);
        audit_entry_t e = {.actor_name = CLI_ACTOR, .action = "agency.create", .entity = "agency",
                           .entity_id = agencies[i].short_name, .region_code = DEMO_REGION, .change = change};
        if (created && audit_append(c, &e, &err) != DB_OK) {
            db_rollback(c);
            goto db_fail;
        }
    }
    int services_added = 0;
    if (seed_services(c, DEMO_REGION, &services_added, &err) != DB_OK) {
        db_rollback(c);
        goto db_fail;
    }
    if (db_commit(c, &err) != DB_OK) {
        db_rollback(c);
        goto db_fail;
    }
    printf("Kabupaten Sumedang (%s): %d agencies added, %zu in the demo set; %d services published\n", DEMO_REGION,
           added, sizeof agencies / sizeof agencies[0], services_added);

    char password[17], hash[CRYPTO_PWHASH_LEN];
    crypto_random_password(password, 16);
    if (crypto_password_hash(password, hash) != 0) {
        fprintf(stderr, "satupintu seed-demo: cannot hash the password (out of memory)\n");
        goto out;
    }
    int64_t id;
    int urc = users_add(db, DEMO_ADMIN, "Administrator Kabupaten Sumedang", hash, "region_admin", DEMO_REGION, &id, &err);
    if (urc == DB_CONFLICT) {
        printf("user '%s' exists already; its password is unchanged (reset it with 'satupintu user passwd %s')\n",
               DEMO_ADMIN, DEMO_ADMIN);
    } else if (urc != DB_OK) {
        goto db_fail;
    } else {
        printf("created user '%s' (region_admin of %s)\n", DEMO_ADMIN, DEMO_REGION);
        printf("  password: %s\n", password);
        printf("  (shown once; store it now)\n");
    }
    rc = CLI_OK;
    goto out;
db_fail:
    fprintf(stderr, "satupintu seed-demo: %s\n", err.msg);
out:
    db_close(db);
    return rc;
}
