-- Query limits per role of a team (NULL: no limit) and each member's queries per day.
CREATE TABLE role_limits (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    rows_per_query BIGINT,
    queries_per_day BIGINT,
    classes TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (team_id, role)
);
CREATE TABLE query_usage (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    day BIGINT NOT NULL,
    queries BIGINT NOT NULL,
    PRIMARY KEY (user_id, day)
);
