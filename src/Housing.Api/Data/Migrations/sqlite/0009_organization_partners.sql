-- The agencies an organisation takes referrals from: its referral-only programs are offered to,
-- and accept referrals from, these agencies only. Both sides are organisations; the API checks
-- that a partner is of an agency type. A change moves on the catalog counter of every program
-- of the organisation, so each instance reloads the partners with them.
CREATE TABLE organization_partners (
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    partner_id      TEXT NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (organization_id, partner_id)
);
