/* region_code.h - Kemendagri region codes (Satu Data kode referensi, see
 * DOMAIN.md): province "32", regency/city "32.11", district "32.11.01",
 * village "32.11.01.2001". Pure functions, no I/O. */
#ifndef SATUPINTU_DOMAIN_REGION_CODE_H
#define SATUPINTU_DOMAIN_REGION_CODE_H

#include <stddef.h>

typedef enum {
    REGION_INVALID = 0,
    REGION_PROVINCE = 1,
    REGION_REGENCY = 2,
    REGION_DISTRICT = 3,
    REGION_VILLAGE = 4,
} region_level_t;

/* The level the code's shape says, or REGION_INVALID when malformed. */
region_level_t region_code_level(const char *code);

/* Writes the parent's code into out (at least 14 bytes); returns its level,
 * or REGION_INVALID for a province (no parent) or a malformed code. */
region_level_t region_code_parent(const char *code, char *out, size_t outlen);

/* "province", "regency", "district", "village"; NULL when invalid. */
const char *region_level_name(region_level_t level);

/* The level named by name, or REGION_INVALID. */
region_level_t region_level_parse(const char *name);

#endif
