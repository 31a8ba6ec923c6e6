-- A referral: a pseudonymous client reference and the household's needs, never a name,
-- birth date or contact details; and the ranked programs it tries, in referral_steps.
CREATE TABLE referrals (
    id               TEXT PRIMARY KEY,
    agency_id        TEXT NOT NULL REFERENCES organizations (id),
    created_by       TEXT NOT NULL,
    idempotency_key  TEXT,
    client_reference TEXT NOT NULL,
    household_json   TEXT NOT NULL,
    household_type   INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    household_size   INTEGER NOT NULL CHECK (household_size > 0),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'placed', 'declined', 'expired', 'cancelled', 'no_show')),
    current_position INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (agency_id, idempotency_key)
);
CREATE INDEX referrals_agency ON referrals (agency_id, id);
CREATE INDEX referrals_status ON referrals (status, id);

CREATE TABLE referral_steps (
    referral_id  TEXT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    program_id   TEXT NOT NULL REFERENCES programs (id),
    status       TEXT NOT NULL CHECK (status IN ('waiting', 'pending', 'accepted', 'placed', 'declined', 'expired', 'cancelled', 'no_show', 'skipped')),
    offered_at   TEXT,
    expires_at   TEXT,
    decided_at   TEXT,
    declined_by  INTEGER CHECK (declined_by IN (2, 3)),
    reason_code  TEXT,
    reason_text  TEXT,
    PRIMARY KEY (referral_id, position)
);
CREATE INDEX referral_steps_program ON referral_steps (program_id, status);
CREATE INDEX referral_steps_expiry ON referral_steps (status, expires_at);

-- A hold keeps beds (or slots) for a referral. It counts against open capacity while it is
-- pending or accepted, and after placement until the shelter's next availability post
-- (which then counts the person in); decline, expiry, cancel and no-show release it.
CREATE TABLE holds (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    referral_id    TEXT NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    program_id     TEXT NOT NULL REFERENCES programs (id),
    household_type INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    count          INTEGER NOT NULL CHECK (count > 0),
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    placed_at      TEXT,
    released_at    TEXT,
    UNIQUE (referral_id, position)
);
CREATE INDEX holds_program ON holds (program_id, household_type) WHERE released_at IS NULL;
CREATE INDEX holds_creator ON holds (created_by) WHERE released_at IS NULL;

-- Who (key id and role) did what to which referral or program, and when; never client data.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
