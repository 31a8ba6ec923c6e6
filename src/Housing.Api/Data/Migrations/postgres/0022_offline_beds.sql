-- Offline beds: beds of one household type out of service at a program (renovation, pests,
-- staffing, quarantine) with a reason and the day they are expected back. Until returned they
-- are neither open nor occupied: never offered, never held (the hold's own statement reads this
-- table), and reported apart. An expected day gone by does not return them: the shelter does.
-- The note is short and about the beds, never about a person. Rows are kept: the day's report
-- counts those out of service at its end.
CREATE TABLE offline_beds (
    id             text COLLATE "C" PRIMARY KEY,
    program_id     text COLLATE "C" NOT NULL REFERENCES programs (id),
    household_type integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    beds           integer NOT NULL CHECK (beds > 0),
    reason         text COLLATE "C" NOT NULL CHECK (reason IN ('renovation', 'pests', 'staffing', 'quarantine', 'other')),
    note           text,
    returns_on     text COLLATE "C" NOT NULL,
    created_by     text COLLATE "C" NOT NULL,
    created_at     text COLLATE "C" NOT NULL,
    returned_at    text COLLATE "C",
    returned_by    text COLLATE "C"
);
CREATE INDEX offline_beds_program ON offline_beds (program_id, household_type) WHERE returned_at IS NULL;
CREATE INDEX offline_beds_returned ON offline_beds (returned_at);
