-- Shared connections, end to end: members' public keys, each connection's
-- sealed secrets, and its key wrapped for each member allowed to use it.
-- The server never holds anything that opens the secrets.
CREATE TABLE member_keys (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    public_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE shared_connections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    owner_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    template TEXT NOT NULL,
    sealed_secrets TEXT NOT NULL,
    key_version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX shared_connections_team ON shared_connections(team_id);
CREATE TABLE connection_grants (
    connection_id BIGINT NOT NULL REFERENCES shared_connections(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    wrapped_key TEXT NOT NULL,
    granted_by BIGINT NOT NULL,
    PRIMARY KEY (connection_id, user_id)
);
