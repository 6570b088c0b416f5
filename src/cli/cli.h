/* cli.h - the subcommands of the satupintu binary and what they share.
 * Exit codes: CLI_OK 0, CLI_FAIL 1 (it went wrong), CLI_USAGE 2 (bad arguments). */
#ifndef SATUPINTU_CLI_H
#define SATUPINTU_CLI_H

#include "store/db.h"

#include <stddef.h>

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

#define SATUPINTU_VERSION "0.1.0"

/* Settings from flags, then environment, then defaults. Strings are borrowed
 * from argv, the environment or static storage. */
typedef struct {
    const char *db_url;   /* SATUPINTU_DB, default sqlite:var/satupintu.db */
    const char *listen;   /* SATUPINTU_LISTEN, default 127.0.0.1:8080 */
    const char *data_dir; /* SATUPINTU_DATA_DIR, default var */
} cli_config_t;

/* Fills cfg from the environment and defaults (flags are applied afterwards by each command). */
void cli_config_defaults(cli_config_t *cfg);

/* Opens the configured database, printing why not on stderr; NULL on failure. */
db_t *cli_open_db(const cli_config_t *cfg);

/* The key file: $SATUPINTU_KEY_FILE, else DATA_DIR/satupintu.key (written into buf). */
const char *cli_key_file(const cli_config_t *cfg, char *buf, size_t len);

/* explicit if given; else rel when it exists under the working directory; else
 * rel next to the binary's checkout (build/.. or build/release/..); else rel. */
const char *cli_find_path(const char *explicit_path, const char *rel, char *buf, size_t len);

/* True when argv holds -h or --help. */
int cli_wants_help(int argc, char **argv);

/* Adds the demo catalogue to region inside the caller's transaction; *added counts new services. */
int seed_services(db_conn_t *c, const char *region, int *added, db_err_t *err);

int cmd_serve(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_import_regions(int argc, char **argv);
int cmd_seed_demo(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_audit(int argc, char **argv);

#endif
