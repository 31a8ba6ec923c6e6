-- Reports built before confidential programs were taken out of every breakdown let a reader
-- difference dimensions down to one confidential program (a region less an organisation less
-- the public rows). None may be served again, whatever its status: their content goes, and
-- finished dates count as failed, so the scheduler rebuilds those within
-- Reports:MaxCatchUpDays and an admin can rebuild older ones with POST /v1/reports/capacity/runs.
UPDATE capacity_reports SET content_json = NULL WHERE content_json IS NOT NULL;
UPDATE capacity_reports
SET status = 'failed', lease_until = NULL,
    error = 'Withdrawn: built before confidential programs were published only as one aggregate; rebuild it.'
WHERE status = 'done';
