-- One webhook per organisation: where its events go, and the secret they are signed with.
-- The secret is kept as given because signing needs it (issue 8 encrypts it at rest);
-- it is never returned by the API nor logged.
CREATE TABLE webhooks (
    organization_id TEXT PRIMARY KEY REFERENCES organizations (id),
    url             TEXT NOT NULL,
    secret          TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

-- The outbox: each event is written in the transaction that makes the change it reports,
-- for an organisation that had a webhook then, and stays until it is delivered or gives up.
-- The payload carries ids and statuses only, never a client reference, household or address.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id         TEXT NOT NULL UNIQUE,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    type             TEXT NOT NULL,
    payload_json     TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_at  TEXT NOT NULL,
    last_attempt_at  TEXT,
    last_status_code INTEGER,
    last_error       TEXT,
    delivered_at     TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_organization ON outbox (organization_id, id);
