/* embedded.h - data compiled into the binary by tools/embed.c (build/gen/embedded.c). */
#ifndef SATUPINTU_LIB_EMBEDDED_H
#define SATUPINTU_LIB_EMBEDDED_H

#include <stddef.h>

typedef struct {
    int version;      /* NNNN of the file name */
    const char *name; /* file name without .sql */
    const char *sql;
} embedded_migration_t;

extern const embedded_migration_t migrations_sqlite[];
extern const size_t migrations_sqlite_count;
extern const embedded_migration_t migrations_postgres[];
extern const size_t migrations_postgres_count;

/* docs/openapi.json */
extern const char *const openapi_json;
extern const size_t openapi_json_len;

#endif
