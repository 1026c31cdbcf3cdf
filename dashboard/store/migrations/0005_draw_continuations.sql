-- Replacement and rotation draws, and erasures remembered (issue 6, trustworthy draws).

-- A replacement draw continues the draw whose seats it fills: its bundle is verified
-- together with that draw's bundle (`sortition.verify(bundle, parent)`). A rotation
-- draw records the council draw it renews part of. (No NOT NULL or REFERENCES: DuckDB
-- refuses those on ALTER TABLE of a table that other tables refer to.)
ALTER TABLE draw ADD COLUMN parent_draw_id BIGINT;

-- Residents whose contact data was erased at their request. A later register extract
-- brings their name and address along again; the import skips those fields for everyone
-- listed here. Only the register's pseudonymous person number (the resident's id, which
-- `resident` keeps anyway) and the day: nothing that names or locates anyone.
CREATE TABLE contact_erasure (
    resident_id BIGINT PRIMARY KEY,
    erased_on DATE NOT NULL
);

-- How many rows of a register import had their contact fields skipped for that reason.
ALTER TABLE register_import ADD COLUMN contacts_skipped INTEGER DEFAULT 0;
