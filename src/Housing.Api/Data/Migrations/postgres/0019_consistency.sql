-- The consistency check (Consistency/): a run every Consistency:IntervalMinutes, by one instance
-- at a time, that holds add up and counts are plausible. Each run keeps when and where it ran
-- and what it found and did: programs by id, household types, figures and codes, never a
-- referral, a client reference, a household or an address. The last Consistency:KeepRuns are kept.
CREATE TABLE consistency_runs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance         text NOT NULL,
    status           text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    started_at       text COLLATE "C" NOT NULL,
    lease_until      text COLLATE "C",  -- a running claim is void after this time
    finished_at      text COLLATE "C",
    duration_ms      bigint,
    programs_checked integer,
    error            text               -- a failed run's exception, for the operator
);
-- One run at a time, whichever instance claims it: a second running row is refused here.
CREATE UNIQUE INDEX consistency_runs_running ON consistency_runs (status) WHERE status = 'running';

CREATE TABLE consistency_findings (
    run_id         bigint NOT NULL REFERENCES consistency_runs (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    program_id     text COLLATE "C" NOT NULL REFERENCES programs (id),
    kind           text NOT NULL,
    household_type integer CHECK (household_type IN (1, 3, 4)),
    measure        text CHECK (measure IN ('beds', 'units', 'slots', 'changes')),
    found          integer,             -- the figure found: beds held, posted, changes in an hour
    expected       integer,             -- what it should have been, or the most it may be
    action         text NOT NULL CHECK (action IN ('released', 'marked_placed', 'reloaded', 'reported')),
    PRIMARY KEY (run_id, position)
);

-- How often a program's counts changed lately: posts by time, per program and across programs.
CREATE INDEX availability_snapshots_program_posted ON availability_snapshots (program_id, posted_at);
CREATE INDEX availability_snapshots_posted ON availability_snapshots (posted_at);
-- Which holds a shelter's yes to an ask made (they are held without the open-capacity check).
CREATE INDEX asks_referral ON asks (referral_id) WHERE referral_id IS NOT NULL;
