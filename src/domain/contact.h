/* contact.h - phone numbers and e-mail addresses of applicants: shape checks,
 * normal forms, and the masked forms lists may show (UU 27/2022). Pure. */
#ifndef SATUPINTU_DOMAIN_CONTACT_H
#define SATUPINTU_DOMAIN_CONTACT_H

#include <stdbool.h>
#include <stddef.h>

/* Normalises an Indonesian mobile number ("0812-3456-7890", "62812...",
 * "+62 812 ...") to "+62812..." in out (at least 20 bytes); false when it is
 * not one (10 to 15 digits, starting 08 / 628 / +628). */
bool phone_normalize(const char *in, char *out, size_t outlen);

/* "+62812****7890": the first six and last four characters kept. */
void phone_mask(const char *normalized, char *out, size_t outlen);

/* Lower-cases a plausible address (local@domain.tld, no spaces, <= 254
 * bytes) into out; false when it is not one. */
bool email_normalize(const char *in, char *out, size_t outlen);

/* "a***@example.com". */
void email_mask(const char *normalized, char *out, size_t outlen);

/* True when password is among the commonly used ones (case-insensitive). */
bool password_is_common(const char *password);

#endif
