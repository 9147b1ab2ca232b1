-- The audit trail: who did what in a team, and when (Unix milliseconds).
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id BIGINT,
    actor_id BIGINT,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT NOT NULL DEFAULT '{}',
    at BIGINT NOT NULL
);
CREATE INDEX audit_team ON audit(team_id, id);
