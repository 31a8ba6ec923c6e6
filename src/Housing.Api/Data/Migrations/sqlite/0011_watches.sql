-- A watch: a standing search for one household, kept until it is fulfilled, cancelled or its
-- end passes. The household's needs as a referral carries them; the safety constraints sealed
-- (Data Protection, like addresses) and set to NULL the moment the watch ends.
CREATE TABLE watches (
    id                TEXT PRIMARY KEY,
    agency_id         TEXT NOT NULL REFERENCES organizations (id),
    created_by        TEXT NOT NULL,
    client_reference  TEXT NOT NULL,
    mode              TEXT NOT NULL CHECK (mode IN ('hold', 'notify')),
    resume_on_decline INTEGER NOT NULL CHECK (resume_on_decline IN (0, 1)),
    status            TEXT NOT NULL CHECK (status IN ('active', 'holding', 'fulfilled', 'declined', 'cancelled', 'expired')),
    household_json    TEXT NOT NULL,
    household_type    INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    household_size    INTEGER NOT NULL CHECK (household_size > 0),
    wants_json        TEXT NOT NULL,
    safety            TEXT,
    passed_over_json  TEXT NOT NULL,
    referral_id       TEXT,
    version           INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    ends_at           TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    ended_at          TEXT,
    CHECK ((status IN ('active', 'holding')) = (safety IS NOT NULL))
);
CREATE INDEX watches_agency ON watches (agency_id, id);
CREATE INDEX watches_live ON watches (status, ends_at);
CREATE INDEX watches_referral ON watches (referral_id) WHERE referral_id IS NOT NULL;

-- What happened to a watch, oldest first: its trail.
CREATE TABLE watch_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    watch_id    TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    event       TEXT NOT NULL,
    program_id  TEXT,
    referral_id TEXT
);
CREATE INDEX watch_events_watch ON watch_events (watch_id, id);

-- A notify-mode watch's programs that fit and that it has told about; a program leaves when it
-- stops fitting, so its next opening is told again (at most once per opening).
CREATE TABLE watch_openings (
    watch_id   TEXT NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    program_id TEXT NOT NULL,
    opened_at  TEXT NOT NULL,
    PRIMARY KEY (watch_id, program_id)
);
