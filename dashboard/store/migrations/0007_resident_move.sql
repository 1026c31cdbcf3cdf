-- Where a resident lives now, when a later register extract shows a move. DuckDB refuses
-- to change the indexed foreign-key columns (household, neighbourhood, part) of a
-- `resident` row that other rows refer to, so the resident row keeps the first address
-- and the move is written here; every reader of where people live uses the view
-- `resident_now`. A draw reads its own snapshot (draw_register) instead.
CREATE TABLE resident_move (
    resident_id BIGINT PRIMARY KEY REFERENCES resident (id),
    household_id BIGINT NOT NULL REFERENCES household (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    part_id BIGINT NOT NULL REFERENCES neighbourhood_part (id),
    seen_on DATE NOT NULL  -- the day of the import that first showed this address
);

CREATE VIEW resident_now AS
SELECT r.id,
       coalesce(m.household_id, r.household_id) AS household_id,
       coalesce(m.neighbourhood_id, r.neighbourhood_id) AS neighbourhood_id,
       coalesce(m.part_id, r.part_id) AS part_id,
       r.birth_date, r.gender, r.education, r.tenure, r.origin, r.registered_since
FROM resident r LEFT JOIN resident_move m ON m.resident_id = r.id;
