-- One row per program: a counter that every write changing what the in-memory catalog holds
-- for the program (its definition, its latest post, its holds) moves on, in the same
-- transaction. Each instance compares these counters with the ones it has applied, every
-- Catalog:RefreshSeconds, and reloads the programs whose counter moved: that is how it learns
-- of writes made by other instances on the same database. On PostgreSQL the row is also the
-- lock that puts holds and posts on one program in order across instances.
CREATE TABLE catalog_versions (
    program_id text COLLATE "C" PRIMARY KEY REFERENCES programs (id),
    version    bigint NOT NULL
);
INSERT INTO catalog_versions (program_id, version) SELECT id, 1 FROM programs;
