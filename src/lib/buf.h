/* buf.h - growable byte buffer on the heap.
 *
 * Invariants: data is NULL while cap == 0, otherwise data[len] == '\0' so the
 * contents can always be used as a C string. The buffer owns data; buf_free()
 * releases it and leaves an empty buffer. buf_detach() hands ownership to the
 * caller (free() it). A failed append leaves the contents unchanged and sets
 * the sticky oom flag, so callers may append many times and check once.
 */
#ifndef SATUPINTU_LIB_BUF_H
#define SATUPINTU_LIB_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *data;
    size_t len;
    size_t cap;
    bool oom;
} buf_t;

#define BUF_INIT {NULL, 0, 0, false}

/* Appends n bytes; returns 0 or -1 on OOM. */
int buf_append(buf_t *b, const void *p, size_t n);

/* Appends a C string; returns 0 or -1 on OOM. */
int buf_puts(buf_t *b, const char *s);

/* Appends printf-formatted text; returns 0 or -1 on OOM. */
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends v in decimal (no printf: the access log's hot path). */
int buf_u64(buf_t *b, uint64_t v);

/* Appends s as a JSON string literal (with quotes and escapes). */
int buf_json_string(buf_t *b, const char *s, size_t n);

/* Empties the buffer, keeping its memory. */
void buf_reset(buf_t *b);

/* Frees the memory; the buffer is empty and reusable afterwards. */
void buf_free(buf_t *b);

/* Returns the heap string (caller frees) and leaves the buffer empty; never NULL unless OOM. */
char *buf_detach(buf_t *b, size_t *len);

#endif
