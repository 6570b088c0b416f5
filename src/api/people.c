/* people.c - see people.h. */
#include "api/people.h"

#include "domain/contact.h"
#include "domain/timezone.h"
#include "lib/clock.h"
#include "lib/utf8.h"

#include <stdlib.h>
#include <string.h>

bool api_seal(app_t *app, arena_t *a, const char *field, const char *value, const char *masked, sealed_t *out)
{
    char *enc = keyring_seal(app->keys, value, field);
    if (!enc)
        return false;
    out->enc = arena_strdup(a, enc);
    free(enc);
    out->bidx = api_blind_index(app, a, field, value);
    out->masked = arena_strdup(a, masked);
    return out->enc && out->bidx && out->masked;
}

const char *api_unseal(app_t *app, arena_t *a, const sealed_t *s, const char *field)
{
    if (!s->enc)
        return NULL;
    char *plain = keyring_open(app->keys, s->enc, field);
    if (!plain)
        return NULL;
    const char *copy = arena_strdup(a, plain);
    memset(plain, 0, strlen(plain));
    free(plain);
    return copy;
}

const char *api_blind_index(app_t *app, arena_t *a, const char *field, const char *value)
{
    char idx[65];
    keyring_blind_index(app->keys, field, value, idx);
    return arena_strdup(a, idx);
}

json_t *api_time_json(int64_t ms, const char *region_code)
{
    if (!ms)
        return json_null();
    char t[40];
    clock_format_offset(ms, region_code ? tz_region_offset(region_code) : 0, t, sizeof t);
    return json_string(t);
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *api_grant_json(const grant_t *g)
{
    return json_pack("{s:I, s:s, s:o, s:o}", "id", (json_int_t)g->id, "role", g->role, "region_code",
                     str_or_null(g->region_code), "agency_id", g->agency_id ? json_integer(g->agency_id) : json_null());
}

json_t *api_user_json(http_req_t *req, app_t *app, const user_t *u, const grant_t *grants, int ngrants, bool self)
{
    const char *email = u->email.masked, *phone = u->phone.masked;
    if (self) {
        const char *e = api_unseal(app, req->arena, &u->email, "email");
        const char *p = api_unseal(app, req->arena, &u->phone, "phone");
        email = e ? e : email;
        phone = p ? p : phone;
    }
    json_t *g = json_array(), *roles = json_array();
    for (int i = 0; i < ngrants; i++) {
        json_array_append_new(g, api_grant_json(&grants[i]));
        bool seen = false;
        for (size_t k = 0; k < json_array_size(roles); k++)
            seen |= strcmp(json_string_value(json_array_get(roles, k)), grants[i].role) == 0;
        if (!seen)
            json_array_append_new(roles, json_string(grants[i].role));
    }
    return json_pack("{s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:I}", "id", (json_int_t)u->id,
                     "kind", u->kind, "username", str_or_null(u->username), "name", u->name, "email",
                     str_or_null(email), "phone", str_or_null(phone), "nik", str_or_null(u->nik.masked),
                     "region_code", str_or_null(u->region_code), "grants", g, "roles", roles, "disabled",
                     u->disabled != 0, "created_at", api_time_json(u->created_at, u->region_code ? u->region_code : ngrants ? grants[0].region_code : NULL), "version", (json_int_t)u->version);
}

#define MIN_PASSWORD 10
#define MAX_PASSWORD 256

const char *api_password_problem(http_req_t *req, const char *pw)
{
    if (!pw)
        return http_tr(req, "Wajib diisi.", "Required.");
    size_t n = utf8_valid(pw, strlen(pw)) ? utf8_length(pw, strlen(pw)) : 0;
    if (n < MIN_PASSWORD)
        return http_tr(req, "Kata sandi minimal 10 karakter.", "The password needs at least 10 characters.");
    if (strlen(pw) > MAX_PASSWORD)
        return http_tr(req, "Kata sandi terlalu panjang.", "The password is too long.");
    if (password_is_common(pw))
        return http_tr(req, "Kata sandi ini terlalu umum; pilih yang lain.",
                       "This password is too common; choose another.");
    return NULL;
}

void api_check_name(http_req_t *req, const char *field, const char *name, json_t **fields)
{
    size_t n = name && utf8_valid(name, strlen(name)) ? utf8_length(name, strlen(name)) : 0;
    if (n < 2 || n > 100)
        api_field_error(fields, field, http_tr(req, "Nama 2 sampai 100 karakter.", "The name needs 2 to 100 characters."));
}

void api_read_contact(http_req_t *req, json_t *body, char phone[24], char email[256], json_t **fields)
{
    const char *phone_in = api_json_text(json_object_get(body, "phone"));
    const char *email_in = api_json_text(json_object_get(body, "email"));
    phone[0] = email[0] = '\0';
    json_t *jp = json_object_get(body, "phone"), *je = json_object_get(body, "email");
    if ((jp && !json_is_null(jp) && !phone_in) || (phone_in && *phone_in && !phone_normalize(phone_in, phone, 24)))
        api_field_error(fields, "phone", http_tr(req, "Nomor ponsel Indonesia, mis. 081234567890.",
                                                 "An Indonesian mobile number, e.g. 081234567890."));
    if ((je && !json_is_null(je) && !email_in) || (email_in && *email_in && !email_normalize(email_in, email, 256)))
        api_field_error(fields, "email", http_tr(req, "Alamat e-mail tidak sah.", "Not a valid e-mail address."));
}

bool api_seal_contact(app_t *app, arena_t *a, const char *phone, const char *email, user_t *u)
{
    char masked[64];
    if (phone[0]) {
        phone_mask(phone, masked, sizeof masked);
        if (!api_seal(app, a, "phone", phone, masked, &u->phone))
            return false;
    }
    if (email[0]) {
        email_mask(email, masked, sizeof masked);
        if (!api_seal(app, a, "email", email, masked, &u->email))
            return false;
    }
    return true;
}
