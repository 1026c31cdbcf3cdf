-- Wijkraad schema, version 1: the whole data model of DESIGN.md.
-- Ids are BIGINT from one sequence per table (seq_<table>);
-- money is DECIMAL(18,2); timestamps are UTC.

-- Geography ------------------------------------------------------------------

CREATE SEQUENCE seq_municipality;
CREATE TABLE municipality (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_municipality'),
    code VARCHAR NOT NULL UNIQUE,
    name VARCHAR NOT NULL
);

CREATE SEQUENCE seq_district;
CREATE TABLE district (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_district'),
    municipality_id BIGINT NOT NULL REFERENCES municipality (id),
    code VARCHAR NOT NULL UNIQUE,
    name VARCHAR NOT NULL
);

CREATE SEQUENCE seq_neighbourhood;
CREATE TABLE neighbourhood (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_neighbourhood'),
    district_id BIGINT NOT NULL REFERENCES district (id),
    code VARCHAR NOT NULL UNIQUE,
    name VARCHAR NOT NULL,
    polygon_geojson VARCHAR NOT NULL,
    centroid_lat DOUBLE NOT NULL,
    centroid_lon DOUBLE NOT NULL
);

-- A part of a neighbourhood (buurt): a quota feature and a place for proposals.
CREATE SEQUENCE seq_neighbourhood_part;
CREATE TABLE neighbourhood_part (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_neighbourhood_part'),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    code VARCHAR NOT NULL UNIQUE,
    name VARCHAR NOT NULL,
    polygon_geojson VARCHAR NOT NULL
);

-- Population statistics per neighbourhood and group: the reference for representativeness.
CREATE TABLE population_stat (
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    year INTEGER NOT NULL,
    feature VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (neighbourhood_id, year, feature, value)
);

-- Population register (pseudonymous) and its personal data --------------------

CREATE SEQUENCE seq_household;
CREATE TABLE household (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_household'),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    part_id BIGINT NOT NULL REFERENCES neighbourhood_part (id),
    tenure VARCHAR NOT NULL,          -- koop, sociale huur, particuliere huur
    size INTEGER NOT NULL CHECK (size >= 1)
);

CREATE SEQUENCE seq_resident;
CREATE TABLE resident (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_resident'),            -- pseudonymous: never a BSN
    household_id BIGINT NOT NULL REFERENCES household (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    part_id BIGINT NOT NULL REFERENCES neighbourhood_part (id),
    birth_date DATE NOT NULL,
    gender VARCHAR NOT NULL,          -- vrouw, man, anders
    education VARCHAR NOT NULL,       -- laag, middelbaar, hoog, onbekend (children)
    tenure VARCHAR NOT NULL,          -- the household's tenure, copied for quotas
    origin VARCHAR NOT NULL,          -- Nederland, Europa, buiten Europa
    registered_since DATE NOT NULL
);

-- Personal data: organisers only; deleted after the draw's retention period.
CREATE TABLE resident_contact (
    resident_id BIGINT PRIMARY KEY REFERENCES resident (id),
    first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    street VARCHAR NOT NULL,
    house_number VARCHAR NOT NULL,
    postcode VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    delete_after DATE
);

-- Councils, terms, seats, panels ----------------------------------------------

CREATE SEQUENCE seq_council;
CREATE TABLE council (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_council'),
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL DEFAULT 'wijkraad',   -- wijkraad, wijkpanel
    seats_drawn INTEGER NOT NULL CHECK (seats_drawn >= 0),
    seats_appointed INTEGER NOT NULL CHECK (seats_appointed >= 0),
    term_months INTEGER NOT NULL CHECK (term_months > 0),
    eligible_age INTEGER NOT NULL DEFAULT 16,
    quorum INTEGER NOT NULL CHECK (quorum > 0),
    cool_down_months INTEGER NOT NULL DEFAULT 24,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE council_neighbourhood (
    council_id BIGINT NOT NULL REFERENCES council (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    PRIMARY KEY (council_id, neighbourhood_id)
);

CREATE SEQUENCE seq_term;
CREATE TABLE term (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_term'),
    council_id BIGINT NOT NULL REFERENCES council (id),
    number INTEGER NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    CHECK (ends_on > starts_on),
    UNIQUE (council_id, number)
);

-- A larger resident panel (wijkpanel), drawn the same way as a council.
CREATE SEQUENCE seq_panel;
CREATE TABLE panel (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_panel'),
    council_id BIGINT REFERENCES council (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    name VARCHAR NOT NULL,
    target_size INTEGER NOT NULL CHECK (target_size > 0),
    created_at TIMESTAMP NOT NULL
);

-- Draws -----------------------------------------------------------------------

CREATE SEQUENCE seq_draw;
CREATE TABLE draw (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_draw'),
    council_id BIGINT REFERENCES council (id),
    panel_id BIGINT REFERENCES panel (id),
    purpose VARCHAR NOT NULL,         -- council, panel, replacement, rotation
    method VARCHAR NOT NULL,          -- two_stage, direct
    stage VARCHAR NOT NULL,           -- invitation, registration, selection, done
    algorithm VARCHAR,                -- leximin, maximin, legacy
    k INTEGER,
    parameters_json VARCHAR NOT NULL DEFAULT '{}',
    commitment VARCHAR,               -- SHA-256 published before the ceremony
    seed_inputs_json VARCHAR,         -- public ceremony inputs, in order
    chosen_index INTEGER,
    code_version VARCHAR,
    bundle_json VARCHAR,              -- the verification bundle
    status VARCHAR NOT NULL,          -- open, committed, completed, cancelled
    created_at TIMESTAMP NOT NULL,
    completed_at TIMESTAMP
);

CREATE SEQUENCE seq_invitation;
CREATE TABLE invitation (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_invitation'),
    draw_id BIGINT NOT NULL REFERENCES draw (id),
    resident_id BIGINT NOT NULL REFERENCES resident (id),
    household_id BIGINT NOT NULL REFERENCES household (id),
    stratum VARCHAR NOT NULL,
    inclusion_probability DOUBLE NOT NULL,
    channel VARCHAR NOT NULL DEFAULT 'brief',   -- brief (letter), huisbezoek (home visit)
    sent_on DATE,
    UNIQUE (draw_id, resident_id)
);

-- Answers: registration questions (two-stage) or a home visit's outcome (direct).
CREATE SEQUENCE seq_response;
CREATE TABLE response (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_response'),
    invitation_id BIGINT NOT NULL REFERENCES invitation (id),
    answered_at TIMESTAMP NOT NULL,
    outcome VARCHAR NOT NULL,         -- ja, nee, later, niet thuis
    age_band VARCHAR,
    gender VARCHAR,
    education VARCHAR,
    tenure VARCHAR,
    part_code VARCHAR,
    origin VARCHAR
);

CREATE SEQUENCE seq_quota;
CREATE TABLE quota (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_quota'),
    draw_id BIGINT NOT NULL REFERENCES draw (id),
    feature VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    min_count INTEGER NOT NULL CHECK (min_count >= 0),
    max_count INTEGER NOT NULL,
    CHECK (max_count >= min_count),
    UNIQUE (draw_id, feature, value)
);

CREATE TABLE selection_probability (
    draw_id BIGINT NOT NULL REFERENCES draw (id),
    resident_id BIGINT NOT NULL REFERENCES resident (id),
    probability DOUBLE NOT NULL CHECK (probability >= 0 AND probability <= 1.000001),
    PRIMARY KEY (draw_id, resident_id)
);

CREATE SEQUENCE seq_panel_member;
CREATE TABLE panel_member (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_panel_member'),
    draw_id BIGINT NOT NULL REFERENCES draw (id),
    resident_id BIGINT NOT NULL REFERENCES resident (id),
    status VARCHAR NOT NULL,          -- selected, reserve, confirmed, declined, replaced, left
    reserve_rank INTEGER,
    status_changed_at TIMESTAMP NOT NULL,
    UNIQUE (draw_id, resident_id)
);

CREATE SEQUENCE seq_replacement;
CREATE TABLE replacement (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_replacement'),
    draw_id BIGINT NOT NULL REFERENCES draw (id),
    replaced_member_id BIGINT NOT NULL REFERENCES panel_member (id),
    replacement_member_id BIGINT REFERENCES panel_member (id),
    replacement_draw_id BIGINT REFERENCES draw (id),
    reason VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- Seats: who sits when. Drawn seats point at a resident; appointed seats
-- (e.g. municipal councillors) carry a public role, never register data.
CREATE SEQUENCE seq_seat;
CREATE TABLE seat (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_seat'),
    council_id BIGINT NOT NULL REFERENCES council (id),
    term_id BIGINT NOT NULL REFERENCES term (id),
    kind VARCHAR NOT NULL,            -- drawn, appointed
    resident_id BIGINT REFERENCES resident (id),
    panel_member_id BIGINT REFERENCES panel_member (id),
    appointed_role VARCHAR,
    is_chair BOOLEAN NOT NULL DEFAULT FALSE,
    starts_on DATE NOT NULL,
    ends_on DATE,
    end_reason VARCHAR,
    CHECK ((kind = 'drawn' AND resident_id IS NOT NULL)
        OR (kind = 'appointed' AND appointed_role IS NOT NULL))
);

-- Budget book -----------------------------------------------------------------

CREATE SEQUENCE seq_theme;
CREATE TABLE theme (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_theme'),
    code VARCHAR NOT NULL UNIQUE,
    name VARCHAR NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE SEQUENCE seq_budget_envelope;
CREATE TABLE budget_envelope (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_budget_envelope'),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    year INTEGER NOT NULL,
    source VARCHAR NOT NULL,          -- gemeente, woningcorporatie, fonds, overig, overgeheveld
    amount DECIMAL(18, 2) NOT NULL,
    description VARCHAR NOT NULL,
    year_end_rule VARCHAR NOT NULL DEFAULT 'carry_over',   -- carry_over, return
    carried_from_id BIGINT REFERENCES budget_envelope (id),
    created_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE seq_proposal;
CREATE TABLE proposal (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_proposal'),
    external_ref VARCHAR NOT NULL UNIQUE,
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    council_id BIGINT REFERENCES council (id),
    parent_id BIGINT REFERENCES proposal (id),
    title VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    submitter_type VARCHAR NOT NULL,  -- bewoner, raadslid, gemeente, partner
    requested_amount DECIMAL(18, 2) NOT NULL CHECK (requested_amount >= 0),
    part_id BIGINT REFERENCES neighbourhood_part (id),
    location_lat DOUBLE,
    location_lon DOUBLE,
    status VARCHAR NOT NULL,          -- ingediend, in behandeling, besloten, in uitvoering, afgerond, afgewezen
    iv3_taakveld VARCHAR,
    feasibility VARCHAR,
    cost_estimate DECIMAL(18, 2),
    rejection_reason VARCHAR,
    submitted_on DATE NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE proposal_theme (
    proposal_id BIGINT NOT NULL REFERENCES proposal (id),
    theme_id BIGINT NOT NULL REFERENCES theme (id),
    PRIMARY KEY (proposal_id, theme_id)
);

-- Every status change, with its date: lead times come from here.
CREATE SEQUENCE seq_proposal_status_change;
CREATE TABLE proposal_status_change (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_proposal_status_change'),
    proposal_id BIGINT NOT NULL REFERENCES proposal (id),
    from_status VARCHAR,
    to_status VARCHAR NOT NULL,
    changed_on DATE NOT NULL,
    note VARCHAR
);

CREATE SEQUENCE seq_meeting;
CREATE TABLE meeting (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_meeting'),
    council_id BIGINT NOT NULL REFERENCES council (id),
    held_on DATE NOT NULL,
    location VARCHAR NOT NULL,
    agenda VARCHAR NOT NULL,
    is_public BOOLEAN NOT NULL DEFAULT TRUE,
    status VARCHAR NOT NULL           -- gepland, gehouden
);

CREATE TABLE meeting_attendance (
    meeting_id BIGINT NOT NULL REFERENCES meeting (id),
    seat_id BIGINT NOT NULL REFERENCES seat (id),
    PRIMARY KEY (meeting_id, seat_id)
);

-- Residents' consultations (wijkpanel poll, neighbourhood vote) that inform decisions.
CREATE SEQUENCE seq_consultation;
CREATE TABLE consultation (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_consultation'),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    panel_id BIGINT REFERENCES panel (id),
    kind VARCHAR NOT NULL,            -- peiling (poll), stemming (vote), bijeenkomst (meeting)
    question VARCHAR NOT NULL,
    amount DECIMAL(18, 2),
    opens_on DATE NOT NULL,
    closes_on DATE NOT NULL,
    participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0)
);

CREATE SEQUENCE seq_consultation_option;
CREATE TABLE consultation_option (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_consultation_option'),
    consultation_id BIGINT NOT NULL REFERENCES consultation (id),
    label VARCHAR NOT NULL,
    votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),
    proposal_id BIGINT REFERENCES proposal (id)
);

CREATE SEQUENCE seq_decision;
CREATE TABLE decision (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_decision'),
    council_id BIGINT NOT NULL REFERENCES council (id),
    meeting_id BIGINT REFERENCES meeting (id),
    proposal_id BIGINT REFERENCES proposal (id),
    consultation_id BIGINT REFERENCES consultation (id),
    kind VARCHAR NOT NULL,            -- toekennen, bijstellen, afwijzen, overig
    amount DECIMAL(18, 2),
    votes_for INTEGER NOT NULL CHECK (votes_for >= 0),
    votes_against INTEGER NOT NULL CHECK (votes_against >= 0),
    votes_abstain INTEGER NOT NULL CHECK (votes_abstain >= 0),
    members_present INTEGER NOT NULL CHECK (members_present >= 0),
    quorum_met BOOLEAN NOT NULL,
    rationale VARCHAR NOT NULL,
    consultation_method VARCHAR,      -- wijkpanel, bijeenkomst, stemming, geen
    status VARCHAR NOT NULL,          -- concept, gepubliceerd
    decided_on DATE NOT NULL,
    published_at TIMESTAMP
);

-- Allocations are append-only: a decision that raises or lowers one adds a row.
CREATE SEQUENCE seq_allocation;
CREATE TABLE allocation (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_allocation'),
    decision_id BIGINT NOT NULL REFERENCES decision (id),
    proposal_id BIGINT NOT NULL REFERENCES proposal (id),
    envelope_id BIGINT NOT NULL REFERENCES budget_envelope (id),
    amount DECIMAL(18, 2) NOT NULL,
    booked_on DATE NOT NULL,
    reverses_id BIGINT REFERENCES allocation (id),
    created_at TIMESTAMP NOT NULL
);

-- Spending: append-only; a correction is a reversing entry, never an edit.
CREATE SEQUENCE seq_spending_transaction;
CREATE TABLE spending_transaction (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_spending_transaction'),
    allocation_id BIGINT NOT NULL REFERENCES allocation (id),
    reference VARCHAR NOT NULL UNIQUE,
    booked_on DATE NOT NULL,
    amount DECIMAL(18, 2) NOT NULL,
    description VARCHAR NOT NULL,
    source VARCHAR NOT NULL DEFAULT 'handmatig',   -- handmatig, import
    import_batch VARCHAR,
    reverses_id BIGINT REFERENCES spending_transaction (id),
    created_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE seq_milestone;
CREATE TABLE milestone (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_milestone'),
    proposal_id BIGINT NOT NULL REFERENCES proposal (id),
    title VARCHAR NOT NULL,
    due_on DATE,
    done_on DATE,
    status VARCHAR NOT NULL,          -- gepland, bezig, klaar
    noticeable VARCHAR,               -- what residents can notice
    photo_path VARCHAR,
    progress_pct INTEGER CHECK (progress_pct BETWEEN 0 AND 100)
);

-- Users and audit ---------------------------------------------------------------

CREATE SEQUENCE seq_app_user;
CREATE TABLE app_user (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_app_user'),
    username VARCHAR NOT NULL UNIQUE,
    password_hash VARCHAR NOT NULL,
    role VARCHAR NOT NULL,            -- organiser, alderman, administrator
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE app_user_neighbourhood (
    user_id BIGINT NOT NULL REFERENCES app_user (id),
    neighbourhood_id BIGINT NOT NULL REFERENCES neighbourhood (id),
    PRIMARY KEY (user_id, neighbourhood_id)
);

-- Append-only; each row carries the hash of the previous one (store/audit.py).
CREATE TABLE audit_event (
    seq BIGINT PRIMARY KEY,           -- 1, 2, 3, ... without gaps
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    entity_id VARCHAR,
    payload_json VARCHAR NOT NULL,
    prev_hash VARCHAR NOT NULL,
    hash VARCHAR NOT NULL UNIQUE
);
