-- One webhook per organisation: where its events go, and the secret they are signed with.
-- The secret is kept as given because signing needs it (issue 8 encrypts it at rest);
-- it is never returned by the API nor logged.
CREATE TABLE webhooks (
    organization_id text COLLATE "C" PRIMARY KEY REFERENCES organizations (id),
    url             text NOT NULL,
    secret          text NOT NULL,
    version         bigint NOT NULL,
    created_at      text COLLATE "C" NOT NULL,
    updated_at      text COLLATE "C" NOT NULL
);

-- The outbox: each event is written in the transaction that makes the change it reports,
-- for an organisation that had a webhook then, and stays until it is delivered or gives up.
-- The payload carries ids and statuses only, never a client reference, household or address.
CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         text COLLATE "C" NOT NULL UNIQUE,
    organization_id  text COLLATE "C" NOT NULL REFERENCES organizations (id),
    type             text NOT NULL,
    payload_json     text NOT NULL,
    created_at       text COLLATE "C" NOT NULL,
    status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         integer NOT NULL CHECK (attempts >= 0),
    next_attempt_at  text COLLATE "C" NOT NULL,
    last_attempt_at  text COLLATE "C",
    last_status_code integer,
    last_error       text,
    delivered_at     text COLLATE "C"
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_organization ON outbox (organization_id, id);
