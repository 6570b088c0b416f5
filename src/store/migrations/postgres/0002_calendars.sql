-- 0002_calendars (PostgreSQL): each region's working calendar for SLA clocks: office hours per
-- weekday, holidays and cuti bersama, date-ranged exceptions (see domain/calendar.h).
CREATE TABLE region_calendars (
    region_code TEXT PRIMARY KEY REFERENCES regions (code),
    doc         TEXT NOT NULL,
    version     INTEGER NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  BIGINT REFERENCES users (id)
);
