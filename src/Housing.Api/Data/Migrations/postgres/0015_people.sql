-- People who sign in to the console as themselves (API keys stay, for machines).

-- One row per person: how they sign in, never more about them than the job needs (an email to
-- reach them and match single sign-on; no name). The password is Identity's salted PBKDF2 hash;
-- the TOTP secret is sealed like the other secrets; recovery codes are kept as hashes.
-- session_stamp changes when a session must end (disabled, password set): every console
-- request compares it, so a change ends the person's sessions on every instance at once.
CREATE TABLE people (
    id               text COLLATE "C" PRIMARY KEY,
    email            text COLLATE "C" NOT NULL UNIQUE,
    role             text NOT NULL CHECK (role IN ('admin', 'case_manager', 'shelter', 'reporter')),
    organization_id  text COLLATE "C" REFERENCES organizations (id),
    password_hash    text,
    totp_secret      text,
    totp_last_step   bigint,
    recovery_codes   text NOT NULL DEFAULT '[]',
    failed_sign_ins  integer NOT NULL DEFAULT 0,
    locked_until     text COLLATE "C",
    disabled_at      text COLLATE "C",
    session_stamp    text COLLATE "C" NOT NULL,
    external_subject text COLLATE "C" UNIQUE,
    last_sign_in_at  text COLLATE "C",
    created_at       text COLLATE "C" NOT NULL,
    CHECK ((role IN ('case_manager', 'shelter')) = (organization_id IS NOT NULL))
);

-- One-time links to set a password: only the token's hash is kept; a link works once, until it expires.
CREATE TABLE person_links (
    token_hash bytea PRIMARY KEY,
    person_id  text COLLATE "C" NOT NULL REFERENCES people (id),
    created_at text COLLATE "C" NOT NULL,
    expires_at text COLLATE "C" NOT NULL,
    used_at    text COLLATE "C"
);
CREATE INDEX person_links_person ON person_links (person_id);

-- The person who acted, when a person did (key_id then holds the same id); null for API keys and the service.
ALTER TABLE audit_log ADD COLUMN person_id text COLLATE "C";
CREATE INDEX audit_log_person ON audit_log (person_id, id);
