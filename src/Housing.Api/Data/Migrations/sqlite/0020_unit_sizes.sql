-- Whole households in one room (Availability/UnitFit.cs). A program that houses households by
-- unit gives its units by size (beds, cribs for infants under 2, how many) per household type,
-- and how many adjoining units one household may take (null: one). Its posts give open units by
-- size, and a hold keeps whole units: the sizes it took. All three are JSON lists of
-- {beds, cribs, count} (the programs' also name the household type); null for a program, a post
-- or a hold by bed, which is every row written before this migration.
ALTER TABLE programs ADD COLUMN unit_sizes_json TEXT;
ALTER TABLE programs ADD COLUMN adjoining_units INTEGER CHECK (adjoining_units BETWEEN 2 AND 4);
ALTER TABLE availability_counts ADD COLUMN open_units_json TEXT;
ALTER TABLE holds ADD COLUMN units_json TEXT;
