/* csv.h - RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF or LF).
 *
 * The reader owns its FILE and its record buffer; fields returned by
 * csv_next() point into that buffer and stay valid until the next call.
 */
#ifndef SATUPINTU_LIB_CSV_H
#define SATUPINTU_LIB_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_MAX_FIELDS 16

typedef struct csv_reader csv_reader_t;

/* Opens path for reading; NULL on failure (errno set). Free with csv_close(). */
csv_reader_t *csv_open(const char *path);

/* Reads the next record. Returns the number of fields (>= 1), 0 at end of
 * file, or -1 on a malformed record or I/O error (csv_line() tells where).
 * fields[i] are NUL-terminated and owned by the reader. */
int csv_next(csv_reader_t *r, char *fields[CSV_MAX_FIELDS]);

/* Line number (1-based) where the last record started. */
size_t csv_line(const csv_reader_t *r);

/* Closes the file and frees the reader. NULL is a no-op. */
void csv_close(csv_reader_t *r);

#endif
