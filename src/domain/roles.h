/* roles.h - the roles a grant can name (see issue "Accounts, roles"). */
#ifndef SATUPINTU_DOMAIN_ROLES_H
#define SATUPINTU_DOMAIN_ROLES_H

#include <stdbool.h>

/* NULL-terminated list of role names, e.g. "front_office". */
extern const char *const role_names[];

/* True when name is one of role_names. */
bool role_valid(const char *name);

#endif
