-- Which fields an update changed, by name (a comma-separated list such as
-- "name,eligibility.maxChildAge,inventory"), never their values: an address is confidential.
-- Null for entries that change no fields (a referral's step, a key issued).
ALTER TABLE audit_log ADD COLUMN changes TEXT;
