-- The public announcement of a draw's ceremony (issue 17): when and where it is held, how
-- the inputs will be chosen, and the fingerprint (commitment) of the list of possible
-- councils, published in step 7 after the fingerprint and before the inputs. A change is
-- a new row with the next version: the earlier versions stay as the history anyone can
-- read. Nothing changes once the ceremony is done or its announced moment has passed
-- (dashboard/domain/announcements.py). No keys to other tables (see 0006/0007).
CREATE SEQUENCE seq_ceremony_announcement;
CREATE TABLE ceremony_announcement (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_ceremony_announcement'),
    draw_id BIGINT NOT NULL,
    version INTEGER NOT NULL,
    held_at TIMESTAMP NOT NULL,       -- the ceremony's start, UTC
    location VARCHAR NOT NULL,        -- a public place, never a home address
    input_method VARCHAR NOT NULL,    -- how the inputs will be chosen, in plain words
    commitment VARCHAR NOT NULL,      -- the draw's fingerprint when this was published
    published_at TIMESTAMP NOT NULL,  -- UTC
    UNIQUE (draw_id, version)
);
