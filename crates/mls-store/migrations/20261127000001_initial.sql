-- Initial schema of the local replica. Listing tables are created at runtime
-- (their columns follow the server's metadata) and registered in listing_tables.

CREATE TABLE connections (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    login_url      TEXT NOT NULL,
    username       TEXT NOT NULL,
    user_agent     TEXT NOT NULL,
    rets_version   TEXT NOT NULL,
    http_method    TEXT NOT NULL CHECK (http_method IN ('GET', 'POST')),
    vendor_template TEXT,
    options_json   TEXT NOT NULL DEFAULT '{}',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);

CREATE TABLE saved_queries (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    resource      TEXT NOT NULL,
    class         TEXT NOT NULL,
    query         TEXT NOT NULL,
    select_fields TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (connection_id, name)
);

CREATE TABLE query_history (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    resource      TEXT NOT NULL,
    class         TEXT NOT NULL,
    query         TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    duration_ms   INTEGER NOT NULL,
    record_count  INTEGER,
    status        TEXT NOT NULL CHECK (status IN ('ok', 'error', 'cancelled')),
    error         TEXT
);
CREATE INDEX query_history_by_connection ON query_history (connection_id, started_at);

CREATE TABLE metadata_snapshots (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    version       TEXT NOT NULL,
    fetched_at    TEXT NOT NULL,
    snapshot_json TEXT NOT NULL,
    UNIQUE (connection_id, version)
);

CREATE TABLE sync_jobs (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    resource      TEXT NOT NULL,
    class         TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('full', 'incremental')),
    status        TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled')),
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    records       INTEGER NOT NULL DEFAULT 0,
    error         TEXT
);
CREATE INDEX sync_jobs_by_target ON sync_jobs (connection_id, resource, class, started_at);

CREATE TABLE sync_checkpoints (
    job_id      INTEGER PRIMARY KEY REFERENCES sync_jobs(id) ON DELETE CASCADE,
    phase       TEXT NOT NULL,
    state_json  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE listing_tables (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    resource      TEXT NOT NULL,
    class         TEXT NOT NULL,
    table_name    TEXT NOT NULL UNIQUE,
    fields_json   TEXT NOT NULL,
    hints_json    TEXT NOT NULL,
    UNIQUE (connection_id, resource, class)
);

CREATE TABLE photos (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    resource      TEXT NOT NULL,
    listing_key   TEXT NOT NULL,
    object_id     INTEGER NOT NULL,
    path          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          INTEGER NOT NULL,
    fetched_at    TEXT NOT NULL,
    UNIQUE (connection_id, resource, listing_key, object_id)
);
