/* timezone.h - Indonesia's three time zones (no daylight saving): WIB UTC+7,
 * WITA UTC+8, WIT UTC+9, and the zone a region lies in by its province. */
#ifndef SATUPINTU_DOMAIN_TIMEZONE_H
#define SATUPINTU_DOMAIN_TIMEZONE_H

/* The UTC offset in minutes of a region by its province code (the first two
 * digits): 420, 480 or 540; 420 when the code is not a known province. */
int tz_region_offset(const char *region_code);

/* "WIB", "WITA", "WIT" for 420, 480, 540; NULL for other offsets. */
const char *tz_name(int offset_minutes);

/* The offset of "WIB", "WITA" or "WIT"; -1 for anything else. */
int tz_parse(const char *name);

#endif
