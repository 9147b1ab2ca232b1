-- A metadata snapshot may also keep the server's complete metadata as the
-- client parsed it (JSON), so the metadata browser works offline from it.
-- Snapshots stored by a sync alone have none.
ALTER TABLE metadata_snapshots ADD COLUMN document_json TEXT;
