-- A home visit's day and who made it (direct method, issue 17). Visitors go door to door
-- with a paper walking list and the results are typed in afterwards, so the day of the
-- visit is not the moment the row was written (`answered_at`). Empty for registrations
-- by letter and for visits recorded before this migration (their day is `answered_at`'s).
-- Plain columns without keys: `response` is referred to by no other table.
ALTER TABLE response ADD COLUMN visited_on DATE;
ALTER TABLE response ADD COLUMN visitor VARCHAR;
