-- What stays of closed referrals after the retention period: counts, never a referral id,
-- client reference or household beyond its HUD type, by UTC day. "None" is stored as 0, ''
-- or -1 rather than NULL, so that one row per group can be kept with ON CONFLICT.

-- One row per program's answer (or lack of one) to a step of a purged referral.
CREATE TABLE purged_step_counts (
    day              text COLLATE "C" NOT NULL,    -- the day the step was offered (or skipped)
    program_id       text COLLATE "C" NOT NULL REFERENCES programs (id),
    agency_id        text COLLATE "C" NOT NULL REFERENCES organizations (id),
    household_type   integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    status           text NOT NULL,                -- the step's final status
    declined_by      integer NOT NULL,             -- 2 client, 3 provider, 0 not declined
    reason_code      text NOT NULL,                -- decline or skip reason, '' none
    response_minutes integer NOT NULL,             -- offer to the shelter's answer, -1 no answer
    count            integer NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, program_id, agency_id, household_type, status, declined_by, reason_code, response_minutes)
);

-- One row per group of purged referrals.
CREATE TABLE purged_referral_counts (
    day            text COLLATE "C" NOT NULL,      -- the day the referral was made
    agency_id      text COLLATE "C" NOT NULL REFERENCES organizations (id),
    household_type integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    status         text NOT NULL,                  -- the referral's final status
    steps          integer NOT NULL,               -- programs on its list
    count          integer NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, agency_id, household_type, status, steps)
);

-- The shelter's answer time, kept apart from decided_at (which placement and no-show move on).
ALTER TABLE referral_steps ADD COLUMN answered_at text COLLATE "C";
UPDATE referral_steps SET answered_at = decided_at WHERE status IN ('accepted', 'declined');

CREATE INDEX referrals_closed ON referrals (updated_at) WHERE status IN ('placed', 'declined', 'expired', 'cancelled', 'no_show');
