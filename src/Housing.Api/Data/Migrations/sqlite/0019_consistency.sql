-- The consistency check (Consistency/): a run every Consistency:IntervalMinutes, by one instance
-- at a time, that holds add up and counts are plausible. Each run keeps when and where it ran
-- and what it found and did: programs by id, household types, figures and codes, never a
-- referral, a client reference, a household or an address. The last Consistency:KeepRuns are kept.
CREATE TABLE consistency_runs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    instance         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    started_at       TEXT NOT NULL,
    lease_until      TEXT,              -- a running claim is void after this time
    finished_at      TEXT,
    duration_ms      INTEGER,
    programs_checked INTEGER,
    error            TEXT               -- a failed run's exception, for the operator
);
-- One run at a time, whichever instance claims it: a second running row is refused here.
CREATE UNIQUE INDEX consistency_runs_running ON consistency_runs (status) WHERE status = 'running';

CREATE TABLE consistency_findings (
    run_id         INTEGER NOT NULL REFERENCES consistency_runs (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    program_id     TEXT NOT NULL REFERENCES programs (id),
    kind           TEXT NOT NULL,
    household_type INTEGER CHECK (household_type IN (1, 3, 4)),
    measure        TEXT CHECK (measure IN ('beds', 'units', 'slots', 'changes')),
    found          INTEGER,             -- the figure found: beds held, posted, changes in an hour
    expected       INTEGER,             -- what it should have been, or the most it may be
    action         TEXT NOT NULL CHECK (action IN ('released', 'marked_placed', 'reloaded', 'reported')),
    PRIMARY KEY (run_id, position)
);

-- How often a program's counts changed lately: posts by time, per program and across programs.
CREATE INDEX availability_snapshots_program_posted ON availability_snapshots (program_id, posted_at);
CREATE INDEX availability_snapshots_posted ON availability_snapshots (posted_at);
-- Which holds a shelter's yes to an ask made (they are held without the open-capacity check).
CREATE INDEX asks_referral ON asks (referral_id) WHERE referral_id IS NOT NULL;
