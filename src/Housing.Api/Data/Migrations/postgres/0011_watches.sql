-- A watch: a standing search for one household, kept until it is fulfilled, cancelled or its
-- end passes. The household's needs as a referral carries them; the safety constraints sealed
-- (Data Protection, like addresses) and set to NULL the moment the watch ends.
CREATE TABLE watches (
    id                text COLLATE "C" PRIMARY KEY,
    agency_id         text COLLATE "C" NOT NULL REFERENCES organizations (id),
    created_by        text NOT NULL,
    client_reference  text NOT NULL,
    mode              text NOT NULL CHECK (mode IN ('hold', 'notify')),
    resume_on_decline boolean NOT NULL,
    status            text NOT NULL CHECK (status IN ('active', 'holding', 'fulfilled', 'declined', 'cancelled', 'expired')),
    household_json    text NOT NULL,
    household_type    integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    household_size    integer NOT NULL CHECK (household_size > 0),
    wants_json        text NOT NULL,
    safety            text,
    passed_over_json  text NOT NULL,
    referral_id       text COLLATE "C",
    version           integer NOT NULL,
    created_at        text COLLATE "C" NOT NULL,
    ends_at           text COLLATE "C" NOT NULL,
    updated_at        text COLLATE "C" NOT NULL,
    ended_at          text COLLATE "C",
    CHECK ((status IN ('active', 'holding')) = (safety IS NOT NULL))
);
CREATE INDEX watches_agency ON watches (agency_id, id);
CREATE INDEX watches_live ON watches (status, ends_at);
CREATE INDEX watches_referral ON watches (referral_id) WHERE referral_id IS NOT NULL;

-- What happened to a watch, oldest first: its trail.
CREATE TABLE watch_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    watch_id    text COLLATE "C" NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    at          text COLLATE "C" NOT NULL,
    event       text NOT NULL,
    program_id  text COLLATE "C",
    referral_id text COLLATE "C"
);
CREATE INDEX watch_events_watch ON watch_events (watch_id, id);

-- A notify-mode watch's programs that fit and that it has told about; a program leaves when it
-- stops fitting, so its next opening is told again (at most once per opening).
CREATE TABLE watch_openings (
    watch_id   text COLLATE "C" NOT NULL REFERENCES watches (id) ON DELETE CASCADE,
    program_id text COLLATE "C" NOT NULL,
    opened_at  text COLLATE "C" NOT NULL,
    PRIMARY KEY (watch_id, program_id)
);
