/* people.h - personal data in and out: sealing NIK, e-mail and phone with the
 * keyring before they reach the store, and the User JSON (masked unless the
 * caller is looking at himself). */
#ifndef SATUPINTU_API_PEOPLE_H
#define SATUPINTU_API_PEOPLE_H

#include "api/app.h"
#include "store/users.h"

#include <stdbool.h>

/* Seals value for column field ("nik", "email", "phone") into out, with its
 * blind index and masked form (both copied into the arena); false on OOM. */
bool api_seal(app_t *app, arena_t *a, const char *field, const char *value, const char *masked, sealed_t *out);

/* Opens a sealed value into the arena; NULL when absent or unreadable. */
const char *api_unseal(app_t *app, arena_t *a, const sealed_t *s, const char *field);

/* The blind index of value for field, in the arena. */
const char *api_blind_index(app_t *app, arena_t *a, const char *field, const char *value);

/* Builds the User object; self shows the caller's own e-mail and phone. */
json_t *api_user_json(http_req_t *req, app_t *app, const user_t *u, const grant_t *grants, int ngrants, bool self);

/* A JSON grant object. */
json_t *api_grant_json(const grant_t *g);

/* RFC 3339 of epoch milliseconds at the offset of region_code's time zone
 * (WIB/WITA/WIT; UTC when region_code is NULL), as a JSON string; null for 0. */
json_t *api_time_json(int64_t ms, const char *region_code);

/* Why a new password is refused (too short, too long, too common), or NULL. */
const char *api_password_problem(http_req_t *req, const char *password);

/* Adds a field error unless name holds 2 to 100 characters of UTF-8. */
void api_check_name(http_req_t *req, const char *field, const char *name, json_t **fields);

/* Reads the optional "phone" and "email" of body into their normal forms
 * (empty when absent), adding field errors for malformed ones. */
void api_read_contact(http_req_t *req, json_t *body, char phone[24], char email[256], json_t **fields);

/* Seals the non-empty phone and email into u; false on OOM. */
bool api_seal_contact(app_t *app, arena_t *a, const char *phone, const char *email, user_t *u);

#endif
