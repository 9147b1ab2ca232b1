-- A listing table's data version moves on every write (upsert, deletion mark,
-- column rebuild), so readers that cache derived data (analytics columns,
-- trained models) can tell in one indexed read whether the rows changed.
ALTER TABLE listing_tables ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;
