-- One row per local date's capacity report. The row is also the lease that makes a date run
-- exactly once when several instances share the database: an instance claims a date by
-- moving it to 'running' with its holder id and a lease time, and only if nobody holds a
-- live lease and it is not done; a crashed runner's lease runs out and another takes over.
CREATE TABLE capacity_reports (
    date         text COLLATE "C" PRIMARY KEY,     -- the local date reported on, yyyy-MM-dd
    window_end   text COLLATE "C" NOT NULL,        -- the end of that local day in UTC; a report
                                                   -- finished before it is provisional and is rebuilt
    status       text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    holder       text,                             -- the instance running it (or that ran it last)
    lease_until  text COLLATE "C",                 -- a running claim is void after this time
    attempts     integer NOT NULL,                 -- claims so far (each claim retries internally)
    started_at   text COLLATE "C" NOT NULL,
    finished_at  text COLLATE "C",
    duration_ms  bigint,
    error        text,                             -- the last failure, for the operator
    content_json text                              -- the finished report
);

-- Reports read the steps offered within a day.
CREATE INDEX referral_steps_offered ON referral_steps (offered_at) WHERE offered_at IS NOT NULL;
