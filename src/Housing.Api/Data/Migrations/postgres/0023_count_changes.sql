-- Whether a post changed its program's counts (any household type's beds, units or slots differ
-- from the post before it, or it is the program's first), decided once, as it is saved. The
-- answer to every post counts the changes in the hour before it; it used to compare each of the
-- hour's posts with the one before it, so a program posting every few seconds (an integration
-- confirming its counts) made each post cost more than the last. Now it counts flagged rows in an
-- index range. Existing posts are flagged by the same comparison.
ALTER TABLE availability_snapshots ADD COLUMN changed INTEGER NOT NULL DEFAULT 1 CHECK (changed IN (0, 1));
UPDATE availability_snapshots SET changed = 0
WHERE id IN (
    SELECT x.id
    FROM (SELECT s.id,
                 (SELECT MAX(p.id) FROM availability_snapshots p WHERE p.program_id = s.program_id AND p.id < s.id) AS previous_id
          FROM availability_snapshots s) x
    WHERE x.previous_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM availability_counts c
                      WHERE c.snapshot_id = x.id
                        AND NOT EXISTS (SELECT 1 FROM availability_counts d
                                        WHERE d.snapshot_id = x.previous_id AND d.household_type = c.household_type
                                          AND d.beds = c.beds AND d.units = c.units AND d.slots = c.slots))
      AND NOT EXISTS (SELECT 1 FROM availability_counts d
                      WHERE d.snapshot_id = x.previous_id
                        AND NOT EXISTS (SELECT 1 FROM availability_counts c WHERE c.snapshot_id = x.id AND c.household_type = d.household_type)));
CREATE INDEX availability_snapshots_changes ON availability_snapshots (program_id, posted_at) WHERE changed = 1;
