-- Refused sign-ins per UTC day, whatever the reason (unknown email, wrong password, disabled,
-- waiting after wrong tries): no email, no address, only a count for admins to see a flood.
-- Every refusal writes here, in one transaction like a wrong password's count, so an unknown
-- email costs the same time as a known one and the page's timing tells no one who has an account.
CREATE TABLE sign_in_refusals (
    day     TEXT PRIMARY KEY,
    refused INTEGER NOT NULL
);
