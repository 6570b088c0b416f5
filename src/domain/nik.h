/* nik.h - Nomor Induk Kependudukan checks (see DOMAIN.md): 16 digits; six of
 * the holder's district code (province, regency, district without dots); the
 * birth date DDMMYY with day + 40 for women; a serial that is not 0000.
 * Pure: whether the district exists is the caller's question (reference data). */
#ifndef SATUPINTU_DOMAIN_NIK_H
#define SATUPINTU_DOMAIN_NIK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    NIK_OK = 0,
    NIK_NOT_16_DIGITS,
    NIK_BAD_DISTRICT,   /* the first six digits are not a district code shape (00 parts) */
    NIK_BAD_DATE,       /* DDMMYY is no real date, even with the women's +40 */
    NIK_ZERO_SERIAL,
} nik_status_t;

typedef struct {
    char district[9];   /* "32.11.01" */
    int day, month, yy; /* birth date (day without the +40) and two-digit year */
    bool female;
} nik_parts_t;

/* Checks the shape of nik and fills parts (may be NULL) when it is well formed. */
nik_status_t nik_parse(const char *nik, nik_parts_t *parts);

/* A short English reason for a status ("the birth date part is not a real date"). */
const char *nik_reason_en(nik_status_t s);

/* The same in Bahasa Indonesia. */
const char *nik_reason_id(nik_status_t s);

/* Writes the masked form "3211********0001" into out (17 bytes); nik must be 16 chars. */
void nik_mask(const char *nik, char out[17]);

#endif
