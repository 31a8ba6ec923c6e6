// Each test has its own app and database file, and most of a test's time is spent waiting
// for SQLite to sync to disk, so more workers than cores shortens the run.
[assembly: LevelOfParallelism(6)]
