/* roles.h - the roles a grant can name (see issue "Accounts, roles"). */
#ifndef SATUPINTU_DOMAIN_ROLES_H
#define SATUPINTU_DOMAIN_ROLES_H

#include <stdbool.h>

/* NULL-terminated list of role names, e.g. "front_office". */
extern const char *const role_names[];

/* True when name is one of role_names. */
bool role_valid(const char *name);

/* The bit of a role in a role set (1 << index in role_names); 0 when unknown. */
unsigned role_bit(const char *name);

/* Bits of the roles, for route tables. */
#define ROLE_CITIZEN (1u << 0)
#define ROLE_FRONT_OFFICE (1u << 1)
#define ROLE_BACK_OFFICE (1u << 2)
#define ROLE_APPROVER (1u << 3)
#define ROLE_AGENCY_ADMIN (1u << 4)
#define ROLE_REGION_ADMIN (1u << 5)
#define ROLE_DATA_PRODUCER (1u << 6)
#define ROLE_DATA_STEWARD (1u << 7)
#define ROLE_COOPERATION (1u << 8)
#define ROLE_EXECUTIVE (1u << 9)
#define ROLE_PLATFORM_ADMIN (1u << 10)
#define ROLE_STAFF (0x7FEu) /* every role but citizen */

/* True when a grant on grant_region covers code: the same region or one
 * below it ("32" covers "32.11.01"); a NULL grant region covers everything. */
bool region_covers(const char *grant_region, const char *code);

#endif
