-- A planned meeting moved after it was planned: another day, time or place (or agenda).
-- The meeting row (and meeting_time) hold what is true now; each change adds a row here
-- with what the meeting was before. The number of changes is the SEQUENCE of the meeting's
-- event in the calendar file (RFC 5545): with the same UID and a higher SEQUENCE, a
-- calendar that subscribed replaces the event it has. Who changed it is in the audit log.
-- No foreign key, as for the minutes (0011): the meeting row must stay free to change.
CREATE TABLE meeting_change (
    meeting_id BIGINT NOT NULL,
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    changed_at TIMESTAMP NOT NULL,
    held_on_before DATE NOT NULL,
    starts_at_before TIME,
    ends_at_before TIME,
    location_before VARCHAR NOT NULL,
    PRIMARY KEY (meeting_id, sequence)
);
