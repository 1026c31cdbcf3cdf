-- Audit events are first written here, in the transaction of the change they record, and
-- chained into audit_event (numbered, hashed) right after it commits (store/audit.py:
-- seal). Writers then no longer collide on the chain's next number, so one writer's
-- change never waits for another's; the chain's order is the order of the commits.
CREATE SEQUENCE seq_audit_pending;
CREATE TABLE audit_pending (
    id BIGINT PRIMARY KEY DEFAULT nextval('seq_audit_pending'),
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    entity VARCHAR NOT NULL,
    entity_id VARCHAR,
    payload_json VARCHAR NOT NULL
);

-- What changes a draw's volunteers (an answer recorded, online or by an organiser) and
-- the preparation of its selection (or undoing it) each write the draw's row here, so two
-- of them at once conflict and the later is retried: no answer slips in beside a
-- fingerprint taken without it. (The audit chain's next number did this before.)
CREATE TABLE draw_turn (
    draw_id BIGINT PRIMARY KEY REFERENCES draw (id),
    version BIGINT NOT NULL
);
