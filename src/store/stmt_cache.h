/* stmt_cache.h - a per-connection map from statement text to an engine's
 * prepared handle. The cache owns its copies of the SQL text; the engine owns
 * the handles and finalises them through the callback given to stmt_cache_clear(). */
#ifndef SATUPINTU_STORE_STMT_CACHE_H
#define SATUPINTU_STORE_STMT_CACHE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t hash;
    char *sql;    /* owned copy; NULL marks an empty slot */
    void *handle; /* engine's prepared statement (SQLite) or slot data (PostgreSQL) */
    int serial;   /* engine's name for it (PostgreSQL "s<serial>") */
} stmt_entry_t;

typedef struct {
    stmt_entry_t *slots;
    size_t cap; /* power of two */
    size_t used;
    int next_serial;
} stmt_cache_t;

/* Finds sql; NULL when not cached. */
stmt_entry_t *stmt_cache_find(stmt_cache_t *c, const char *sql);

/* Adds sql with handle; returns the entry or NULL on OOM. */
stmt_entry_t *stmt_cache_add(stmt_cache_t *c, const char *sql, void *handle);

/* Removes e (found by stmt_cache_find or added) without dropping its handle. */
void stmt_cache_remove(stmt_cache_t *c, stmt_entry_t *e);

/* Calls drop(handle) for every entry and empties the cache, keeping its memory. */
void stmt_cache_clear(stmt_cache_t *c, void (*drop)(void *handle));

/* Frees all memory after stmt_cache_clear. */
void stmt_cache_free(stmt_cache_t *c);

#endif
