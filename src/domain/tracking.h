/* tracking.h - application tracking numbers and PINs (issue 4 "Applications":
 * short, readable, unique, and revealing nothing about how many exist).
 *
 * A tracking number is the service's prefix, 40 random bits written as 8
 * characters of Crockford base32 (0-9 A-Z without I L O U) in two groups, and
 * Crockford's mod-37 check symbol in a group of its own, as ISBN sets its check
 * digit apart:  PBG-7K3M-9QXD-A.  The check catches every single mistyped
 * character and every swap of two neighbours before any database lookup. It
 * covers the 8 characters, not the prefix (the caller knows its prefixes).
 *
 * Crockford's check alphabet adds * ~ $ = U for the values 32..36. Numbers whose
 * check would be one of those are never made: * and ~ format text in WhatsApp
 * and SMS gateways and $ = * need care in URLs. That keeps 32 of every 37 values
 * (39.8 bits); a refused draw is answered TRACKING_NEED_MORE.
 *
 * Randomness comes from the caller (libsodium randombytes_buf in the server,
 * fixed bytes in tests): the functions here are pure. Two random numbers can
 * still collide (even odds after about a million for one prefix): the store's
 * UNIQUE constraint decides, and the caller draws again. */
#ifndef SATUPINTU_DOMAIN_TRACKING_H
#define SATUPINTU_DOMAIN_TRACKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TRACKING_PREFIX_MIN 2
#define TRACKING_PREFIX_MAX 6
#define TRACKING_BYTES 5            /* random bytes one attempt at a number takes */
#define TRACKING_SIZE 19            /* "ABCDEF-XXXX-XXXX-C" and its NUL */
#define TRACKING_INPUT_MAX 64       /* longer input is refused before looking at it */
#define TRACKING_PIN_BYTES 3        /* random bytes one attempt at a PIN takes */
#define TRACKING_PIN_SIZE 7         /* six digits and the NUL */

typedef enum {
    TRACKING_OK = 0,
    TRACKING_NULL_ARG,              /* a required pointer is NULL */
    TRACKING_NEED_MORE,             /* the bytes gave no usable draw: call again with fresh ones */
    TRACKING_BAD_PREFIX,            /* the prefix is not 2..6 letters A-Z */
    TRACKING_BAD_LENGTH,            /* too long, too short, or groups that do not add up */
    TRACKING_BAD_CHAR,              /* a character that is no Crockford symbol (or separator) */
    TRACKING_BAD_CHECK,             /* the check symbol does not match: a typing mistake */
} tracking_status_t;

/* True when prefix is 2..6 upper-case letters A-Z (a service's prefix, "PBG"). */
bool tracking_prefix_valid(const char *prefix);

/* The Crockford check symbol of value: '0'..'Z' for value % 37 below 32, else
 * one of * ~ $ = U. */
char tracking_check_symbol(uint64_t value);

/* Makes a tracking number for prefix into out, taking TRACKING_BYTES bytes of
 * random (n bytes given) per attempt; *used (may be NULL) says how many bytes
 * were taken. TRACKING_NEED_MORE when n holds no accepted attempt. */
tracking_status_t tracking_make(const char *prefix, const uint8_t *random, size_t n,
                                char out[TRACKING_SIZE], size_t *used);

/* Reads a number as a person types it: any case, blanks (space, tab, line
 * ends) and hyphens missing or extra, O for 0, I and L for 1 (not in the prefix).
 * When the first group is set apart and has a prefix's shape it is the prefix,
 * so a character missing or extra after it is TRACKING_BAD_LENGTH; otherwise
 * the prefix is whatever precedes the last nine symbols. Verifies the prefix shape and the check symbol
 * and writes the canonical form ("PBG-7K3M-9QXD-A") into out. */
tracking_status_t tracking_parse(const char *input, char out[TRACKING_SIZE]);

/* Makes a 6-digit PIN ("004711") into out without modulo bias: each attempt
 * takes TRACKING_PIN_BYTES bytes as a number below 2^24 and keeps it only below
 * 16,000,000 (a multiple of 10^6); *used (may be NULL) says how many bytes were
 * taken. TRACKING_NEED_MORE when every attempt in the n bytes was refused. */
tracking_status_t tracking_pin(const uint8_t *random, size_t n, char out[TRACKING_PIN_SIZE],
                               size_t *used);

/* A short English reason for a status ("the check character does not match"). */
const char *tracking_reason_en(tracking_status_t s);

/* The same in Bahasa Indonesia. */
const char *tracking_reason_id(tracking_status_t s);

#endif
