-- When a seat ends early (a member leaves, or rotates out). DuckDB refuses any UPDATE of a
-- `seat` row that `meeting_attendance` refers to ("still referenced by a foreign key"),
-- so a seat with meetings behind it could not be ended in place. The end is written here
-- instead, and every reader uses the view `seat_now`: the seat with its end.
CREATE TABLE seat_end (
    seat_id BIGINT PRIMARY KEY REFERENCES seat (id),
    ends_on DATE NOT NULL,
    end_reason VARCHAR NOT NULL
);

CREATE VIEW seat_now AS
SELECT s.id, s.council_id, s.term_id, s.kind, s.resident_id, s.panel_member_id,
       s.appointed_role, s.is_chair, s.starts_on,
       coalesce(e.ends_on, s.ends_on) AS ends_on,
       coalesce(e.end_reason, s.end_reason) AS end_reason
FROM seat s LEFT JOIN seat_end e ON e.seat_id = s.id;
