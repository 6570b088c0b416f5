/* pdfdoc.h - a one-page A4 PDF (libhpdf) with a title, labelled lines and a
 * QR code (libqrencode) of a URL, for issued documents. The standard PDF
 * fonts carry Latin-1 only: other characters are written as '?'. */
#ifndef SATUPINTU_LIB_PDFDOC_H
#define SATUPINTU_LIB_PDFDOC_H

#include <stddef.h>

typedef struct {
    const char *label; /* "Nomor" */
    const char *value; /* "PBG-7K3M-9QXD-A" */
} pdfdoc_line_t;

/* Renders the page; on success *out is malloc'd (caller frees) and *len set; -1 on failure. */
int pdfdoc_render(const char *heading, const char *title, const pdfdoc_line_t *lines, size_t n, const char *footer,
                  const char *qr_url, unsigned char **out, size_t *len);

#endif
