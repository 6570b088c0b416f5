/* arena.h - per-request bump allocator.
 *
 * An arena hands out memory that lives until arena_free(). Nothing allocated
 * from it is freed one by one: the owner of the arena owns every byte in it.
 * Invariants: blocks form a singly linked list, the newest first; every
 * pointer returned is aligned to 16 bytes; a failed allocation returns NULL
 * and leaves the arena usable.
 */
#ifndef SATUPINTU_LIB_ARENA_H
#define SATUPINTU_LIB_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena arena_t;

/* Creates an arena whose first block holds at least first_block bytes.
 * Returns NULL on OOM; the caller frees it with arena_free(). */
arena_t *arena_new(size_t first_block);

/* Frees the arena and everything allocated from it. NULL is a no-op. */
void arena_free(arena_t *a);

/* Returns n bytes (uninitialised, 16-aligned) owned by the arena, or NULL on OOM. */
void *arena_alloc(arena_t *a, size_t n);

/* Returns n zeroed bytes owned by the arena, or NULL on OOM. */
void *arena_calloc(arena_t *a, size_t n);

/* Copies the first n bytes of s into the arena and NUL-terminates; NULL on OOM. */
char *arena_strndup(arena_t *a, const char *s, size_t n);

/* Copies the NUL-terminated s into the arena; NULL on OOM. */
char *arena_strdup(arena_t *a, const char *s);

/* Like arena_strdup, but NULL stays NULL (for nullable database columns). */
const char *arena_strdup_opt(arena_t *a, const char *s);

/* Formats like printf into the arena; NULL on OOM or format error. */
char *arena_printf(arena_t *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Total bytes handed out since creation (for tests and metrics). */
size_t arena_used(const arena_t *a);

#endif
