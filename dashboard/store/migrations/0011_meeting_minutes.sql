-- Minutes (notulen) of a council meeting, in versions. A version is written as a draft
-- (published_at NULL) and may be rewritten until it is published; a correction after
-- publishing is a new version with its reason, and every published version is kept.
-- Residents read the newest published version, with the number of members present as
-- the attendance list counted when it was published (a later change of the list shows
-- only with a new version). No foreign keys (see 0006 and 0007): the meeting row must
-- stay free to change; the service checks that the meeting exists.
CREATE SEQUENCE seq_meeting_minutes;
CREATE TABLE meeting_minutes (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_meeting_minutes'),
    meeting_id BIGINT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    text VARCHAR NOT NULL,
    correction_reason VARCHAR,        -- why this version corrects a published one
    written_at TIMESTAMP NOT NULL,
    written_by VARCHAR NOT NULL,
    published_at TIMESTAMP,
    published_by VARCHAR,
    members_present INTEGER CHECK (members_present >= 0),
    UNIQUE (meeting_id, version)
);

-- Who submitted a proposal and how to reach them: personal data, for the organisers of
-- the proposal's neighbourhood only; every look at it is audited, and it is erased on
-- request or by the retention rule. Never read by a public query.
CREATE TABLE proposal_contact (
    proposal_id BIGINT PRIMARY KEY,
    name VARCHAR NOT NULL,
    email VARCHAR,
    phone VARCHAR,
    created_at TIMESTAMP NOT NULL
);
