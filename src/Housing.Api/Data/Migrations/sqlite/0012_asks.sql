-- An ask: the phone-around, sent in parallel. The household's needs (as a referral carries
-- them: a pseudonymous client reference, never a name, birth date, contact details or any
-- safety data) go to every program that would take it if it had room; the first yes gets a
-- referral, already accepted, and the other programs' lines are withdrawn.
CREATE TABLE asks (
    id               TEXT PRIMARY KEY,
    agency_id        TEXT NOT NULL REFERENCES organizations (id),
    created_by       TEXT NOT NULL,
    client_reference TEXT NOT NULL,
    household_json   TEXT NOT NULL,
    household_type   INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    household_size   INTEGER NOT NULL CHECK (household_size > 0),
    status           TEXT NOT NULL CHECK (status IN ('open', 'placed', 'expired', 'cancelled')),
    -- The referral the first yes made; it outlives the ask's purge only as long as its own.
    referral_id      TEXT REFERENCES referrals (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    ended_at         TEXT
);
CREATE INDEX asks_agency ON asks (agency_id, id);
-- The per-key limits: open asks, and programs asked in the last day.
CREATE INDEX asks_creator ON asks (created_by, created_at);
CREATE INDEX asks_ended ON asks (ended_at) WHERE ended_at IS NOT NULL;

-- One line per program asked, in rank order, with its answer.
CREATE TABLE ask_programs (
    ask_id      TEXT NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    program_id  TEXT NOT NULL REFERENCES programs (id),
    status      TEXT NOT NULL CHECK (status IN ('pending', 'yes', 'no', 'withdrawn', 'expired')),
    expires_at  TEXT NOT NULL,
    answered_at TEXT,
    answered_by TEXT,
    reason_code TEXT,
    reason_text TEXT,
    arrive_by   TEXT,
    PRIMARY KEY (ask_id, position),
    UNIQUE (ask_id, program_id)
);
CREATE INDEX ask_programs_program ON ask_programs (program_id, ask_id);
CREATE INDEX ask_programs_expiry ON ask_programs (status, expires_at);
