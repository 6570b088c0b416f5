/* stmt_cache.c - see stmt_cache.h. Open addressing with linear probing. */
#include "store/stmt_cache.h"

#include "store/db_internal.h"

#include <stdlib.h>
#include <string.h>

static stmt_entry_t *probe(stmt_entry_t *slots, size_t cap, uint64_t hash, const char *sql)
{
    size_t i = (size_t)hash & (cap - 1);
    for (;;) {
        stmt_entry_t *e = &slots[i];
        if (!e->sql || (e->hash == hash && strcmp(e->sql, sql) == 0))
            return e;
        i = (i + 1) & (cap - 1);
    }
}

stmt_entry_t *stmt_cache_find(stmt_cache_t *c, const char *sql)
{
    if (!c->cap)
        return NULL;
    stmt_entry_t *e = probe(c->slots, c->cap, db_sql_hash(sql), sql);
    return e->sql ? e : NULL;
}

static int grow(stmt_cache_t *c)
{
    size_t cap = c->cap ? c->cap * 2 : 64;
    stmt_entry_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < c->cap; i++) {
        stmt_entry_t *old = &c->slots[i];
        if (old->sql)
            *probe(slots, cap, old->hash, old->sql) = *old;
    }
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
    return 0;
}

stmt_entry_t *stmt_cache_add(stmt_cache_t *c, const char *sql, void *handle)
{
    if ((c->used + 1) * 2 > c->cap && grow(c) != 0)
        return NULL;
    uint64_t h = db_sql_hash(sql);
    stmt_entry_t *e = probe(c->slots, c->cap, h, sql);
    if (e->sql)
        return e;
    e->sql = strdup(sql);
    if (!e->sql)
        return NULL;
    e->hash = h;
    e->handle = handle;
    e->serial = ++c->next_serial;
    c->used++;
    return e;
}

void stmt_cache_remove(stmt_cache_t *c, stmt_entry_t *e)
{
    free(e->sql);
    memset(e, 0, sizeof *e);
    c->used--;
    /* Re-insert the rest of the probe chain so later lookups still find it. */
    size_t i = ((size_t)(e - c->slots) + 1) & (c->cap - 1);
    while (c->slots[i].sql) {
        stmt_entry_t moved = c->slots[i];
        memset(&c->slots[i], 0, sizeof moved);
        *probe(c->slots, c->cap, moved.hash, moved.sql) = moved;
        i = (i + 1) & (c->cap - 1);
    }
}

void stmt_cache_clear(stmt_cache_t *c, void (*drop)(void *handle))
{
    for (size_t i = 0; i < c->cap; i++) {
        stmt_entry_t *e = &c->slots[i];
        if (!e->sql)
            continue;
        if (drop && e->handle)
            drop(e->handle);
        free(e->sql);
        memset(e, 0, sizeof *e);
    }
    c->used = 0;
}

void stmt_cache_free(stmt_cache_t *c)
{
    free(c->slots);
    memset(c, 0, sizeof *c);
}
