/* serve.c - `satupintu serve`: open the database, migrate, route, listen,
 * and on SIGTERM/SIGINT stop accepting, finish what is in flight, close. */
#include "api/app.h"
#include "api/breach.h"
#include "api/notify.h"
#include "api/guard.h"
#include "api/web.h"
#include "lib/keyring.h"
#include "cli/cli.h"
#include "http/server.h"
#include "lib/log.h"
#include "store/migrate.h"
#include "store/writer.h"

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
    "  --key-file PATH     the key file made by 'satupintu keygen' (default DATA_DIR/satupintu.key)\n"
    "                      [$SATUPINTU_KEY_FILE]\n"
    "  --web-dir DIR       the browser app (default: web) [$SATUPINTU_WEB_DIR]\n"
    "  --secure-cookies    mark session cookies Secure (when served over TLS)\n"
    "  --breach-interval S seconds between passes of the SLA breach policy (default 30)\n"
    "  --smtp HOST:PORT    SMTP relay for e-mail notifications [$SATUPINTU_SMTP]\n"
    "  --smtp-from ADDR    sender address (default satupintu@localhost) [$SATUPINTU_SMTP_FROM]\n"
    "  --notify-webhook URL http:// gateway for SMS/WhatsApp notifications [$SATUPINTU_NOTIFY_WEBHOOK]\n"
    "                      (unset: messages wait in the outbox, nothing is lost)\n"
    "  --public-url URL    how citizens reach this server, for QR codes on issued documents\n"
    "                      (default http://LISTEN) [$SATUPINTU_PUBLIC_URL]\n"
    "  --trusted-proxy IP  the reverse proxy: its X-Forwarded-For names the client\n"
    "                      (for login throttling and logs) [$SATUPINTU_TRUSTED_PROXY]\n"
    "  --session-idle MIN  minutes of inactivity that end a session (default 60)\n"
    "  --session-max MIN   minutes after which a session ends anyway (default 720)\n"
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
    http_config_t hc = {.threads = 0, .max_body = 1048576, .max_upload = 20u << 20, .conn_limit = 4096, .per_ip_limit = 256, .timeout_s = 30};
    int migrate = 1, use_cache = 1, secure = 0;
    const char *key_file = NULL, *web_dir = NULL, *public_url = NULL, *smtp = NULL;
    notify_config_t ncfg = {.interval_s = 5};
    unsigned long idle_min = 60, max_min = 720, breach_s = 30;
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"listen", required_argument, NULL, 'l'},
        {"data-dir", required_argument, NULL, 'D'}, {"no-migrate", no_argument, NULL, 'n'},
        {"threads", required_argument, NULL, 't'},  {"max-body", required_argument, NULL, 'b'},
        {"conn-limit", required_argument, NULL, 'c'}, {"per-ip-limit", required_argument, NULL, 'p'},
        {"timeout", required_argument, NULL, 'T'},  {"no-cache", no_argument, NULL, 'C'},
        {"key-file", required_argument, NULL, 'k'}, {"web-dir", required_argument, NULL, 'w'},
        {"secure-cookies", no_argument, NULL, 's'}, {"session-idle", required_argument, NULL, 'i'},
        {"session-max", required_argument, NULL, 'm'}, {"trusted-proxy", required_argument, NULL, 'P'},
        {"public-url", required_argument, NULL, 'U'}, {"breach-interval", required_argument, NULL, 'B'},
        {"smtp", required_argument, NULL, 'S'}, {"smtp-from", required_argument, NULL, 'F'},
        {"notify-webhook", required_argument, NULL, 'W'}, {"notify-interval", required_argument, NULL, 'I'},
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
        case 'k': key_file = optarg; break;
        case 'w': web_dir = optarg; break;
        case 's': secure = 1; break;
        case 'P': hc.trusted_proxy = optarg; break;
        case 'U': public_url = optarg; break;
        case 'S': smtp = optarg; break;
        case 'F': ncfg.smtp_from = optarg; break;
        case 'W': ncfg.webhook = optarg; break;
        case 'I': if (parse_uint(optarg, 3600, &v) || v == 0) goto usage; ncfg.interval_s = (unsigned)v; break;
        case 'B': if (parse_uint(optarg, 3600, &breach_s) || breach_s == 0) goto usage; break;
        case 'i': if (parse_uint(optarg, 10080, &idle_min) || idle_min == 0) goto usage; break;
        case 'm': if (parse_uint(optarg, 43200, &max_min) || max_min == 0) goto usage; break;
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
    if (!smtp && getenv("SATUPINTU_SMTP") && *getenv("SATUPINTU_SMTP"))
        smtp = getenv("SATUPINTU_SMTP");
    if (!ncfg.smtp_from && getenv("SATUPINTU_SMTP_FROM") && *getenv("SATUPINTU_SMTP_FROM"))
        ncfg.smtp_from = getenv("SATUPINTU_SMTP_FROM");
    if (!ncfg.webhook && getenv("SATUPINTU_NOTIFY_WEBHOOK") && *getenv("SATUPINTU_NOTIFY_WEBHOOK"))
        ncfg.webhook = getenv("SATUPINTU_NOTIFY_WEBHOOK");
    char smtp_host[128];
    if (smtp) {
        if (http_parse_listen(smtp, smtp_host, sizeof smtp_host, &ncfg.smtp_port) != 0) {
            fprintf(stderr, "satupintu serve: --smtp wants HOST:PORT, got '%s'\n", smtp);
            return CLI_USAGE;
        }
        ncfg.smtp_host = smtp_host;
    }
    if (!hc.trusted_proxy && getenv("SATUPINTU_TRUSTED_PROXY") && *getenv("SATUPINTU_TRUSTED_PROXY"))
        hc.trusted_proxy = getenv("SATUPINTU_TRUSTED_PROXY");
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

    char key_path[4096];
    if (!key_file)
        key_file = cli_key_file(&cfg, key_path, sizeof key_path);
    keyring_t keys;
    char why[512];
    if (keyring_load(key_file, &keys, why, sizeof why) != 0) {
        fprintf(stderr, "satupintu serve: %s\n", why);
        return CLI_FAIL;
    }
    char web_buf[4096], vendor_buf[4096];
    if (!web_dir)
        web_dir = cli_find_path(getenv("SATUPINTU_WEB_DIR"), "web", web_buf, sizeof web_buf);
    const char *vendor = cli_find_path(NULL, "node_modules/htm/preact/standalone.module.js", vendor_buf, sizeof vendor_buf);
    web_assets_t *web = web_assets_load(web_dir, vendor, why, sizeof why);
    if (!web)
        log_msgf(LOG_WARN, "no browser app: %s", why);

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
    breach_worker_t *breach = NULL;
    writer_t *writer = NULL;
    notify_worker_t *notifier = NULL;
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
    app_t app = {.db = db, .router = router, .regions = cache, .keys = &keys,
                 .session_idle_ms = (int64_t)idle_min * 60000, .session_max_ms = (int64_t)max_min * 60000,
                 .secure_cookies = secure, .web = web, .data_dir = cfg.data_dir, .public_url = public_url};
    char default_url[200];
    if (!app.public_url && getenv("SATUPINTU_PUBLIC_URL") && *getenv("SATUPINTU_PUBLIC_URL"))
        app.public_url = getenv("SATUPINTU_PUBLIC_URL");
    if (!app.public_url) {
        snprintf(default_url, sizeof default_url, "http://%s", cfg.listen);
        app.public_url = default_url;
    }
    db_err_t werr = {0};
    writer = writer_start(db, &werr);
    if (!writer) {
        fprintf(stderr, "satupintu serve: %s\n", werr.msg);
        goto out;
    }
    app.writer = writer;
    hc.guard = api_guard;
    hc.fallback = api_web_fallback;
    if (log_open_access(STDOUT_FILENO) != 0) {
        fprintf(stderr, "satupintu serve: cannot start the access log\n");
        goto out;
    }
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
    breach = breach_start(&app, (unsigned)breach_s);
    notifier = notify_start(&app, &ncfg);
    if (!notifier)
        log_msg(LOG_WARN, "cannot start the notification worker", NULL);
    if (!breach)
        log_msg(LOG_WARN, "cannot start the SLA breach worker", NULL);
    fprintf(stderr, "satupintu listening on http://%s:%u\n", hostshown, http_server_port(srv));

    int sig = 0;
    sigwait(&stop, &sig);
    log_msgf(LOG_INFO, "received %s: stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    breach_stop(breach);
    breach = NULL;
    notify_stop(notifier);
    notifier = NULL;
    http_server_stop(srv, 10000); /* the writer still answers the filings in flight */
    srv = NULL;
    rc = CLI_OK;
out:
    breach_stop(breach);
    notify_stop(notifier);
    http_server_stop(srv, 0);
    writer_stop(writer);
    log_close();
    response_cache_free(cache);
    web_assets_free(web);
    keyring_wipe(&keys);
    router_free(router);
    db_close(db);
    if (rc == CLI_OK)
        log_msg(LOG_INFO, "stopped", NULL);
    return rc;
usage:
    fputs(HELP, stderr);
    return CLI_USAGE;
}
