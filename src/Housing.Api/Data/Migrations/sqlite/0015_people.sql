-- People who sign in to the console as themselves (API keys stay, for machines).

-- One row per person: how they sign in, never more about them than the job needs (an email to
-- reach them and match single sign-on; no name). The password is Identity's salted PBKDF2 hash;
-- the TOTP secret is sealed like the other secrets; recovery codes are kept as hashes.
-- session_stamp changes when a session must end (disabled, password set): every console
-- request compares it, so a change ends the person's sessions on every instance at once.
CREATE TABLE people (
    id               TEXT PRIMARY KEY,
    email            TEXT NOT NULL UNIQUE,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'case_manager', 'shelter', 'reporter')),
    organization_id  TEXT REFERENCES organizations (id),
    password_hash    TEXT,
    totp_secret      TEXT,
    totp_last_step   INTEGER,
    recovery_codes   TEXT NOT NULL DEFAULT '[]',
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    disabled_at      TEXT,
    session_stamp    TEXT NOT NULL,
    external_subject TEXT UNIQUE,
    last_sign_in_at  TEXT,
    created_at       TEXT NOT NULL,
    CHECK ((role IN ('case_manager', 'shelter')) = (organization_id IS NOT NULL))
);

-- One-time links to set a password: only the token's hash is kept; a link works once, until it expires.
CREATE TABLE person_links (
    token_hash BLOB PRIMARY KEY,
    person_id  TEXT NOT NULL REFERENCES people (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX person_links_person ON person_links (person_id);

-- The person who acted, when a person did (key_id then holds the same id); null for API keys and the service.
ALTER TABLE audit_log ADD COLUMN person_id TEXT;
CREATE INDEX audit_log_person ON audit_log (person_id, id);
