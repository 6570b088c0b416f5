/* serve.c - `satupintu serve`: open the database, migrate, route, listen,
 * and on SIGTERM/SIGINT stop accepting, finish what is in flight, close. */
#include "api/app.h"
#include "cli/cli.h"
#include "http/server.h"
#include "lib/log.h"
#include "store/migrate.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char HELP[] =
    "usage: satupintu serve [options]\n"
    "  --db URL            database (sqlite:PATH or postgres://user@host:port/db) [$SATUPINTU_DB]\n"
    "  --listen HOST:PORT  address to listen on (default 127.0.0.1:8080) [$SATUPINTU_LISTEN]\n"
    "  --data-dir DIR      folder for data files (default var) [$SATUPINTU_DATA_DIR]\n"
    "  --no-migrate        do not apply pending migrations at start\n"
    "  --threads N         worker threads (default: one per core)\n"
    "  --max-body BYTES    largest request body accepted (default 1048576)\n"
    "  --conn-limit N      open connections in all (default 4096)\n"
    "  --per-ip-limit N    open connections from one address (default 256)\n"
    "  --timeout SEC       idle connection timeout (default 30)\n"
    "  --no-cache          answer reference data from the database every time\n"
    "The access log (one JSON line per request) goes to stdout, other logs to stderr.\n";

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v > max)
        return -1;
    *out = v;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(HELP, stdout);
        return CLI_OK;
    }
    cli_config_t cfg;
    cli_config_defaults(&cfg);
    http_config_t hc = {.threads = 0, .max_body = 1048576, .conn_limit = 4096, .per_ip_limit = 256, .timeout_s = 30};
    int migrate = 1, use_cache = 1;
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"listen", required_argument, NULL, 'l'},
        {"data-dir", required_argument, NULL, 'D'}, {"no-migrate", no_argument, NULL, 'n'},
        {"threads", required_argument, NULL, 't'},  {"max-body", required_argument, NULL, 'b'},
        {"conn-limit", required_argument, NULL, 'c'}, {"per-ip-limit", required_argument, NULL, 'p'},
        {"timeout", required_argument, NULL, 'T'},  {"no-cache", no_argument, NULL, 'C'},
        {NULL, 0, NULL, 0},
    };
    int ch;
    unsigned long v;
    while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (ch) {
        case 'd': cfg.db_url = optarg; break;
        case 'l': cfg.listen = optarg; break;
        case 'D': cfg.data_dir = optarg; break;
        case 'n': migrate = 0; break;
        case 'C': use_cache = 0; break;
        case 't': if (parse_uint(optarg, 256, &v)) goto usage; hc.threads = (unsigned)v; break;
        case 'b': if (parse_uint(optarg, 1ul << 30, &v) || v == 0) goto usage; hc.max_body = v; break;
        case 'c': if (parse_uint(optarg, 1000000, &v) || v == 0) goto usage; hc.conn_limit = (unsigned)v; break;
        case 'p': if (parse_uint(optarg, 1000000, &v) || v == 0) goto usage; hc.per_ip_limit = (unsigned)v; break;
        case 'T': if (parse_uint(optarg, 3600, &v) || v == 0) goto usage; hc.timeout_s = (unsigned)v; break;
        default: goto usage;
        }
    }
    if (optind != argc)
        goto usage;
    char host[128];
    if (http_parse_listen(cfg.listen, host, sizeof host, &hc.port) != 0) {
        fprintf(stderr, "satupintu serve: --listen wants HOST:PORT, got '%s'\n", cfg.listen);
        return CLI_USAGE;
    }
    hc.host = host;
    if (mkdir(cfg.data_dir, 0750) != 0 && access(cfg.data_dir, W_OK) != 0) {
        fprintf(stderr, "satupintu serve: data dir %s is not writable\n", cfg.data_dir);
        return CLI_FAIL;
    }

    /* Signals are taken by sigwait below: block them before any thread starts. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    db_t *db = cli_open_db(&cfg);
    if (!db)
        return CLI_FAIL;
    int rc = CLI_FAIL;
    router_t *router = NULL;
    response_cache_t *cache = NULL;
    http_server_t *srv = NULL;
    db_err_t err = {0};
    if (migrate && migrate_up(db, NULL, &err) != DB_OK) {
        fprintf(stderr, "satupintu serve: migration failed: %s\n", err.msg);
        goto out;
    }
    router = router_new();
    cache = use_cache ? response_cache_new(20000) : NULL;
    if (!router || (use_cache && !cache) || api_register_routes(router) != 0) {
        fprintf(stderr, "satupintu serve: cannot build the route table\n");
        goto out;
    }
    app_t app = {.db = db, .router = router, .regions = cache};
    if (log_open_access(STDOUT_FILENO) != 0) {
        fprintf(stderr, "satupintu serve: cannot start the access log\n");
        goto out;
    }
    char why[256];
    srv = http_server_start(&hc, router, &app, why, sizeof why);
    if (!srv) {
        fprintf(stderr, "satupintu serve: %s\n", why);
        goto out;
    }
    const char *shown = strchr(host, ':') ? "[%s]" : "%s";
    char hostshown[140];
    snprintf(hostshown, sizeof hostshown, shown, host);
    char extra[256];
    snprintf(extra, sizeof extra, "\"url\":\"http://%s:%u\",\"db\":\"%s\"", hostshown, http_server_port(srv),
             db_kind(db) == DB_SQLITE ? "sqlite" : "postgres");
    log_msg(LOG_INFO, "listening", extra);
    fprintf(stderr, "satupintu listening on http://%s:%u\n", hostshown, http_server_port(srv));

    int sig = 0;
    sigwait(&stop, &sig);
    log_msgf(LOG_INFO, "received %s: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    http_server_stop(srv, 10000);
    srv = NULL;
    rc = CLI_OK;
out:
    http_server_stop(srv, 0);
    log_close();
    response_cache_free(cache);
    router_free(router);
    db_close(db);
    if (rc == CLI_OK)
        log_msg(LOG_INFO, "stopped", NULL);
    return rc;
usage:
    fputs(HELP, stderr);
    return CLI_USAGE;
}
