/* utf8.h - UTF-8 validation (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). */
#ifndef SATUPINTU_LIB_UTF8_H
#define SATUPINTU_LIB_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when the n bytes at s are well-formed UTF-8 (NUL bytes are allowed). */
bool utf8_valid(const char *s, size_t n);

/* Number of code points in n bytes of valid UTF-8. */
size_t utf8_length(const char *s, size_t n);

#endif
