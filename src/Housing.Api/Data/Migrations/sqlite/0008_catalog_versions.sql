-- One row per program: a counter that every write changing what the in-memory catalog holds
-- for the program (its definition, its latest post, its holds) moves on, in the same
-- transaction. Each instance compares these counters with the ones it has applied, every
-- Catalog:RefreshSeconds, and reloads the programs whose counter moved: that is how it learns
-- of writes made by other instances on the same database.
CREATE TABLE catalog_versions (
    program_id TEXT PRIMARY KEY REFERENCES programs (id),
    version    INTEGER NOT NULL
);
INSERT INTO catalog_versions (program_id, version) SELECT id, 1 FROM programs;
