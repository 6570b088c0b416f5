/* arena.c - see arena.h. */
#include "lib/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_MIN_BLOCK 4096

typedef struct block {
    struct block *next;
    size_t cap;  /* usable bytes after the header */
    size_t used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
} block_t;

struct arena {
    block_t *head;
    size_t total;
};

static block_t *block_new(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(block_t))
        return NULL;
    block_t *b = malloc(sizeof(block_t) + cap);
    if (!b)
        return NULL;
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

arena_t *arena_new(size_t first_block)
{
    arena_t *a = malloc(sizeof *a);
    if (!a)
        return NULL;
    if (first_block < ARENA_MIN_BLOCK)
        first_block = ARENA_MIN_BLOCK;
    a->head = block_new(first_block);
    a->total = 0;
    if (!a->head) {
        free(a);
        return NULL;
    }
    return a;
}

void arena_free(arena_t *a)
{
    if (!a)
        return;
    block_t *b = a->head;
    while (b) {
        block_t *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *arena_alloc(arena_t *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    block_t *b = a->head;
    if (b->cap - b->used < need) {
        size_t cap = b->cap * 2;
        if (cap < need)
            cap = need;
        block_t *nb = block_new(cap);
        if (!nb)
            return NULL;
        nb->next = a->head;
        a->head = nb;
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->total += n;
    return p;
}

void *arena_calloc(arena_t *a, size_t n)
{
    void *p = arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena_t *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

const char *arena_strdup_opt(arena_t *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

char *arena_printf(arena_t *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return NULL;
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

size_t arena_used(const arena_t *a)
{
    return a->total;
}
