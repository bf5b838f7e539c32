-- The catalogue's published versions (CAT-1, issue 13): staff edit the
-- catalogue in the back office or through `PUT /api/1/staff/catalog`; each
-- publication is a new row, never changed, and the newest one runs (on
-- every instance sharing the database). Without any row, the configured
-- file (or the demo) runs.
-- Kept in lockstep with the other engine's 0010_catalog_versions.sql.

CREATE TABLE catalog_versions (
    -- 1, 2, 3…: the next number is taken in the publishing transaction; two
    -- publications at once collide on the key and the second one retries.
    version BIGINT PRIMARY KEY NOT NULL,
    -- The whole TOML text, as the staff member wrote it (checked whole
    -- before it is stored).
    toml TEXT NOT NULL,
    published_by TEXT NOT NULL REFERENCES users (id),
    published_at BIGINT NOT NULL,
    note TEXT,
    CHECK (version >= 1)
);
