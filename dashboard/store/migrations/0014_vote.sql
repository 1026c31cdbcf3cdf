-- A neighbourhood vote (buurtbudget, issue 16): residents divide a budget among published
-- ideas with a one-time code from a letter. Three parts, kept apart on purpose:
--   vote, vote_item          the vote and its ballot (public once the codes are out)
--   vote_code                who got which code and whether it was used: personal data,
--                            for the organisers only, destroyed when the vote closes
--   vote_ballot, vote_choice the ballots: anonymous, no link to a code or a person
-- No foreign keys between these tables (see 0006 and 0013): their rows must stay free to
-- change; the services check what the ids point at.

CREATE SEQUENCE seq_vote;
CREATE TABLE vote (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_vote'),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    title VARCHAR NOT NULL,
    budget DECIMAL(18, 2) NOT NULL CHECK (budget > 0),
    ballot_kind VARCHAR NOT NULL CHECK (ballot_kind IN ('approval', 'knapsack')),
    rule VARCHAR NOT NULL CHECK (rule IN ('equal-shares', 'greedy')),  -- decides the winners
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,                    -- the last day to vote
    min_age INTEGER NOT NULL CHECK (min_age BETWEEN 12 AND 120),  -- on the opening day
    status VARCHAR NOT NULL CHECK (status IN ('concept', 'open', 'gesloten')),
    created_at TIMESTAMP NOT NULL,
    codes_issued_at TIMESTAMP,                  -- concept -> open: the ballot is fixed
    codes_issued INTEGER,
    closed_at TIMESTAMP,                        -- open -> gesloten: the code list destroyed
    codes_destroyed INTEGER,
    consultation_id BIGINT,                     -- the winners became proposals with it
    CHECK (closes_on >= opens_on)
);

-- The ideas on the ballot, as they read when the vote was set up (an idea moderated
-- later does not change a running ballot). `number` is the idea's number on the ballot
-- and its project_id in the pabulib file.
CREATE SEQUENCE seq_vote_item;
CREATE TABLE vote_item (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_vote_item'),
    vote_id BIGINT NOT NULL,
    number INTEGER NOT NULL CHECK (number >= 1),
    idea_id BIGINT NOT NULL,                    -- the published idea it comes from
    title VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    cost DECIMAL(18, 2) NOT NULL CHECK (cost > 0),
    proposal_id BIGINT,                         -- the proposal a winner became
    UNIQUE (vote_id, number),
    UNIQUE (vote_id, idea_id)
);

-- The code list: which codes were handed out, to whom, and whether each was used (a used
-- code cannot vote again). Personal data: for the vote's organisers only (the letters),
-- never on a public page, file or in the audit log. The resident's buurt and age band
-- are kept for the turnout per group, counted at closing; then every row of the vote is
-- deleted. An erasure on request empties `resident_id` and leaves the code working.
CREATE TABLE vote_code (
    code VARCHAR PRIMARY KEY,                   -- 8 characters without the dash: K7QM2XHD
    vote_id BIGINT NOT NULL,
    resident_id BIGINT,
    part_id BIGINT NOT NULL,
    age_band VARCHAR NOT NULL,
    used BOOLEAN NOT NULL DEFAULT FALSE
);

-- The ballots: anonymous. A random id (not in the order of voting), no moment, no code,
-- no person; only whether it came in online or on paper.
CREATE TABLE vote_ballot (
    id VARCHAR PRIMARY KEY,
    vote_id BIGINT NOT NULL,
    channel VARCHAR NOT NULL CHECK (channel IN ('online', 'papier'))
);
CREATE INDEX vote_ballot_vote ON vote_ballot (vote_id);

CREATE TABLE vote_choice (
    ballot_id VARCHAR NOT NULL,
    item_id BIGINT NOT NULL,
    PRIMARY KEY (ballot_id, item_id)
);

-- Turnout per group, counted from the code list when the vote closes (before the list is
-- destroyed): per buurt (`part`, the buurt's code) and age band, the residents who got a
-- code and those who used it.
CREATE TABLE vote_turnout (
    vote_id BIGINT NOT NULL,
    feature VARCHAR NOT NULL CHECK (feature IN ('part', 'age_band')),
    value VARCHAR NOT NULL,
    eligible INTEGER NOT NULL CHECK (eligible >= 0),
    voters INTEGER NOT NULL CHECK (voters >= 0 AND voters <= eligible),
    PRIMARY KEY (vote_id, feature, value)
);
