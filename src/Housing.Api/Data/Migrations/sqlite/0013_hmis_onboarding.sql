-- Onboarding a Continuum of Care from its HMIS export (DOMAIN.md, "Onboarding from HMIS").

-- Which local row each HMIS id became. Ids are unique only within one HMIS, so each import
-- names its source (one per HMIS, such as its CoC code); next month's export from the same
-- source updates the same rows in place.
CREATE TABLE external_ids (
    source      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('organization', 'program')),
    external_id TEXT NOT NULL,
    local_id    TEXT NOT NULL,
    PRIMARY KEY (source, kind, external_id)
);
CREATE UNIQUE INDEX external_ids_local ON external_ids (kind, local_id, source);

-- The Continuum of Care a program belongs to (HUD's code, such as CA-600); null when not given.
ALTER TABLE programs ADD COLUMN coc_code TEXT;
CREATE INDEX programs_coc ON programs (coc_code, id);

-- The eligibility rules a program takes from its organisation's defaults (their names, as JSON);
-- eligibility_json always holds the rules in effect, so matching reads one profile.
ALTER TABLE programs ADD COLUMN inherited_rules_json TEXT NOT NULL DEFAULT '[]';

-- An organisation's default eligibility, which its programs inherit rule by rule.
ALTER TABLE organizations ADD COLUMN default_eligibility_json TEXT NOT NULL DEFAULT '{}';
ALTER TABLE organizations ADD COLUMN eligibility_version INTEGER NOT NULL DEFAULT 1;
