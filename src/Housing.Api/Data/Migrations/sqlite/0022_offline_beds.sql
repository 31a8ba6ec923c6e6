-- Offline beds: beds of one household type out of service at a program (renovation, pests,
-- staffing, quarantine) with a reason and the day they are expected back. Until returned they
-- are neither open nor occupied: never offered, never held (the hold's own statement reads this
-- table), and reported apart. An expected day gone by does not return them: the shelter does.
-- The note is short and about the beds, never about a person. Rows are kept: the day's report
-- counts those out of service at its end.
CREATE TABLE offline_beds (
    id             TEXT PRIMARY KEY,
    program_id     TEXT NOT NULL REFERENCES programs (id),
    household_type INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    beds           INTEGER NOT NULL CHECK (beds > 0),
    reason         TEXT NOT NULL CHECK (reason IN ('renovation', 'pests', 'staffing', 'quarantine', 'other')),
    note           TEXT,
    returns_on     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    returned_at    TEXT,
    returned_by    TEXT
);
CREATE INDEX offline_beds_program ON offline_beds (program_id, household_type) WHERE returned_at IS NULL;
CREATE INDEX offline_beds_returned ON offline_beds (returned_at);
