-- One row per search, for the unmet-need report: the household's shape and what happened,
-- never safety constraints, exact ages, or anything that could identify the household.
CREATE TABLE match_searches (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    searched_at        TEXT NOT NULL,
    household_type     INTEGER NOT NULL CHECK (household_type IN (1, 3, 4)),
    adults             INTEGER NOT NULL,
    children           INTEGER NOT NULL,
    children_under_5   INTEGER NOT NULL,
    boys_over_12       INTEGER NOT NULL,
    kinds              TEXT NOT NULL,
    considered         INTEGER NOT NULL,
    matched            INTEGER NOT NULL,
    top_reason         TEXT,
    excluded_json      TEXT NOT NULL
);
CREATE INDEX match_searches_time ON match_searches (searched_at);
