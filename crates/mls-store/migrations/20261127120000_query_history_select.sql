-- Query history also keeps what kind of run it was and the Select list, so a
-- history entry can be loaded back into the query editor as it ran.
ALTER TABLE query_history ADD COLUMN kind TEXT NOT NULL DEFAULT 'search'
    CHECK (kind IN ('count', 'preview', 'search'));
ALTER TABLE query_history ADD COLUMN select_fields TEXT;
