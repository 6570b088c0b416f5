/* cache.h - per-thread caches of what the hot paths read on every request:
 * who a session or API token is, a service with its parsed form and
 * workflow, a region's calendar.
 *
 * Each thread has its own table (no locks, no sharing), direct-mapped:
 * a new entry replaces whatever held its slot. An entry is fresh for its
 * kind's ttl_ms and until this process commits any write through
 * api_commit() (api_cache_bump()), so a change made here is seen at once and
 * one made by another process (the shell, another instance on the same
 * PostgreSQL) within ttl_ms.
 *
 * Ownership: api_cache_put() takes the value; the thread's table frees it
 * with kind->free_fn when it is replaced, goes stale, or the thread ends.
 * What api_cache_get() returns is borrowed until the next api_cache_* call
 * on the same thread: copy what must live longer into the request's arena.
 */
#ifndef SATUPINTU_API_CACHE_H
#define SATUPINTU_API_CACHE_H

#include <stdint.h>

typedef struct {
    const char *name;
    int64_t ttl_ms;
    void (*free_fn)(void *value);
} cache_kind_t;

/* The fresh value cached for (kind, key) on this thread, or NULL. */
void *api_cache_get(const cache_kind_t *kind, const char *key);

/* The current generation: read it before loading what will be put, so that
 * a write committed meanwhile makes the entry stale at once. */
uint64_t api_cache_generation(void);

/* Caches value (taken) for (kind, key) on this thread, loaded at generation
 * gen, and returns it, borrowed like a get() (usable for the current request
 * even if a write committed meanwhile made it stale). Keys longer than 95
 * bytes are not cached: value is then freed at once and NULL returned. */
void *api_cache_put(const cache_kind_t *kind, const char *key, void *value, uint64_t gen);

/* Makes every cached entry of every thread stale (a write was committed). */
void api_cache_bump(void);

#endif
