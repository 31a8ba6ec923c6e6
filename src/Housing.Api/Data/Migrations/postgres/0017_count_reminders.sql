-- Reminders before data goes stale: one row per program, post and grade, the first time that
-- post's count turned aging (2 hours) or stale (8 hours). The primary key makes the reminder
-- once-only across instances: the one whose insert lands queues the webhook event in the same
-- transaction. Reports count them per organisation and day.
CREATE TABLE count_reminders (
    program_id      text COLLATE "C" NOT NULL REFERENCES programs (id),
    snapshot_id     bigint NOT NULL,
    grade           text COLLATE "C" NOT NULL CHECK (grade IN ('aging', 'stale')),
    organization_id text COLLATE "C" NOT NULL,
    posted_at       text COLLATE "C" NOT NULL,
    reminded_at     text COLLATE "C" NOT NULL,
    PRIMARY KEY (program_id, snapshot_id, grade)
);
CREATE INDEX count_reminders_time ON count_reminders (reminded_at);
