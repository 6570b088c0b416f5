/* web.h - the browser app: web/ files kept in memory and served under
 * /static/<content hash>/ with year-long immutable caching; the Preact + htm
 * module from npm under /vendor/<hash>/; index.html for every app path. */
#ifndef SATUPINTU_API_WEB_H
#define SATUPINTU_API_WEB_H

#include "api/app.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct web_assets web_assets_t;

/* Reads every file under web_dir and the vendor module; NULL with err when
 * web_dir cannot be read. Free with web_assets_free(). */
web_assets_t *web_assets_load(const char *web_dir, const char *vendor_file, char *err, size_t errlen);

void web_assets_free(web_assets_t *w);

/* Number of files and total bytes (for the start-up log). */
size_t web_assets_count(const web_assets_t *w, size_t *bytes);

/* GET /static/{hash}/{path...} */
void api_web_static(http_req_t *req, void *app);
/* GET /vendor/{hash}/{file} */
void api_web_vendor(http_req_t *req, void *app);
/* The server's fallback for unmatched GETs: index.html for app paths. */
bool api_web_fallback(http_req_t *req, void *app);

#endif
