/* cache.c - see cache.h. */
#include "api/cache.h"

#include "lib/clock.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1024 /* per thread; a power of two */
#define KEY_MAX 96

typedef struct {
    const cache_kind_t *kind; /* NULL: empty */
    char key[KEY_MAX];
    void *value;
    int64_t at_ms;
    uint64_t generation;
} entry_t;

typedef struct {
    entry_t slots[SLOTS];
} table_t;

static _Atomic uint64_t generation = 1;
static pthread_key_t table_key;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;
static _Thread_local table_t *table;

static void drop(entry_t *e)
{
    if (e->kind && e->kind->free_fn)
        e->kind->free_fn(e->value);
    e->kind = NULL;
    e->value = NULL;
}

static void table_free(void *t)
{
    table_t *tab = t;
    for (int i = 0; i < SLOTS; i++)
        drop(&tab->slots[i]);
    free(tab);
}

static void make_key(void)
{
    pthread_key_create(&table_key, table_free);
}

/* This thread's table, made on first use; NULL on OOM (nothing is cached). */
static table_t *this_table(void)
{
    if (table)
        return table;
    pthread_once(&table_once, make_key);
    table = calloc(1, sizeof *table);
    if (table && pthread_setspecific(table_key, table) != 0) {
        free(table);
        table = NULL;
    }
    return table;
}

static entry_t *slot_of(table_t *t, const cache_kind_t *kind, const char *key)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)kind;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        h = (h ^ *p) * 1099511628211ull;
    return &t->slots[h & (SLOTS - 1)];
}

void *api_cache_get(const cache_kind_t *kind, const char *key)
{
    table_t *t = this_table();
    if (!t)
        return NULL;
    entry_t *e = slot_of(t, kind, key);
    if (e->kind != kind || strcmp(e->key, key) != 0)
        return NULL;
    if (e->generation != atomic_load_explicit(&generation, memory_order_acquire) ||
        clock_now_ms() - e->at_ms >= kind->ttl_ms) {
        drop(e);
        return NULL;
    }
    return e->value;
}

uint64_t api_cache_generation(void)
{
    return atomic_load_explicit(&generation, memory_order_acquire);
}

void *api_cache_put(const cache_kind_t *kind, const char *key, void *value, uint64_t gen)
{
    table_t *t = this_table();
    if (!t || strlen(key) >= KEY_MAX) {
        if (kind->free_fn)
            kind->free_fn(value);
        return NULL;
    }
    entry_t *e = slot_of(t, kind, key);
    drop(e);
    e->kind = kind;
    strcpy(e->key, key);
    e->value = value;
    e->at_ms = clock_now_ms();
    e->generation = gen;
    return value;
}

void api_cache_bump(void)
{
    atomic_fetch_add_explicit(&generation, 1, memory_order_release);
}
