-- Residents sign up for a draw online with the code of their letter (issue 16).

-- How a registration came in: 'online' when the resident sent it on the sign-up page;
-- empty when an organiser recorded it (the form, a CSV file, a home visit). And who in
-- the household signed up: the letter goes to one household, and anyone in it of the
-- draw's age may take part; empty when it is the person the letter was addressed to
-- (every registration typed in before this migration). Plain columns without keys:
-- `response` is referred to by no other table (see 0009).
ALTER TABLE response ADD COLUMN channel VARCHAR;
ALTER TABLE response ADD COLUMN resident_id BIGINT;

-- How the organisers can reach someone who signed up online: a phone number and/or an
-- e-mail address, as they typed it. Personal data: for the organisers of the draw only
-- (every showing is audited), never on a public page, a public file or in the audit log;
-- erased with the resident's contact data on request and by the retention rule (the same
-- rule as their name and address). One row per letter at most: a correction replaces it,
-- a withdrawal deletes it. No foreign keys: the response and invitation rows must stay
-- free to change (see 0009); the store writes both in one transaction.
CREATE TABLE signup_contact (
    response_id BIGINT PRIMARY KEY,   -- the online registration it came with
    invitation_id BIGINT NOT NULL,    -- the letter
    phone VARCHAR,
    email VARCHAR,
    created_at TIMESTAMP NOT NULL,
    CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
