-- Organisers' draw workspace (issue 6).

-- The register extract a draw works from, as it was: who was in it, where they lived and
-- their groups. The invitation lottery, the replacement of refusals on home visits, the
-- pool's features and the neighbourhood figures a draw is compared with all read this
-- snapshot, not `resident`: people who moved away stay in `resident` (earlier draws and
-- seats point at them), and DuckDB cannot change a household, neighbourhood or part of
-- a resident that other rows refer to (its foreign-key columns are indexed).
-- No keys on purpose: a million rows load in a fraction of a second without them, and
-- the only writer (store/register_import.py) inserts residents it has just written.
CREATE TABLE draw_register (
    draw_id BIGINT NOT NULL,
    resident_id BIGINT NOT NULL,
    household_id BIGINT NOT NULL,
    neighbourhood_id BIGINT NOT NULL,
    part_id BIGINT NOT NULL,
    birth_date DATE NOT NULL,
    gender VARCHAR NOT NULL,
    education VARCHAR NOT NULL,
    tenure VARCHAR NOT NULL,
    origin VARCHAR NOT NULL
);

-- One row per register file a draw was given; the same file twice is recognised.
CREATE SEQUENCE seq_register_import;
CREATE TABLE register_import (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_register_import'),
    draw_id BIGINT NOT NULL REFERENCES draw (id),
    file_name VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    rows_read INTEGER NOT NULL,
    rows_used INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rows_outside INTEGER NOT NULL,
    residents_new INTEGER NOT NULL,
    residents_changed INTEGER NOT NULL,
    imported_by VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL
);

-- The code printed in a letter, with which the resident registers (not guessable, unlike
-- the invitation's number).
ALTER TABLE invitation ADD COLUMN letter_code VARCHAR;
-- Direct method: the invitation (a refused home visit) this one replaces. At most one
-- replacement per refusal; the service checks it inside the transaction.
ALTER TABLE invitation ADD COLUMN replaces_id BIGINT;
