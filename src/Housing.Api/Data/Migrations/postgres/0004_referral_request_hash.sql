-- The hash of a referral request, so a retry with the same Idempotency-Key but a different
-- body is refused instead of silently answered with another request's referral.
ALTER TABLE referrals ADD COLUMN request_hash text;
