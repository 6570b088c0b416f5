/* test_calendar.c - domain/calendar: working-time arithmetic for the SLA clock,
 * checked the way a civil servant would check it by hand. Office hours are
 * Perpres 21/2023: Mon-Thu 07:30-12:00 + 13:00-16:00 (270 + 180 = 450 min),
 * Fri 07:30-11:30 + 13:00-16:30 (240 + 210 = 450 min), 2,250 min = 37.5 h a week.
 * The 2026 holidays below are shaped like a joint-decree (SKB) list; the
 * arithmetic, not the decree, is under test. Every expected value is worked
 * out in the comments, never by calling the code under test. */
#include "domain/calendar.h"

#include <criterion/criterion.h>
#include <string.h>

/* ---- independent time helper -------------------------------------------- */

static int leap_year(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* UTC epoch ms of local wall time y-mo-d hh:mm at offset minutes, counted the
 * slow way (year by year, month by month). Pinned in helper_pins below against
 * `date -u -d ... +%s`. */
static int64_t at(int offset, int y, int mo, int d, int hh, int mm)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t days = 0;
    for (int yr = 1970; yr < y; yr++)
        days += 365 + leap_year(yr);
    for (int m = 1; m < mo; m++)
        days += mdays[m - 1] + (m == 2 && leap_year(y));
    days += d - 1;
    return (days * 1440 + hh * 60 + mm - offset) * 60000LL;
}

#define WIB(...) at(420, __VA_ARGS__)
#define WITA(...) at(480, __VA_ARGS__)
#define WIT(...) at(540, __VA_ARGS__)
#define MIN 60000LL
#define HM(h, m) ((h) * 60 + (m))

/* ---- fixtures ------------------------------------------------------------ */

#define D(y, m, d) ((cal_date_t){y, m, d})

static const cal_holiday_t HOLIDAYS_2026[] = {
    {D(2026, 3, 19), D(2026, 3, 19), "Hari Suci Nyepi"},            /* Thu, in Ramadan */
    {D(2026, 3, 20), D(2026, 3, 21), "Idul Fitri 1447 H"},          /* Fri-Sat */
    {D(2026, 3, 23), D(2026, 3, 24), "Cuti bersama Idul Fitri"},    /* Mon-Tue */
    {D(2026, 5, 14), D(2026, 5, 14), "Kenaikan Yesus Kristus"},     /* Thu */
    {D(2026, 5, 15), D(2026, 5, 15), "Cuti bersama Kenaikan"},      /* Fri */
    {D(2026, 5, 27), D(2026, 5, 27), "Idul Adha 1447 H"},           /* Wed */
    {D(2026, 12, 24), D(2026, 12, 24), "Cuti bersama Natal"},       /* Thu */
    {D(2026, 12, 25), D(2026, 12, 25), "Hari Raya Natal"},          /* Fri */
    {D(2027, 1, 1), D(2027, 1, 1), "Tahun Baru 2027"},              /* Fri */
};

static cal_exception_t ramadan;   /* 2026-02-19 .. 2026-03-19, Ramadan hours */
static cal_exception_t saturday;  /* an MPP opening: Sat 2026-11-28 08:00-12:00 */
static cal_exception_t saturday_in_ramadan; /* Sat 2026-03-07 08:00-12:00 */

static void make_exceptions(void)
{
    ramadan = (cal_exception_t){.first = D(2026, 2, 19), .last = D(2026, 3, 19), .name = "Ramadan"};
    calendar_week_ramadan(ramadan.hours);

    saturday = (cal_exception_t){.first = D(2026, 11, 28), .last = D(2026, 11, 28)};
    saturday.hours[CAL_SAT] = (cal_day_hours_t){1, {{HM(8, 0), HM(12, 0)}}};

    saturday_in_ramadan = (cal_exception_t){.first = D(2026, 3, 7), .last = D(2026, 3, 7)};
    saturday_in_ramadan.hours[CAL_SAT] = (cal_day_hours_t){1, {{HM(8, 0), HM(12, 0)}}};
}

/* The Perpres week at offset, with the 2026 holidays and the Ramadan exception. */
static calendar_t region(int offset)
{
    make_exceptions();
    calendar_t c = {.offset_minutes = offset};
    calendar_week_perpres21(c.week);
    c.holidays = HOLIDAYS_2026;
    c.n_holidays = sizeof HOLIDAYS_2026 / sizeof HOLIDAYS_2026[0];
    c.exceptions = &ramadan;
    c.n_exceptions = 1;
    return c;
}

static int64_t add(const calendar_t *c, int64_t from, int64_t minutes)
{
    int64_t due = -1;
    calendar_status_t s = calendar_add_working_minutes(c, from, minutes, &due);
    cr_assert_eq(s, CAL_OK, "add: %s", calendar_reason_en(s));
    return due;
}

static int64_t between(const calendar_t *c, int64_t from, int64_t to)
{
    int64_t m = -1;
    calendar_status_t s = calendar_working_minutes_between(c, from, to, &m);
    cr_assert_eq(s, CAL_OK, "between: %s", calendar_reason_en(s));
    return m;
}

static const char *fmt(int64_t ms, int offset)
{
    static char buf[CAL_RFC3339_SIZE];
    cr_assert_eq(calendar_format_due(ms, offset, buf), CAL_OK);
    return buf;
}

/* ---- the helper itself ---------------------------------------------------- */

Test(calendar, helper_pins)
{
    /* date -u -d 2026-11-27T03:30:00Z +%s -> 1795750200 (10:30 WIB) */
    cr_assert_eq(WIB(2026, 11, 27, 10, 30), 1795750200000LL);
    /* date -u -d 2026-11-30T02:00:00Z +%s -> 1796004000 (09:00 WIB) */
    cr_assert_eq(WIB(2026, 11, 30, 9, 0), 1796004000000LL);
    /* date -u -d 2027-01-04T03:00:00Z +%s -> 1799031600 (10:00 WIB) */
    cr_assert_eq(WIB(2027, 1, 4, 10, 0), 1799031600000LL);
    cr_assert_eq(WITA(2026, 11, 27, 11, 30), 1795750200000LL, "same instant, WITA");
}

/* ---- presets ------------------------------------------------------------- */

Test(calendar, perpres21_week)
{
    cal_day_hours_t w[7];
    calendar_week_perpres21(w);
    for (int d = CAL_MON; d <= CAL_THU; d++) {
        cr_assert_eq(w[d].count, 2);
        cr_assert_eq(w[d].iv[0].start, 450);  /* 07:30 */
        cr_assert_eq(w[d].iv[0].end, 720);    /* 12:00 */
        cr_assert_eq(w[d].iv[1].start, 780);  /* 13:00: a 60-minute break */
        cr_assert_eq(w[d].iv[1].end, 960);    /* 16:00 */
    }
    cr_assert_eq(w[CAL_FRI].count, 2);
    cr_assert_eq(w[CAL_FRI].iv[0].start, 450); /* 07:30 */
    cr_assert_eq(w[CAL_FRI].iv[0].end, 690);   /* 11:30 */
    cr_assert_eq(w[CAL_FRI].iv[1].start, 780); /* 13:00: a 90-minute break */
    cr_assert_eq(w[CAL_FRI].iv[1].end, 990);   /* 16:30 */
    cr_assert_eq(w[CAL_SAT].count, 0);
    cr_assert_eq(w[CAL_SUN].count, 0);

    /* One whole week, Mon 23 Nov 00:00 to Mon 30 Nov 00:00 WIB: 5 x 450 = 2,250 = 37.5 h. */
    calendar_t c = region(420);
    cr_assert_eq(between(&c, WIB(2026, 11, 23, 0, 0), WIB(2026, 11, 30, 0, 0)), 2250);
}

Test(calendar, ramadan_week)
{
    cal_day_hours_t w[7];
    calendar_week_ramadan(w);
    /* Mon-Thu 08:00-12:00 (240) + 12:30-15:00 (150) = 390; Fri 08:00-11:30 (210)
     * + 12:30-15:30 (180) = 390; 5 x 390 = 1,950 min = 32.5 h. */
    cr_assert_eq(w[CAL_WED].iv[0].start, 480);
    cr_assert_eq(w[CAL_WED].iv[0].end, 720);
    cr_assert_eq(w[CAL_WED].iv[1].start, 750);
    cr_assert_eq(w[CAL_WED].iv[1].end, 900);
    cr_assert_eq(w[CAL_FRI].iv[0].end, 690);
    cr_assert_eq(w[CAL_FRI].iv[1].start, 750);
    cr_assert_eq(w[CAL_FRI].iv[1].end, 930);
    cr_assert_eq(w[CAL_SAT].count + w[CAL_SUN].count, 0);

    /* A week inside Ramadan, Mon 23 Feb to Mon 2 Mar 2026. */
    calendar_t c = region(420);
    cr_assert_eq(between(&c, WIB(2026, 2, 23, 0, 0), WIB(2026, 3, 2, 0, 0)), 1950);
}

/* ---- adding working minutes ---------------------------------------------- */

Test(calendar, friday_afternoon_submission)
{
    calendar_t c = region(420);
    /* PBG MBR, 180 min, submitted Fri 27 Nov 2026 15:00 WIB.
     * Fri 15:00-16:30 = 90; Sat, Sun closed; Mon 30 Nov 07:30 + 90 = 09:00. */
    int64_t due = add(&c, WIB(2026, 11, 27, 15, 0), 180);
    cr_assert_eq(due, WIB(2026, 11, 30, 9, 0));
    cr_assert_str_eq(fmt(due, 420), "2026-11-30T09:00:00+07:00");
    cr_assert_eq(between(&c, WIB(2026, 11, 27, 15, 0), due), 180);

    /* "PBG MBR 3 Jam" on a Monday morning: 08:00 + 180 = 11:00, before lunch. */
    cr_assert_eq(add(&c, WIB(2026, 11, 30, 8, 0), 180), WIB(2026, 11, 30, 11, 0));

    /* Seconds survive: 15:00:20 + 180 min -> Mon 09:00:20. */
    cr_assert_eq(add(&c, WIB(2026, 11, 27, 15, 0) + 20000, 180), WIB(2026, 11, 30, 9, 0) + 20000);
}

Test(calendar, lunch_breaks_skipped)
{
    calendar_t c = region(420);
    /* Mon 30 Nov 11:00 + 120: 11:00-12:00 = 60; break; 13:00 + 60 = 14:00. */
    cr_assert_eq(add(&c, WIB(2026, 11, 30, 11, 0), 120), WIB(2026, 11, 30, 14, 0));
    /* Fri 27 Nov 11:00 + 60: 11:00-11:30 = 30; the Friday break is 90 min; 13:00 + 30 = 13:30. */
    cr_assert_eq(add(&c, WIB(2026, 11, 27, 11, 0), 60), WIB(2026, 11, 27, 13, 30));
    /* Mon 07:30-16:00 holds 450 working minutes, not the 510 on the clock. */
    cr_assert_eq(between(&c, WIB(2026, 11, 30, 7, 30), WIB(2026, 11, 30, 16, 0)), 450);
    /* Friday: 07:30-16:30 is 540 on the clock, 450 working. */
    cr_assert_eq(between(&c, WIB(2026, 11, 27, 0, 0), WIB(2026, 11, 28, 0, 0)), 450);
    /* 11:30-13:00 on Friday is all break. */
    cr_assert_eq(between(&c, WIB(2026, 11, 27, 11, 30), WIB(2026, 11, 27, 13, 0)), 0);
}

Test(calendar, submitted_during_lunch_break)
{
    calendar_t c = region(420);
    /* Tue 1 Dec 12:20 + 30: nothing runs until 13:00; 13:00 + 30 = 13:30. */
    cr_assert_eq(add(&c, WIB(2026, 12, 1, 12, 20), 30), WIB(2026, 12, 1, 13, 30));
    cr_assert_eq(between(&c, WIB(2026, 12, 1, 12, 20), WIB(2026, 12, 1, 13, 30)), 30);
    cr_assert(!calendar_is_working(&c, WIB(2026, 12, 1, 12, 20)));
    cr_assert(!calendar_is_working(&c, WIB(2026, 12, 1, 12, 0)), "12:00 is the first minute of the break");
    cr_assert(calendar_is_working(&c, WIB(2026, 12, 1, 11, 59)));
    cr_assert(calendar_is_working(&c, WIB(2026, 12, 1, 13, 0)));
}

Test(calendar, before_opening_and_after_closing)
{
    calendar_t c = region(420);
    /* Tue 1 Dec 06:00 + 60: counts from 07:30 -> 08:30. */
    cr_assert_eq(add(&c, WIB(2026, 12, 1, 6, 0), 60), WIB(2026, 12, 1, 8, 30));
    /* Tue 1 Dec 17:00 + 60: closed; Wed 2 Dec 07:30 + 60 -> 08:30. */
    cr_assert_eq(add(&c, WIB(2026, 12, 1, 17, 0), 60), WIB(2026, 12, 2, 8, 30));
    /* Fri 27 Nov 16:45 + 30: Friday closed at 16:30; Mon 30 Nov 07:30 + 30 -> 08:00. */
    cr_assert_eq(add(&c, WIB(2026, 11, 27, 16, 45), 30), WIB(2026, 11, 30, 8, 0));
    /* Sun 29 Nov 10:00 (online, on a weekend) + 30 -> Mon 08:00. */
    cr_assert_eq(add(&c, WIB(2026, 11, 29, 10, 0), 30), WIB(2026, 11, 30, 8, 0));
    /* Just after midnight local (still the previous day in UTC): Tue 00:10 WIB + 60 -> 08:30. */
    cr_assert_eq(add(&c, WIB(2026, 12, 1, 0, 10), 60), WIB(2026, 12, 1, 8, 30));
    cr_assert_eq(between(&c, WIB(2026, 12, 1, 16, 0), WIB(2026, 12, 2, 7, 30)), 0, "overnight");

    cr_assert(!calendar_is_working(&c, WIB(2026, 12, 1, 7, 29)));
    cr_assert(calendar_is_working(&c, WIB(2026, 12, 1, 7, 30)));
    cr_assert(!calendar_is_working(&c, WIB(2026, 12, 1, 16, 0)), "Tuesday closes at 16:00");
    cr_assert(calendar_is_working(&c, WIB(2026, 11, 27, 16, 15)), "Friday runs to 16:30");
    cr_assert(!calendar_is_working(&c, WIB(2026, 11, 28, 10, 0)), "Saturday");
}

Test(calendar, running_out_at_an_interval_end)
{
    calendar_t c = region(420);
    /* Mon 30 Nov 07:30 + 270 runs out at 12:00 exactly: due 12:00, not 13:00. */
    cr_assert_eq(add(&c, WIB(2026, 11, 30, 7, 30), 270), WIB(2026, 11, 30, 12, 0));
    /* + 450 is the whole Monday: due 16:00 Monday, not Tuesday 07:30. */
    cr_assert_eq(add(&c, WIB(2026, 11, 30, 7, 30), 450), WIB(2026, 11, 30, 16, 0));
    /* Fri 27 Nov 13:00 + 210 -> 16:30 Friday, not Monday. */
    cr_assert_eq(add(&c, WIB(2026, 11, 27, 13, 0), 210), WIB(2026, 11, 27, 16, 30));
    /* One more minute opens the next interval: Mon 07:30 + 271 -> 13:01. */
    cr_assert_eq(add(&c, WIB(2026, 11, 30, 7, 30), 271), WIB(2026, 11, 30, 13, 1));
    /* A budget of 0 is due when it starts, even on a Sunday. */
    cr_assert_eq(add(&c, WIB(2026, 11, 29, 10, 0), 0), WIB(2026, 11, 29, 10, 0));
}

/* ---- holidays ------------------------------------------------------------ */

Test(calendar, holiday_on_a_wednesday)
{
    calendar_t c = region(420);
    /* Idul Adha Wed 27 May 2026. Tue 26 May 15:00 + 180: Tue 15:00-16:00 = 60;
     * Wed closed; Thu 28 May 07:30 + 120 = 09:30. */
    cr_assert_eq(add(&c, WIB(2026, 5, 26, 15, 0), 180), WIB(2026, 5, 28, 9, 30));
    /* Mon 25 - Sun 31 May: Mon, Tue, Thu, Fri = 4 x 450 = 1,800. */
    cr_assert_eq(between(&c, WIB(2026, 5, 25, 0, 0), WIB(2026, 6, 1, 0, 0)), 1800);
    cr_assert(!calendar_is_working(&c, WIB(2026, 5, 27, 10, 0)));
    cr_assert(calendar_is_working(&c, WIB(2026, 5, 28, 10, 0)));
}

Test(calendar, long_weekend_with_cuti_bersama)
{
    calendar_t c = region(420);
    /* Thu 14 May 2026 Kenaikan, Fri 15 May cuti bersama, then the weekend.
     * Wed 13 May 14:00 + 180: Wed 14:00-16:00 = 120; Thu, Fri, Sat, Sun closed;
     * Mon 18 May 07:30 + 60 = 08:30. */
    int64_t due = add(&c, WIB(2026, 5, 13, 14, 0), 180);
    cr_assert_eq(due, WIB(2026, 5, 18, 8, 30));
    cr_assert_str_eq(fmt(due, 420), "2026-05-18T08:30:00+07:00");
    /* Wed 13 to Tue 19 May 00:00: Wed 450 + Mon 450 = 900. */
    cr_assert_eq(between(&c, WIB(2026, 5, 13, 0, 0), WIB(2026, 5, 19, 0, 0)), 900);

    /* The same entered as one range, 14-15 May. */
    static const cal_holiday_t one_range[] = {{D(2026, 5, 14), D(2026, 5, 15), NULL}};
    c.holidays = one_range;
    c.n_holidays = 1;
    cr_assert_eq(add(&c, WIB(2026, 5, 13, 14, 0), 180), WIB(2026, 5, 18, 8, 30));
}

/* ---- regions ------------------------------------------------------------- */

Test(calendar, wita_and_wit_regions)
{
    calendar_t wita = region(480), wit = region(540);
    /* The Friday-afternoon case in Makassar (WITA): the same local answer,
     * Mon 30 Nov 09:00 local, one hour earlier in UTC than in Sumedang (WIB). */
    int64_t due = add(&wita, WITA(2026, 11, 27, 15, 0), 180);
    cr_assert_eq(due, WITA(2026, 11, 30, 9, 0));
    cr_assert_str_eq(fmt(due, 480), "2026-11-30T09:00:00+08:00");
    cr_assert_eq(WIB(2026, 11, 30, 9, 0) - due, 60 * MIN);
    /* Jayapura (WIT): two hours earlier than WIB. */
    due = add(&wit, WIT(2026, 11, 27, 15, 0), 180);
    cr_assert_str_eq(fmt(due, 540), "2026-11-30T09:00:00+09:00");
    cr_assert_eq(WIB(2026, 11, 30, 9, 0) - due, 120 * MIN);

    /* One instant, two regions: Fri 15:00 WIB is 16:00 WITA. In WITA only
     * 16:00-16:30 = 30 is left on Friday; Mon 07:30 + 150 = 10:00 WITA. */
    due = add(&wita, WIB(2026, 11, 27, 15, 0), 180);
    cr_assert_str_eq(fmt(due, 480), "2026-11-30T10:00:00+08:00");

    /* A holiday is a local date: in WIT, Idul Adha starts at 00:00 WIT (15:00Z
     * the day before), while at that instant it is still 22:00 Tuesday in WIB. */
    int64_t wit_midnight = WIT(2026, 5, 27, 0, 0);
    cr_assert_eq(wit_midnight, WIB(2026, 5, 26, 22, 0));
    cr_assert(!calendar_is_working(&wit, WIT(2026, 5, 27, 8, 0)));
}

/* ---- budgets over weeks -------------------------------------------------- */

Test(calendar, ten_working_days_across_christmas_and_new_year)
{
    calendar_t c = region(420);
    /* PBG for MBR within 10 working days = 10 x 450 = 4,500 min, submitted
     * Wed 16 Dec 2026 10:00 WIB. Running total:
     *   Wed 16: 10:00-12:00 + 13:00-16:00 = 120 + 180 =   300
     *   Thu 17 450 ->   750   Fri 18 -> 1,200   Mon 21 -> 1,650
     *   Tue 22     -> 2,100   Wed 23 -> 2,550
     *   Thu 24 cuti bersama, Fri 25 Natal, weekend
     *   Mon 28     -> 3,000   Tue 29 -> 3,450   Wed 30 -> 3,900   Thu 31 -> 4,350
     *   Fri 1 Jan 2027 Tahun Baru, weekend
     *   Mon 4 Jan: 150 left, 07:30 + 150 = 10:00. */
    int64_t due = add(&c, WIB(2026, 12, 16, 10, 0), 4500);
    cr_assert_eq(due, WIB(2027, 1, 4, 10, 0));
    cr_assert_str_eq(fmt(due, 420), "2027-01-04T10:00:00+07:00");
    cr_assert_eq(between(&c, WIB(2026, 12, 16, 10, 0), due), 4500);
}

Test(calendar, a_month_of_working_days)
{
    calendar_t c = region(420);
    /* November 2026 has no holidays here: working days 2-6, 9-13, 16-20, 23-27, 30
     * = 21 days x 450 = 9,450. December: 1-4, 7-11, 14-18, 21-23, 28-31 = 21 days
     * (24 and 25 are off) x 450 = 9,450. */
    cr_assert_eq(between(&c, WIB(2026, 11, 1, 0, 0), WIB(2026, 12, 1, 0, 0)), 9450);
    cr_assert_eq(between(&c, WIB(2026, 12, 1, 0, 0), WIB(2027, 1, 1, 0, 0)), 9450);
    /* 20 working days = 9,000 from Mon 2 Nov 07:30: the 20th day is Fri 27 Nov,
     * and it runs out at its closing, 16:30 (not Mon 30 Nov 07:30). */
    cr_assert_eq(add(&c, WIB(2026, 11, 2, 7, 30), 9000), WIB(2026, 11, 27, 16, 30));
}

/* ---- exceptions ---------------------------------------------------------- */

Test(calendar, ramadan_hours)
{
    calendar_t c = region(420);
    /* Wed 18 Feb 2026 (normal hours) 15:00 + 180: Wed 15:00-16:00 = 60;
     * Thu 19 Feb is Ramadan, opening 08:00: 08:00 + 120 = 10:00. */
    cr_assert_eq(add(&c, WIB(2026, 2, 18, 15, 0), 180), WIB(2026, 2, 19, 10, 0));
    cr_assert(calendar_is_working(&c, WIB(2026, 2, 18, 7, 45)), "07:45 before Ramadan");
    cr_assert(!calendar_is_working(&c, WIB(2026, 2, 19, 7, 45)), "07:45 in Ramadan");
    /* Thu 12 Mar 11:00 + 90: 11:00-12:00 = 60; break 12:00-12:30; 12:30 + 30 = 13:00. */
    cr_assert_eq(add(&c, WIB(2026, 3, 12, 11, 0), 90), WIB(2026, 3, 12, 13, 0));
    /* Fri 6 Mar 14:00 + 180: Fri 14:00-15:30 = 90; Mon 9 Mar 08:00 + 90 = 09:30. */
    cr_assert_eq(add(&c, WIB(2026, 3, 6, 14, 0), 180), WIB(2026, 3, 9, 9, 30));
    /* A holiday inside the exception wins, and hours go back to normal after it:
     * Wed 18 Mar 14:00 + 120: Wed 14:00-15:00 = 60 (Ramadan closes 15:00);
     * Thu 19 Nyepi, Fri 20-Sat 21 Idul Fitri, Mon 23-Tue 24 cuti bersama;
     * Wed 25 Mar, normal hours: 07:30 + 60 = 08:30. */
    cr_assert_eq(add(&c, WIB(2026, 3, 18, 14, 0), 120), WIB(2026, 3, 25, 8, 30));
}

Test(calendar, saturday_opening)
{
    calendar_t c = region(420);
    c.exceptions = &saturday;
    c.n_exceptions = 1;
    /* Fri 27 Nov 15:00 + 180: Fri 90; Sat 28 Nov open 08:00-12:00: 08:00 + 90 = 09:30. */
    int64_t due = add(&c, WIB(2026, 11, 27, 15, 0), 180);
    cr_assert_str_eq(fmt(due, 420), "2026-11-28T09:30:00+07:00");
    /* Sat + Sun of that weekend: 240 working minutes. */
    cr_assert_eq(between(&c, WIB(2026, 11, 28, 0, 0), WIB(2026, 11, 30, 0, 0)), 240);
    cr_assert(calendar_is_working(&c, WIB(2026, 11, 28, 11, 0)));
    cr_assert(!calendar_is_working(&c, WIB(2026, 12, 5, 11, 0)), "the next Saturday is closed");
}

Test(calendar, narrowest_exception_wins_in_any_order)
{
    calendar_t c = region(420);
    make_exceptions();
    cal_exception_t a[2] = {saturday_in_ramadan, ramadan};
    cal_exception_t b[2] = {ramadan, saturday_in_ramadan};
    /* Fri 6 Mar 14:00 + 180: Fri (Ramadan) 14:00-15:30 = 90; Sat 7 Mar open
     * 08:00-12:00 although Ramadan closes Saturdays: 08:00 + 90 = 09:30. */
    c.exceptions = a;
    c.n_exceptions = 2;
    cr_assert_eq(add(&c, WIB(2026, 3, 6, 14, 0), 180), WIB(2026, 3, 7, 9, 30));
    c.exceptions = b;
    cr_assert_eq(add(&c, WIB(2026, 3, 6, 14, 0), 180), WIB(2026, 3, 7, 9, 30));
    /* The Friday itself still has Ramadan hours (the Saturday exception does not cover it). */
    cr_assert(!calendar_is_working(&c, WIB(2026, 3, 6, 15, 45)));
}

/* ---- the SLA clock ------------------------------------------------------- */

static sla_state_t sla(const calendar_t *c, int64_t budget, const sla_run_t *runs, size_t n, int64_t now)
{
    sla_state_t st;
    memset(&st, 0x5a, sizeof st);
    calendar_status_t s = sla_compute(c, budget, runs, n, now, &st);
    cr_assert_eq(s, CAL_OK, "sla: %s", calendar_reason_en(s));
    return st;
}

Test(calendar, pause_while_returned_to_applicant)
{
    calendar_t c = region(420);
    /* PBG MBR, 180 min, submitted Mon 30 Nov 2026 08:00 WIB. */
    sla_run_t run[2] = {{WIB(2026, 11, 30, 8, 0), 0}};

    /* Mon 08:45, running: used 45, left 135, due 08:45 + 135 = 11:00. */
    sla_state_t st = sla(&c, 180, run, 1, WIB(2026, 11, 30, 8, 45));
    cr_assert_eq(st.budget_minutes, 180);
    cr_assert_eq(st.used_minutes, 45);
    cr_assert_eq(st.remaining_minutes, 135);
    cr_assert_eq(st.due_ms, WIB(2026, 11, 30, 11, 0));
    cr_assert(!st.paused);
    cr_assert(!st.breached);

    /* Returned to the applicant at 09:00 (used 60). Tue 1 Dec 10:00 it is still
     * paused: a whole working day passed, nothing more is used, no due time. */
    run[0].end_ms = WIB(2026, 11, 30, 9, 0);
    st = sla(&c, 180, run, 1, WIB(2026, 12, 1, 10, 0));
    cr_assert_eq(st.used_minutes, 60);
    cr_assert_eq(st.remaining_minutes, 120);
    cr_assert_eq(st.due_ms, 0);
    cr_assert(st.paused);
    cr_assert(!st.breached);

    /* Resubmitted Wed 2 Dec 10:00; at 11:00: used 60 + 60 = 120, left 60,
     * due 11:00 + 60 = 12:00 (the end of the morning, not 13:00). */
    run[1] = (sla_run_t){WIB(2026, 12, 2, 10, 0), 0};
    st = sla(&c, 180, run, 2, WIB(2026, 12, 2, 11, 0));
    cr_assert_eq(st.used_minutes, 120);
    cr_assert_eq(st.remaining_minutes, 60);
    cr_assert_eq(st.due_ms, WIB(2026, 12, 2, 12, 0));
    cr_assert(!st.paused);

    /* At the moment of resubmission the due time is already the same: 120 left
     * from 10:00 -> 12:00. A running clock's due time does not drift. */
    st = sla(&c, 180, run, 2, WIB(2026, 12, 2, 10, 0));
    cr_assert_eq(st.used_minutes, 60);
    cr_assert_eq(st.due_ms, WIB(2026, 12, 2, 12, 0));
}

Test(calendar, breached_exactly_at_the_budget)
{
    calendar_t c = region(420);
    sla_run_t run[1] = {{WIB(2026, 11, 30, 8, 0), 0}};
    /* 180 min from Mon 08:00 run out at 11:00. At 10:59:59.999: 179 whole minutes. */
    sla_state_t st = sla(&c, 180, run, 1, WIB(2026, 11, 30, 11, 0) - 1);
    cr_assert_eq(st.used_minutes, 179);
    cr_assert_eq(st.remaining_minutes, 1);
    cr_assert(!st.breached);
    cr_assert_eq(st.due_ms, WIB(2026, 11, 30, 11, 0));
    /* At 11:00 exactly: used 180 = budget -> breached, nothing left, due 11:00. */
    st = sla(&c, 180, run, 1, WIB(2026, 11, 30, 11, 0));
    cr_assert_eq(st.used_minutes, 180);
    cr_assert_eq(st.remaining_minutes, 0);
    cr_assert(st.breached);
    cr_assert_eq(st.due_ms, WIB(2026, 11, 30, 11, 0));
    /* Next morning Tue 08:00: used Mon 08:00-12:00 240 + 13:00-16:00 180 + Tue
     * 07:30-08:00 30 = 450; remaining stays 0 (never negative); due stays Mon 11:00. */
    st = sla(&c, 180, run, 1, WIB(2026, 12, 1, 8, 0));
    cr_assert_eq(st.used_minutes, 450);
    cr_assert_eq(st.remaining_minutes, 0);
    cr_assert(st.breached);
    cr_assert_eq(st.due_ms, WIB(2026, 11, 30, 11, 0));
}

Test(calendar, breach_after_a_pause)
{
    calendar_t c = region(420);
    /* Mon 30 Nov 08:00-09:00 (60), returned, resumed Wed 2 Dec 10:00. 120 were
     * left: 10:00-12:00 uses them up, so it ran out at Wed 12:00. At Wed 15:00:
     * used 60 + 120 + 13:00-15:00 120 = 300. */
    sla_run_t run[2] = {{WIB(2026, 11, 30, 8, 0), WIB(2026, 11, 30, 9, 0)},
                        {WIB(2026, 12, 2, 10, 0), 0}};
    sla_state_t st = sla(&c, 180, run, 2, WIB(2026, 12, 2, 15, 0));
    cr_assert_eq(st.used_minutes, 300);
    cr_assert_eq(st.remaining_minutes, 0);
    cr_assert(st.breached);
    cr_assert_eq(st.due_ms, WIB(2026, 12, 2, 12, 0));
    /* Returned again after the breach: breached stays, paused, due 0. */
    run[1].end_ms = WIB(2026, 12, 2, 15, 0);
    st = sla(&c, 180, run, 2, WIB(2026, 12, 3, 9, 0));
    cr_assert(st.breached);
    cr_assert(st.paused);
    cr_assert_eq(st.due_ms, 0);
    cr_assert_eq(st.used_minutes, 300);
}

Test(calendar, sla_edges)
{
    calendar_t c = region(420);
    /* No run yet: nothing used, paused. */
    sla_state_t st = sla(&c, 180, NULL, 0, WIB(2026, 11, 30, 9, 0));
    cr_assert_eq(st.used_minutes, 0);
    cr_assert_eq(st.remaining_minutes, 180);
    cr_assert(st.paused);
    cr_assert(!st.breached);
    /* A run closed after now counts only up to now: Mon 08:00-(09:30) at now 09:00 = 60. */
    sla_run_t later[1] = {{WIB(2026, 11, 30, 8, 0), WIB(2026, 11, 30, 9, 30)}};
    st = sla(&c, 180, later, 1, WIB(2026, 11, 30, 9, 0));
    cr_assert_eq(st.used_minutes, 60);
    /* Seconds: Mon 08:00:30 to 09:00:00 is 59.5 min: 59 whole minutes used, 121 left. */
    sla_run_t part[1] = {{WIB(2026, 11, 30, 8, 0) + 30000, 0}};
    st = sla(&c, 180, part, 1, WIB(2026, 11, 30, 9, 0));
    cr_assert_eq(st.used_minutes, 59);
    cr_assert_eq(st.remaining_minutes, 121);
    cr_assert(!st.breached);
    /* The due time keeps the half minute: 08:00:30 + 180 min = 11:00:30. */
    cr_assert_eq(st.due_ms, WIB(2026, 11, 30, 11, 0) + 30000);
}

/* ---- validation ---------------------------------------------------------- */

static calendar_status_t check(const calendar_t *c, cal_where_t *w)
{
    return calendar_validate(c, w);
}

Test(calendar, validation_errors)
{
    cal_where_t w;
    calendar_t c = region(420);
    cr_assert_eq(check(&c, &w), CAL_OK);
    cr_assert_eq(w.part, CAL_AT_NONE);
    cr_assert_eq(check(NULL, &w), CAL_NULL_ARG);

    c.offset_minutes = 900; /* +15:00 */
    cr_assert_eq(check(&c, &w), CAL_BAD_OFFSET);
    cr_assert_eq(w.part, CAL_AT_OFFSET);
    c.offset_minutes = -721;
    cr_assert_eq(check(&c, NULL), CAL_BAD_OFFSET);
    c.offset_minutes = 840; /* +14:00 (Kiribati) is real */
    cr_assert_eq(check(&c, NULL), CAL_OK);
    c.offset_minutes = -720;
    cr_assert_eq(check(&c, NULL), CAL_OK);

    c = region(420);
    c.week[CAL_WED].count = 5;
    cr_assert_eq(check(&c, &w), CAL_TOO_MANY_INTERVALS);
    cr_assert_eq(w.part, CAL_AT_WEEK);
    cr_assert_eq(w.weekday, CAL_WED);

    c = region(420);
    c.week[CAL_TUE].iv[1].end = 1500; /* 25:00 */
    cr_assert_eq(check(&c, &w), CAL_INTERVAL_OUTSIDE_DAY);
    cr_assert_eq(w.weekday, CAL_TUE);
    cr_assert_eq(w.interval, 1);
    c.week[CAL_TUE].iv[1] = (cal_interval_t){-10, 960};
    cr_assert_eq(check(&c, NULL), CAL_INTERVAL_OUTSIDE_DAY);
    c.week[CAL_TUE].iv[1] = (cal_interval_t){780, 1440}; /* to 24:00 is fine */
    cr_assert_eq(check(&c, NULL), CAL_OK);

    c = region(420);
    c.week[CAL_MON].iv[0] = (cal_interval_t){720, 450}; /* 12:00-07:30 */
    cr_assert_eq(check(&c, &w), CAL_END_BEFORE_START);
    cr_assert_eq(w.weekday, CAL_MON);
    cr_assert_eq(w.interval, 0);
    c.week[CAL_MON].iv[0] = (cal_interval_t){450, 450}; /* empty */
    cr_assert_eq(check(&c, NULL), CAL_END_BEFORE_START);

    c = region(420);
    c.week[CAL_MON].iv[0] = (cal_interval_t){780, 960};
    c.week[CAL_MON].iv[1] = (cal_interval_t){450, 720};
    cr_assert_eq(check(&c, &w), CAL_INTERVALS_UNSORTED);
    cr_assert_eq(w.interval, 1);

    c = region(420);
    c.week[CAL_THU].iv[1] = (cal_interval_t){700, 960}; /* 11:40, before 12:00 */
    cr_assert_eq(check(&c, &w), CAL_INTERVALS_OVERLAP);
    cr_assert_eq(w.weekday, CAL_THU);
    cr_assert_eq(w.interval, 1);
    c.week[CAL_THU].iv[1] = (cal_interval_t){720, 960}; /* touching is fine */
    cr_assert_eq(check(&c, NULL), CAL_OK);

    c = region(420);
    memset(c.week, 0, sizeof c.week);
    cr_assert_eq(check(&c, &w), CAL_NO_WEEKLY_HOURS);
    cr_assert_eq(w.part, CAL_AT_WEEK);

    c = region(420);
    cal_holiday_t h[2] = {{D(2026, 5, 14), D(2026, 5, 14), NULL}, {D(2026, 2, 30), D(2026, 3, 1), NULL}};
    c.holidays = h;
    c.n_holidays = 2;
    cr_assert_eq(check(&c, &w), CAL_BAD_DATE, "30 February");
    cr_assert_eq(w.part, CAL_AT_HOLIDAY);
    cr_assert_eq(w.index, 1);
    h[1] = (cal_holiday_t){D(2026, 5, 15), D(2026, 5, 14), NULL};
    cr_assert_eq(check(&c, &w), CAL_DATE_RANGE_REVERSED);
    cr_assert_eq(w.index, 1);
    h[1] = (cal_holiday_t){D(2028, 2, 29), D(2028, 2, 29), NULL}; /* a leap day */
    cr_assert_eq(check(&c, NULL), CAL_OK);
    c.holidays = NULL;
    cr_assert_eq(check(&c, &w), CAL_NULL_ARG);
    cr_assert_eq(w.part, CAL_AT_HOLIDAY);

    c = region(420);
    cal_exception_t e[2] = {ramadan, ramadan};
    e[1].hours[CAL_FRI].iv[1].start = 600; /* 10:00, inside 08:00-11:30 */
    c.exceptions = e;
    c.n_exceptions = 2;
    cr_assert_eq(check(&c, &w), CAL_INTERVALS_OVERLAP);
    cr_assert_eq(w.part, CAL_AT_EXCEPTION);
    cr_assert_eq(w.index, 1);
    cr_assert_eq(w.weekday, CAL_FRI);
    cr_assert_eq(w.interval, 1);
    e[1] = ramadan;
    e[1].last = D(2026, 2, 1);
    cr_assert_eq(check(&c, &w), CAL_DATE_RANGE_REVERSED);
    cr_assert_eq(w.part, CAL_AT_EXCEPTION);

    /* The arithmetic refuses an invalid calendar with the same status. */
    c = region(420);
    c.offset_minutes = 2000;
    int64_t out;
    cr_assert_eq(calendar_add_working_minutes(&c, WIB(2026, 11, 30, 8, 0), 60, &out), CAL_BAD_OFFSET);
    cr_assert_eq(calendar_working_minutes_between(&c, 0, 1, &out), CAL_BAD_OFFSET);
    cr_assert(!calendar_is_working(&c, WIB(2026, 11, 30, 8, 0)));
    sla_state_t st;
    cr_assert_eq(sla_compute(&c, 180, NULL, 0, 0, &st), CAL_BAD_OFFSET);
}

Test(calendar, bad_inputs)
{
    calendar_t c = region(420);
    int64_t out;
    int64_t mon8 = WIB(2026, 11, 30, 8, 0);
    cr_assert_eq(calendar_add_working_minutes(&c, mon8, -1, &out), CAL_BAD_BUDGET);
    cr_assert_eq(calendar_add_working_minutes(&c, mon8, 3660LL * 1440 + 1, &out), CAL_BAD_BUDGET);
    cr_assert_eq(calendar_add_working_minutes(&c, mon8, 60, NULL), CAL_NULL_ARG);
    cr_assert_eq(calendar_add_working_minutes(&c, INT64_MAX, 60, &out), CAL_BAD_TIME);
    cr_assert_eq(calendar_working_minutes_between(&c, INT64_MIN, mon8, &out), CAL_BAD_TIME);
    cr_assert(!calendar_is_working(&c, INT64_MAX));
    /* to before from is no working time, not an error */
    cr_assert_eq(between(&c, mon8 + 60 * MIN, mon8), 0);

    sla_state_t st;
    sla_run_t two_open[2] = {{mon8, 0}, {mon8 + 120 * MIN, 0}};
    cr_assert_eq(sla_compute(&c, 180, two_open, 2, mon8, &st), CAL_BAD_RUNS);
    sla_run_t overlap[2] = {{mon8, mon8 + 120 * MIN}, {mon8 + 60 * MIN, 0}};
    cr_assert_eq(sla_compute(&c, 180, overlap, 2, mon8, &st), CAL_BAD_RUNS);
    sla_run_t backwards[1] = {{mon8, mon8 - MIN}};
    cr_assert_eq(sla_compute(&c, 180, backwards, 1, mon8, &st), CAL_BAD_RUNS);
    cr_assert_eq(sla_compute(&c, -5, NULL, 0, mon8, &st), CAL_BAD_BUDGET);
    cr_assert_eq(sla_compute(&c, 180, NULL, 1, mon8, &st), CAL_NULL_ARG);
    cr_assert_eq(sla_compute(&c, 180, NULL, 0, mon8, NULL), CAL_NULL_ARG);
    cr_assert_eq(sla_compute(&c, 180, NULL, 0, INT64_MAX, &st), CAL_BAD_TIME);
}

Test(calendar, no_working_time_is_an_error_not_a_spin)
{
    /* Every day from 2026 to 2037 a holiday: valid, but nothing ever opens. */
    static const cal_holiday_t forever[] = {{D(2026, 1, 1), D(2037, 12, 31), "closed"}};
    calendar_t c = region(420);
    c.holidays = forever;
    c.n_holidays = 1;
    c.n_exceptions = 0;
    int64_t out = 0;
    cr_assert_eq(calendar_validate(&c, NULL), CAL_OK);
    cr_assert_eq(calendar_add_working_minutes(&c, WIB(2026, 11, 30, 8, 0), 1, &out), CAL_NO_WORKING_TIME);
    cr_assert_eq(between(&c, WIB(2026, 1, 1, 0, 0), WIB(2027, 1, 1, 0, 0)), 0);
    sla_run_t run[1] = {{WIB(2026, 11, 30, 8, 0), 0}};
    sla_state_t st;
    cr_assert_eq(sla_compute(&c, 180, run, 1, WIB(2026, 12, 1, 8, 0), &st), CAL_NO_WORKING_TIME);

    /* A normal calendar and a budget beyond ten years: 3,660 x 1,440 minutes
     * of working time (about 45 years of office hours) cannot fit. */
    c = region(420);
    cr_assert_eq(calendar_add_working_minutes(&c, WIB(2026, 11, 30, 8, 0), 3660LL * 1440, &out),
                 CAL_SPAN_TOO_LONG);
    /* 3,661 days is one too many to walk. */
    int64_t from = WIB(2026, 1, 1, 0, 0);
    cr_assert_eq(calendar_working_minutes_between(&c, from, from + 3661LL * 86400000, &out),
                 CAL_SPAN_TOO_LONG);
}

/* ---- consistency and speed ----------------------------------------------- */

Test(calendar, add_and_between_agree)
{
    calendar_t c = region(420);
    /* Every quarter hour of the week of Mon 11 May 2026 (with the Thu-Fri long
     * weekend) and budgets from 1 minute to three weeks: what add says is due,
     * between counts back as exactly the budget. */
    static const int64_t budgets[] = {1, 29, 30, 90, 180, 270, 450, 451, 2250, 4500, 6750};
    for (int q = 0; q < 7 * 96; q++) {
        int64_t from = WIB(2026, 5, 11, 0, 0) + q * 15 * MIN;
        for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
            int64_t due = add(&c, from, budgets[b]);
            cr_assert_eq(between(&c, from, due), budgets[b], "q=%d budget=%lld", q,
                         (long long)budgets[b]);
            cr_assert(calendar_is_working(&c, due - 1), "the last minute used is a working one");
        }
    }
}

Test(calendar, long_budgets_walk_days_not_minutes, .timeout = 5)
{
    calendar_t c = region(420);
    /* 500,000 working minutes is about 4.3 years of office hours: stepping minute
     * by minute would take billions of steps over these 200 calls. */
    int64_t out;
    for (int i = 0; i < 200; i++)
        cr_assert_eq(calendar_add_working_minutes(&c, WIB(2026, 1, 1, 0, 0) + i * MIN, 500000, &out),
                     CAL_OK);
}

/* ---- formatting and parsing ---------------------------------------------- */

Test(calendar, format_due)
{
    char buf[CAL_RFC3339_SIZE];
    int64_t t = 1795750200000LL; /* 2026-11-27T03:30:00Z */
    cr_assert_eq(calendar_format_due(t, 420, buf), CAL_OK);
    cr_assert_str_eq(buf, "2026-11-27T10:30:00+07:00");
    cr_assert_str_eq(fmt(t, 480), "2026-11-27T11:30:00+08:00");
    cr_assert_str_eq(fmt(t, 540), "2026-11-27T12:30:00+09:00");
    cr_assert_str_eq(fmt(t + 999, 420), "2026-11-27T10:30:00+07:00", "milliseconds dropped");
    cr_assert_str_eq(fmt(t, 0), "2026-11-27T03:30:00+00:00");
    cr_assert_str_eq(fmt(t, -210), "2026-11-27T00:00:00-03:30");
    cr_assert_str_eq(fmt(t + 21 * 3600000LL, 540), "2026-11-28T09:30:00+09:00", "crosses midnight");
    cr_assert_str_eq(fmt(-1000, 0), "1969-12-31T23:59:59+00:00");
    cr_assert_str_eq(fmt(951782400000LL, 0), "2000-02-29T00:00:00+00:00");
    cr_assert_eq(strlen(fmt(t, 420)), CAL_RFC3339_SIZE - 1);
    cr_assert_eq(calendar_format_due(t, 1000, buf), CAL_BAD_OFFSET);
    cr_assert_eq(calendar_format_due(INT64_MAX, 420, buf), CAL_BAD_TIME);
    /* 9999-12-31T23:00Z is already year 10000 at +07:00. */
    cr_assert_eq(calendar_format_due(253402297200000LL, 420, buf), CAL_BAD_TIME);
}

Test(calendar, date_parse)
{
    cal_date_t d;
    cr_assert_eq(calendar_date_parse("2026-12-25", &d), CAL_OK);
    cr_assert_eq(d.year, 2026);
    cr_assert_eq(d.month, 12);
    cr_assert_eq(d.day, 25);
    cr_assert_eq(calendar_date_parse("2028-02-29", &d), CAL_OK);
    cr_assert_eq(calendar_date_parse("2026-02-29", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse("2026-13-01", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse("2026-04-31", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse("2026-4-01", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse("2026-04-01x", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse("2026/04/01", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse("", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse("1899-12-31", &d), CAL_BAD_DATE);
    cr_assert_eq(calendar_date_parse(NULL, &d), CAL_NULL_ARG);
}

Test(calendar, reasons_in_both_languages)
{
    for (int s = CAL_NULL_ARG; s <= CAL_NO_WORKING_TIME; s++) {
        cr_assert_gt(strlen(calendar_reason_en((calendar_status_t)s)), 10);
        cr_assert_gt(strlen(calendar_reason_id((calendar_status_t)s)), 10);
        cr_assert_str_neq(calendar_reason_en((calendar_status_t)s),
                          calendar_reason_id((calendar_status_t)s));
    }
}
