-- The same tables as sqlite/0001_initial.sql. Ids, timestamps and dates are text here too, in
-- the same form (lowercase uuid; UTC "yyyy-MM-ddTHH:mm:ss.fffffffZ"; "yyyy-MM-dd"), so one set
-- of Dapper type handlers serves both engines; COLLATE "C" makes text order byte order, which
-- is time order for those timestamps and the order the catalog pages ids in.

-- Organisations: shelters and housing providers, and the agencies whose case managers refer.
CREATE TABLE organizations (
    id          text COLLATE "C" PRIMARY KEY,
    name        text NOT NULL,
    type        text NOT NULL CHECK (type IN ('provider', 'agency', 'provider_and_agency')),
    region      text,
    phone       text,
    email       text,
    created_at  text COLLATE "C" NOT NULL
);

-- API keys are stored only as SHA-256 hashes of the whole key; the key itself is shown once.
CREATE TABLE api_keys (
    id              text COLLATE "C" PRIMARY KEY,
    key_hash        bytea NOT NULL,
    role            text NOT NULL CHECK (role IN ('admin', 'case_manager', 'shelter', 'reporter')),
    organization_id text COLLATE "C" REFERENCES organizations (id),
    label           text NOT NULL,
    created_at      text COLLATE "C" NOT NULL,
    revoked_at      text COLLATE "C",
    CHECK ((role IN ('case_manager', 'shelter')) = (organization_id IS NOT NULL))
);

CREATE TABLE programs (
    id               text COLLATE "C" PRIMARY KEY,
    organization_id  text COLLATE "C" NOT NULL REFERENCES organizations (id),
    name             text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('emergency', 'transitional', 'rapid_rehousing')),
    hud_project_type integer NOT NULL CHECK (hud_project_type IN (0, 1, 2, 13)),
    max_stay_days    integer NOT NULL CHECK (max_stay_days > 0),
    region           text NOT NULL,
    latitude         double precision NOT NULL,
    longitude        double precision NOT NULL,
    confidential     boolean NOT NULL,
    address          text,
    intake_phone     text,
    intake_email     text,
    intake_hours     text,
    hud_funded       boolean NOT NULL,
    services_json    text NOT NULL,
    eligibility_json text NOT NULL,
    version          integer NOT NULL,
    content_hash     text NOT NULL,
    created_at       text COLLATE "C" NOT NULL,
    updated_at       text COLLATE "C" NOT NULL
);
CREATE INDEX programs_organization ON programs (organization_id, id);
CREATE INDEX programs_kind_region ON programs (kind, region, id);

-- Inventory per HUD household type (2.07.4: 1 without children, 3 adult and child, 4 only children).
CREATE TABLE program_inventory (
    program_id     text COLLATE "C" NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    position       integer NOT NULL,
    household_type integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    units          integer NOT NULL CHECK (units >= 0),
    beds           integer NOT NULL CHECK (beds >= 0),
    slots          integer NOT NULL CHECK (slots >= 0),
    availability   integer CHECK (availability IN (1, 2, 3)),
    bed_type       integer CHECK (bed_type IN (1, 2, 3)),
    start_date     text COLLATE "C" NOT NULL,
    end_date       text COLLATE "C",
    PRIMARY KEY (program_id, position)
);

-- Availability is append-only: each post is a new snapshot with its time, never an update.
CREATE TABLE availability_snapshots (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    program_id text COLLATE "C" NOT NULL REFERENCES programs (id),
    posted_at  text COLLATE "C" NOT NULL,
    posted_by  text NOT NULL
);
CREATE INDEX availability_snapshots_program ON availability_snapshots (program_id, id);

CREATE TABLE availability_counts (
    snapshot_id    bigint NOT NULL REFERENCES availability_snapshots (id),
    household_type integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    beds           integer NOT NULL CHECK (beds >= 0),
    units          integer NOT NULL CHECK (units >= 0),
    slots          integer NOT NULL CHECK (slots >= 0),
    PRIMARY KEY (snapshot_id, household_type)
);
