-- Organisations: shelters and housing providers, and the agencies whose case managers refer.
CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL CHECK (type IN ('provider', 'agency', 'provider_and_agency')),
    region      TEXT,
    phone       TEXT,
    email       TEXT,
    created_at  TEXT NOT NULL
);

-- API keys are stored only as SHA-256 hashes of the whole key; the key itself is shown once.
CREATE TABLE api_keys (
    id              TEXT PRIMARY KEY,
    key_hash        BLOB NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'case_manager', 'shelter', 'reporter')),
    organization_id TEXT REFERENCES organizations (id),
    label           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    revoked_at      TEXT,
    CHECK ((role IN ('case_manager', 'shelter')) = (organization_id IS NOT NULL))
);

CREATE TABLE programs (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('emergency', 'transitional', 'rapid_rehousing')),
    hud_project_type INTEGER NOT NULL CHECK (hud_project_type IN (0, 1, 2, 13)),
    max_stay_days    INTEGER NOT NULL CHECK (max_stay_days > 0),
    region           TEXT NOT NULL,
    latitude         REAL NOT NULL,
    longitude        REAL NOT NULL,
    confidential     INTEGER NOT NULL CHECK (confidential IN (0, 1)),
    address          TEXT,
    intake_phone     TEXT,
    intake_email     TEXT,
    intake_hours     TEXT,
    hud_funded       INTEGER NOT NULL CHECK (hud_funded IN (0, 1)),
    services_json    TEXT NOT NULL,
    eligibility_json TEXT NOT NULL,
    version          INTEGER NOT NULL,
    content_hash     TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX programs_organization ON programs (organization_id, id);
CREATE INDEX programs_kind_region ON programs (kind, region, id);

-- Inventory per HUD household type (2.07.4: 1 without children, 3 adult and child, 4 only children).
CREATE TABLE program_inventory (
    program_id     TEXT NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    household_type INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    units          INTEGER NOT NULL CHECK (units >= 0),
    beds           INTEGER NOT NULL CHECK (beds >= 0),
    slots          INTEGER NOT NULL CHECK (slots >= 0),
    availability   INTEGER CHECK (availability IN (1, 2, 3)),
    bed_type       INTEGER CHECK (bed_type IN (1, 2, 3)),
    start_date     TEXT NOT NULL,
    end_date       TEXT,
    PRIMARY KEY (program_id, position)
);

-- Availability is append-only: each post is a new snapshot with its time, never an update.
CREATE TABLE availability_snapshots (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id TEXT NOT NULL REFERENCES programs (id),
    posted_at  TEXT NOT NULL,
    posted_by  TEXT NOT NULL
);
CREATE INDEX availability_snapshots_program ON availability_snapshots (program_id, id);

CREATE TABLE availability_counts (
    snapshot_id    INTEGER NOT NULL REFERENCES availability_snapshots (id),
    household_type INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    beds           INTEGER NOT NULL CHECK (beds >= 0),
    units          INTEGER NOT NULL CHECK (units >= 0),
    slots          INTEGER NOT NULL CHECK (slots >= 0),
    PRIMARY KEY (snapshot_id, household_type)
);
