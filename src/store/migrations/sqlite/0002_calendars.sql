-- 0002_calendars (SQLite): each region's working calendar for SLA clocks: office hours per
-- weekday, holidays and cuti bersama, date-ranged exceptions (see domain/calendar.h).
CREATE TABLE region_calendars (
    region_code TEXT PRIMARY KEY REFERENCES regions (code),
    doc         TEXT NOT NULL,        -- the calendar as JSON (the import format of the API)
    version     INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  INTEGER REFERENCES users (id)
);
