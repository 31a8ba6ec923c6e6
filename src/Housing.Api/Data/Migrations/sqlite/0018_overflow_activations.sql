-- Overflow nights: overflow inventory (HUD availability code 3) counts only while an admin's
-- activation is in force for the program's region and the day (first to last day, inclusive,
-- the service's day as inventory dates use it). Ending one early sets ended_at. Activations are
-- kept: the reports say which were in force each day.
CREATE TABLE overflow_activations (
    id         TEXT PRIMARY KEY,
    regions    TEXT NOT NULL,                 -- JSON array of region codes
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (reason IN ('cold', 'rain', 'heat', 'smoke', 'other')),
    note       TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    ended_at   TEXT,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX overflow_activations_end ON overflow_activations (ends_on);
