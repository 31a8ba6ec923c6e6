-- An ask: the phone-around, sent in parallel. The household's needs (as a referral carries
-- them: a pseudonymous client reference, never a name, birth date, contact details or any
-- safety data) go to every program that would take it if it had room; the first yes gets a
-- referral, already accepted, and the other programs' lines are withdrawn.
CREATE TABLE asks (
    id               text COLLATE "C" PRIMARY KEY,
    agency_id        text COLLATE "C" NOT NULL REFERENCES organizations (id),
    created_by       text NOT NULL,
    client_reference text NOT NULL,
    household_json   text NOT NULL,
    household_type   integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    household_size   integer NOT NULL CHECK (household_size > 0),
    status           text NOT NULL CHECK (status IN ('open', 'placed', 'expired', 'cancelled')),
    -- The referral the first yes made; it outlives the ask's purge only as long as its own.
    referral_id      text COLLATE "C" REFERENCES referrals (id) ON DELETE SET NULL,
    created_at       text COLLATE "C" NOT NULL,
    expires_at       text COLLATE "C" NOT NULL,
    ended_at         text COLLATE "C"
);
CREATE INDEX asks_agency ON asks (agency_id, id);
-- The per-key limits: open asks, and programs asked in the last day.
CREATE INDEX asks_creator ON asks (created_by, created_at);
CREATE INDEX asks_ended ON asks (ended_at) WHERE ended_at IS NOT NULL;

-- One line per program asked, in rank order, with its answer.
CREATE TABLE ask_programs (
    ask_id      text COLLATE "C" NOT NULL REFERENCES asks (id) ON DELETE CASCADE,
    position    integer NOT NULL,
    program_id  text COLLATE "C" NOT NULL REFERENCES programs (id),
    status      text NOT NULL CHECK (status IN ('pending', 'yes', 'no', 'withdrawn', 'expired')),
    expires_at  text COLLATE "C" NOT NULL,
    answered_at text COLLATE "C",
    answered_by text,
    reason_code text,
    reason_text text,
    arrive_by   text COLLATE "C",
    PRIMARY KEY (ask_id, position),
    UNIQUE (ask_id, program_id)
);
CREATE INDEX ask_programs_program ON ask_programs (program_id, ask_id);
CREATE INDEX ask_programs_expiry ON ask_programs (status, expires_at);
