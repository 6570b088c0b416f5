/* response_cache.h - rendered answers for data that changes only on import
 * (the reference regions), keyed by a short string and tied to a version.
 *
 * Thread-safe (a read-write lock). The cache owns its copies; lookups copy
 * out. When the version it is told differs from the one it holds, it
 * empties itself. Bounded: past max_entries it stops adding. */
#ifndef SATUPINTU_API_RESPONSE_CACHE_H
#define SATUPINTU_API_RESPONSE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct response_cache response_cache_t;

/* Creates a cache for up to max_entries answers; NULL on OOM. Free with response_cache_free(). */
response_cache_t *response_cache_new(size_t max_entries);

void response_cache_free(response_cache_t *c);

/* On a hit returns true and a malloc'd copy in *out (caller frees) of *len bytes. */
bool response_cache_get(response_cache_t *c, const char *key, char **out, size_t *len);

/* Stores a copy of bytes under key for version; ignored when full or stale. */
void response_cache_put(response_cache_t *c, const char *key, const char *bytes, size_t len, int64_t version);

/* Tells the cache the data's current version; empties it on a change. */
void response_cache_set_version(response_cache_t *c, int64_t version);

/* True when the version should be read again (at most once a second). */
bool response_cache_due(response_cache_t *c, int64_t now_ms);

/* The version the cache holds answers for. */
int64_t response_cache_version(response_cache_t *c);

#endif
