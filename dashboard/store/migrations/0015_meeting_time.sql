-- The time of day of a council meeting (its day is meeting.held_on), in Europe/Amsterdam:
-- residents read it on the public pages and in the calendar file (.ics). In a table of its
-- own, like the minutes (0011): the meeting row stays as it is, and a meeting planned before
-- this version simply has no time yet (the calendar then holds the whole day).
CREATE TABLE meeting_time (
    meeting_id BIGINT PRIMARY KEY,
    starts_at TIME NOT NULL,
    ends_at TIME,
    CHECK (ends_at IS NULL OR ends_at > starts_at)
);
