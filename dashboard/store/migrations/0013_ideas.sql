-- Ideas (initiatives) residents propose online (issue 16). An idea waits as 'ingediend'
-- until an organiser of its neighbourhood moderates it: 'gepubliceerd' (residents see it),
-- 'samengevoegd' with another published idea, 'afgewezen' with a reason residents read,
-- or 'voorstel' once it became a proposal of the budget book. Only the moment the current
-- status began is kept here; every step is in the audit log.
-- No foreign keys to or between ideas and proposals (see 0006 and 0011): idea rows must
-- stay free to change; the services check what the ids point at.
CREATE SEQUENCE seq_idea;
CREATE TABLE idea (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_idea'),
    reference VARCHAR NOT NULL UNIQUE,        -- I-2026-0007: residents keep and quote it
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    part_id BIGINT REFERENCES neighbourhood_part (id),
    title VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    estimated_cost DECIMAL(18, 2) NOT NULL CHECK (estimated_cost >= 0),
    theme_id BIGINT NOT NULL REFERENCES theme (id),
    location_lat DOUBLE,
    location_lon DOUBLE,
    photo_path VARCHAR,                       -- shown only once the idea was published
    status VARCHAR NOT NULL,                  -- ingediend, gepubliceerd, samengevoegd, afgewezen, voorstel
    submitted_at TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    status_since TIMESTAMP NOT NULL,
    merged_into_id BIGINT,                    -- samengevoegd: the idea it lives on in
    rejection_reason VARCHAR,                 -- afgewezen: public
    text_hidden BOOLEAN NOT NULL DEFAULT FALSE,  -- afgewezen for its text: no title shown
    proposal_id BIGINT,                       -- voorstel: the proposal it became
    CHECK (status <> 'samengevoegd' OR merged_into_id IS NOT NULL),
    CHECK (status <> 'afgewezen' OR rejection_reason IS NOT NULL),
    CHECK (status <> 'voorstel' OR proposal_id IS NOT NULL)
);

-- Who proposed the idea and how to reach them: personal data, for the organisers of the
-- idea's neighbourhood only; every look at it is audited, and it is erased on request or
-- by the retention rule. When the idea becomes a proposal it moves to proposal_contact.
-- Never read by a public query.
CREATE TABLE idea_contact (
    idea_id BIGINT PRIMARY KEY,
    name VARCHAR NOT NULL,
    email VARCHAR,
    phone VARCHAR,
    created_at TIMESTAMP NOT NULL
);
