-- One row per search, for the unmet-need report: the household's shape and what happened,
-- never safety constraints, exact ages, or anything that could identify the household.
CREATE TABLE match_searches (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    searched_at        text COLLATE "C" NOT NULL,
    household_type     integer NOT NULL CHECK (household_type IN (1, 3, 4)),
    adults             integer NOT NULL,
    children           integer NOT NULL,
    children_under_5   integer NOT NULL,
    boys_over_12       integer NOT NULL,
    kinds              text NOT NULL,
    considered         integer NOT NULL,
    matched            integer NOT NULL,
    top_reason         text,
    excluded_json      text NOT NULL
);
CREATE INDEX match_searches_time ON match_searches (searched_at);
