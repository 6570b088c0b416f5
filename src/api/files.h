/* files.h - content-addressed files under DATA_DIR/documents (uploads and
 * issued PDFs), outside the web root: the name is the SHA-256 of the bytes. */
#ifndef SATUPINTU_API_FILES_H
#define SATUPINTU_API_FILES_H

#include <stdbool.h>
#include <stddef.h>

/* Writes n bytes as DATA_DIR/documents/<sha> (fsync, then rename): true when on disk. */
bool api_store_file(const char *data_dir, const char *sha, const void *data, size_t n);

/* Reads DATA_DIR/documents/<sha>; malloc'd bytes (caller frees) and *len, or NULL. */
char *api_read_file(const char *data_dir, const char *sha, size_t *len);

#endif
