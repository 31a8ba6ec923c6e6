-- Issue 20, item 6: when a program admits new arrivals. time_zone is an IANA name (NULL: the
-- service's own, Reports:TimeZone); intake_hours_json its weekly windows (NULL: at any hour).
ALTER TABLE programs ADD COLUMN time_zone TEXT;
ALTER TABLE programs ADD COLUMN intake_hours_json TEXT;
