-- Budget book (issue 7).

-- Every booking in a neighbourhood first bumps this row, inside its transaction. Two
-- sessions booking at once then conflict on the row instead of both passing the
-- ledger's checks on stale books; the loser retries on fresh books (Store.write).
CREATE TABLE ledger_lock (
    neighbourhood_id BIGINT PRIMARY KEY,
    version BIGINT NOT NULL
);

-- Spending imported from the municipality's finance export: one row per file.
CREATE SEQUENCE seq_spending_import;
CREATE TABLE spending_import (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_spending_import'),
    file_name VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    rows_booked INTEGER NOT NULL,
    rows_already_known INTEGER NOT NULL,
    imported_by VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL
);
