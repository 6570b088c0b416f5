/* region_code.c - see region_code.h. */
#include "domain/region_code.h"

#include <stdio.h>
#include <string.h>

static const size_t part_len[] = {2, 2, 2, 4}; /* digits per level */

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

region_level_t region_code_level(const char *code)
{
    if (!code)
        return REGION_INVALID;
    const char *p = code;
    for (int level = 0; level < 4; level++) {
        size_t want = part_len[level];
        if (strlen(p) < want || !all_digits(p, want))
            return REGION_INVALID;
        p += want;
        if (*p == '\0')
            return (region_level_t)(level + 1);
        if (*p != '.')
            return REGION_INVALID;
        p++;
    }
    return REGION_INVALID;
}

region_level_t region_code_parent(const char *code, char *out, size_t outlen)
{
    region_level_t level = region_code_level(code);
    if (level <= REGION_PROVINCE)
        return REGION_INVALID;
    const char *dot = strrchr(code, '.');
    size_t n = (size_t)(dot - code);
    if (n + 1 > outlen)
        return REGION_INVALID;
    memcpy(out, code, n);
    out[n] = '\0';
    return (region_level_t)(level - 1);
}

static const char *const names[] = {NULL, "province", "regency", "district", "village"};

const char *region_level_name(region_level_t level)
{
    return level >= REGION_PROVINCE && level <= REGION_VILLAGE ? names[level] : NULL;
}

region_level_t region_level_parse(const char *name)
{
    for (int l = REGION_PROVINCE; l <= REGION_VILLAGE; l++)
        if (name && strcmp(name, names[l]) == 0)
            return (region_level_t)l;
    return REGION_INVALID;
}
