/* nik.c - see nik.h. NIK layout: UU 24/2013 (Administrasi Kependudukan) and
 * Permendagri 108/2019; masking as UU 27/2022 (PDP) asks for lists. */
#include "domain/nik.h"

#include <stdio.h>
#include <string.h>

static int two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

static bool leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static bool real_date(int day, int month, int yy)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1)
        return false;
    int max = days[month - 1];
    /* A two-digit year is 19yy or 20yy: 29 February is real if either is leap. */
    if (month == 2 && (leap(1900 + yy) || leap(2000 + yy)))
        max = 29;
    return day <= max;
}

nik_status_t nik_parse(const char *nik, nik_parts_t *parts)
{
    if (!nik || strlen(nik) != 16)
        return NIK_NOT_16_DIGITS;
    for (int i = 0; i < 16; i++)
        if (nik[i] < '0' || nik[i] > '9')
            return NIK_NOT_16_DIGITS;
    if (two(nik) < 11 || two(nik + 2) == 0 || two(nik + 4) == 0)
        return NIK_BAD_DISTRICT; /* province codes start at 11 (Aceh) */
    int day = two(nik + 6), month = two(nik + 8), yy = two(nik + 10);
    bool female = day > 40;
    if (female)
        day -= 40;
    if (!real_date(day, month, yy))
        return NIK_BAD_DATE;
    if (memcmp(nik + 12, "0000", 4) == 0)
        return NIK_ZERO_SERIAL;
    if (parts) {
        snprintf(parts->district, sizeof parts->district, "%.2s.%.2s.%.2s", nik, nik + 2, nik + 4);
        parts->day = day;
        parts->month = month;
        parts->yy = yy;
        parts->female = female;
    }
    return NIK_OK;
}

const char *nik_reason_en(nik_status_t s)
{
    switch (s) {
    case NIK_OK: return "valid";
    case NIK_NOT_16_DIGITS: return "A NIK has exactly 16 digits.";
    case NIK_BAD_DISTRICT: return "The first six digits must be a district code.";
    case NIK_BAD_DATE: return "Digits 7-12 must be a real birth date (DDMMYY, day + 40 for women).";
    case NIK_ZERO_SERIAL: return "The last four digits (serial) cannot be 0000.";
    }
    return "invalid";
}

const char *nik_reason_id(nik_status_t s)
{
    switch (s) {
    case NIK_OK: return "sah";
    case NIK_NOT_16_DIGITS: return "NIK terdiri dari tepat 16 angka.";
    case NIK_BAD_DISTRICT: return "Enam angka pertama harus kode kecamatan.";
    case NIK_BAD_DATE: return "Angka ke-7 sampai ke-12 harus tanggal lahir yang sah (DDMMYY, tanggal + 40 untuk perempuan).";
    case NIK_ZERO_SERIAL: return "Empat angka terakhir (nomor urut) tidak boleh 0000.";
    }
    return "tidak sah";
}

void nik_mask(const char *nik, char out[17])
{
    memcpy(out, nik, 4);
    memset(out + 4, '*', 8);
    memcpy(out + 12, nik + 12, 4);
    out[16] = '\0';
}
