/* roles.c - see roles.h. */
#include "domain/roles.h"

#include <string.h>

const char *const role_names[] = {
    "citizen",        /* pemohon */
    "front_office",   /* petugas loket */
    "back_office",    /* verifikator */
    "approver",       /* pejabat penandatangan */
    "agency_admin",
    "region_admin",
    "data_producer",  /* produsen data */
    "data_steward",   /* walidata */
    "cooperation_officer",
    "executive",      /* pimpinan: read-only dashboards */
    "platform_admin",
    NULL,
};

bool role_valid(const char *name)
{
    if (!name)
        return false;
    for (int i = 0; role_names[i]; i++)
        if (strcmp(role_names[i], name) == 0)
            return true;
    return false;
}

unsigned role_bit(const char *name)
{
    if (!name)
        return 0;
    for (int i = 0; role_names[i]; i++)
        if (strcmp(role_names[i], name) == 0)
            return 1u << i;
    return 0;
}

bool region_covers(const char *grant_region, const char *code)
{
    if (!grant_region)
        return true;
    if (!code)
        return false;
    size_t n = strlen(grant_region);
    return strncmp(grant_region, code, n) == 0 && (code[n] == '\0' || code[n] == '.');
}
