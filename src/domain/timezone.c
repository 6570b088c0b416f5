/* timezone.c - see timezone.h. Zones by province follow Keppres 41/1987:
 * WITA for Bali, Nusa Tenggara, Kalimantan Selatan/Timur/Utara and Sulawesi;
 * WIT for Maluku and Papua; WIB for Sumatra, Java, Kalimantan Barat/Tengah. */
#include "domain/timezone.h"

#include <stdlib.h>
#include <string.h>

int tz_region_offset(const char *code)
{
    if (!code || code[0] < '1' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return 420;
    int p = (code[0] - '0') * 10 + (code[1] - '0');
    if (p == 51 || p == 52 || p == 53 || p == 63 || p == 64 || p == 65 || (p >= 71 && p <= 76))
        return 480;
    if (p == 81 || p == 82 || (p >= 91 && p <= 97))
        return 540;
    return 420;
}

const char *tz_name(int offset)
{
    switch (offset) {
    case 420: return "WIB";
    case 480: return "WITA";
    case 540: return "WIT";
    default: return NULL;
    }
}

int tz_parse(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "WIB") == 0)
        return 420;
    if (strcmp(name, "WITA") == 0)
        return 480;
    if (strcmp(name, "WIT") == 0)
        return 540;
    return -1;
}
