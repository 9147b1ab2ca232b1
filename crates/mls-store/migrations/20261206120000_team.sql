-- The team server this data folder is signed in to (at most one), what it
-- said about me last (role, limits, preferences: used offline), and the local
-- copies of what the team shares.
CREATE TABLE team_account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    server TEXT NOT NULL,
    email TEXT NOT NULL,
    -- Whose member key the secret store holds ("server email"): a key made for
    -- another account is never published for this one.
    key_owner TEXT,
    me_json TEXT,
    synced_at TEXT,
    -- 0 after signing out: the key owner stays, so signing in again as the
    -- same member keeps the key (and the access granted to it).
    signed_in INTEGER NOT NULL DEFAULT 1
);

-- A local connection that is a team's shared connection (a copy pulled from
-- the server, or my own connection that I shared).
CREATE TABLE team_connections (
    connection_id INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
    shared_id INTEGER NOT NULL UNIQUE,
    key_version INTEGER NOT NULL,
    owner_id INTEGER NOT NULL,
    owner_email TEXT,
    mine INTEGER NOT NULL DEFAULT 0
);

-- Templates and saved queries of the team, as last pulled, with changes made
-- here that have not reached the server yet. state: synced | created |
-- changed | deleted | conflict (theirs_json holds the server's copy).
CREATE TABLE team_items (
    local_id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    remote_id INTEGER,
    name TEXT NOT NULL,
    body_json TEXT NOT NULL,
    base_version INTEGER,
    state TEXT NOT NULL DEFAULT 'synced',
    theirs_json TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (kind, remote_id)
);
