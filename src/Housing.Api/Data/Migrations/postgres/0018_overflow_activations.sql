-- Overflow nights: overflow inventory (HUD availability code 3) counts only while an admin's
-- activation is in force for the program's region and the day (first to last day, inclusive,
-- the service's day as inventory dates use it). Ending one early sets ended_at. Activations are
-- kept: the reports say which were in force each day.
CREATE TABLE overflow_activations (
    id         text COLLATE "C" PRIMARY KEY,
    regions    text COLLATE "C" NOT NULL,                 -- JSON array of region codes
    starts_on  text COLLATE "C" NOT NULL,
    ends_on    text COLLATE "C" NOT NULL,
    reason     text COLLATE "C" NOT NULL CHECK (reason IN ('cold', 'rain', 'heat', 'smoke', 'other')),
    note       text,
    created_by text COLLATE "C" NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    ended_at   text COLLATE "C",
    CHECK (starts_on <= ends_on)
);
CREATE INDEX overflow_activations_end ON overflow_activations (ends_on);
