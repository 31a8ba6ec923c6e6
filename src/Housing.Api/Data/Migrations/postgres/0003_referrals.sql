-- A referral: a pseudonymous client reference and the household's needs, never a name,
-- birth date or contact details; and the ranked programs it tries, in referral_steps.
CREATE TABLE referrals (
    id               text COLLATE "C" PRIMARY KEY,
    agency_id        text COLLATE "C" NOT NULL REFERENCES organizations (id),
    created_by       text NOT NULL,
    idempotency_key  text,
    client_reference text NOT NULL,
    household_json   text NOT NULL,
    household_type   integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    household_size   integer NOT NULL CHECK (household_size > 0),
    status           text NOT NULL CHECK (status IN ('pending', 'accepted', 'placed', 'declined', 'expired', 'cancelled', 'no_show')),
    current_position integer NOT NULL,
    created_at       text COLLATE "C" NOT NULL,
    updated_at       text COLLATE "C" NOT NULL,
    UNIQUE (agency_id, idempotency_key)
);
CREATE INDEX referrals_agency ON referrals (agency_id, id);
CREATE INDEX referrals_status ON referrals (status, id);

CREATE TABLE referral_steps (
    referral_id  text COLLATE "C" NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    program_id   text COLLATE "C" NOT NULL REFERENCES programs (id),
    status       text NOT NULL CHECK (status IN ('waiting', 'pending', 'accepted', 'placed', 'declined', 'expired', 'cancelled', 'no_show', 'skipped')),
    offered_at   text COLLATE "C",
    expires_at   text COLLATE "C",
    decided_at   text COLLATE "C",
    declined_by  integer CHECK (declined_by IN (2, 3)),
    reason_code  text,
    reason_text  text,
    PRIMARY KEY (referral_id, position)
);
CREATE INDEX referral_steps_program ON referral_steps (program_id, status);
CREATE INDEX referral_steps_expiry ON referral_steps (status, expires_at);

-- A hold keeps beds (or slots) for a referral. It counts against open capacity while it is
-- pending or accepted, and after placement until the shelter's next availability post
-- (which then counts the person in); decline, expiry, cancel and no-show release it.
CREATE TABLE holds (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id    text COLLATE "C" NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    program_id     text COLLATE "C" NOT NULL REFERENCES programs (id),
    household_type integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    count          integer NOT NULL CHECK (count > 0),
    created_by     text NOT NULL,
    created_at     text COLLATE "C" NOT NULL,
    placed_at      text COLLATE "C",
    released_at    text COLLATE "C",
    UNIQUE (referral_id, position)
);
CREATE INDEX holds_program ON holds (program_id, household_type) WHERE released_at IS NULL;
CREATE INDEX holds_creator ON holds (created_by) WHERE released_at IS NULL;

-- Who (key id and role) did what to which referral or program, and when; never client data.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          text COLLATE "C" NOT NULL,
    key_id      text NOT NULL,
    role        text NOT NULL,
    action      text NOT NULL,
    entity_type text NOT NULL,
    entity_id   text NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
