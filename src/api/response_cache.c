/* response_cache.c - see response_cache.h. Open addressing, no deletion
 * except a full clear on a version change. */
#include "api/response_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 24

typedef struct {
    char key[KEY_MAX]; /* "" marks an empty slot */
    char *bytes;
    size_t len;
} slot_t;

struct response_cache {
    pthread_rwlock_t lock;
    slot_t *slots;
    size_t cap; /* power of two, twice max_entries or more */
    size_t used;
    size_t max_entries;
    int64_t version;
    _Atomic int64_t last_check_ms;
};

static uint64_t hash_key(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

response_cache_t *response_cache_new(size_t max_entries)
{
    response_cache_t *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    size_t cap = 16;
    while (cap < max_entries * 2)
        cap *= 2;
    c->slots = calloc(cap, sizeof *c->slots);
    if (!c->slots) {
        free(c);
        return NULL;
    }
    c->cap = cap;
    c->max_entries = max_entries;
    c->version = -1;
    pthread_rwlock_init(&c->lock, NULL);
    return c;
}

static void clear_locked(response_cache_t *c)
{
    for (size_t i = 0; i < c->cap; i++) {
        free(c->slots[i].bytes);
        memset(&c->slots[i], 0, sizeof c->slots[i]);
    }
    c->used = 0;
}

void response_cache_free(response_cache_t *c)
{
    if (!c)
        return;
    clear_locked(c);
    free(c->slots);
    pthread_rwlock_destroy(&c->lock);
    free(c);
}

static slot_t *find(response_cache_t *c, const char *key)
{
    size_t i = (size_t)hash_key(key) & (c->cap - 1);
    while (c->slots[i].key[0] && strcmp(c->slots[i].key, key) != 0)
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

bool response_cache_get(response_cache_t *c, const char *key, char **out, size_t *len)
{
    if (strlen(key) >= KEY_MAX)
        return false;
    bool hit = false;
    pthread_rwlock_rdlock(&c->lock);
    slot_t *s = find(c, key);
    if (s->key[0]) {
        *out = malloc(s->len ? s->len : 1);
        if (*out) {
            memcpy(*out, s->bytes, s->len);
            *len = s->len;
            hit = true;
        }
    }
    pthread_rwlock_unlock(&c->lock);
    return hit;
}

void response_cache_put(response_cache_t *c, const char *key, const char *bytes, size_t len, int64_t version)
{
    if (strlen(key) >= KEY_MAX || !*key)
        return;
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return;
    memcpy(copy, bytes, len);
    pthread_rwlock_wrlock(&c->lock);
    slot_t *s = find(c, key);
    if (version == c->version && !s->key[0] && c->used < c->max_entries) {
        strcpy(s->key, key);
        s->bytes = copy;
        s->len = len;
        c->used++;
        copy = NULL;
    }
    pthread_rwlock_unlock(&c->lock);
    free(copy);
}

void response_cache_set_version(response_cache_t *c, int64_t version)
{
    pthread_rwlock_rdlock(&c->lock);
    bool same = c->version == version;
    pthread_rwlock_unlock(&c->lock);
    if (same)
        return;
    pthread_rwlock_wrlock(&c->lock);
    if (c->version != version) {
        clear_locked(c);
        c->version = version;
    }
    pthread_rwlock_unlock(&c->lock);
}

bool response_cache_due(response_cache_t *c, int64_t now_ms)
{
    int64_t last = atomic_load_explicit(&c->last_check_ms, memory_order_relaxed);
    if (now_ms - last < 1000)
        return false;
    return atomic_compare_exchange_strong(&c->last_check_ms, &last, now_ms);
}

int64_t response_cache_version(response_cache_t *c)
{
    pthread_rwlock_rdlock(&c->lock);
    int64_t v = c->version;
    pthread_rwlock_unlock(&c->lock);
    return v;
}
