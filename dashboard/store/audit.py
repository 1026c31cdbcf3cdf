"""The audit log: append-only events, each chained to the previous one by SHA-256."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from dashboard.domain.models import AuditEvent
from dashboard.store.rows import Cursor, first_row, select
from sortition import clock

GENESIS = "0" * 64


def event_hash(
    seq: int,
    occurred_at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | None,
    payload_json: str,
    prev_hash: str,
) -> str:
    canonical = json.dumps(
        [seq, occurred_at.isoformat(), actor, action, entity, entity_id, payload_json, prev_hash],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def append(
    cur: Cursor,
    actor: str,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    payload: dict[str, Any] | None = None,
    occurred_at: datetime | None = None,
) -> None:
    """Append one event in the caller's transaction. Never put personal data in `payload`.

    The event waits in `audit_pending` and is chained (numbered and hashed) by `seal` once
    the transaction has committed: taking the chain's next number here would make every
    two writers at once collide on it."""
    when = occurred_at.replace(tzinfo=None) if occurred_at else clock.utc_naive_now()
    ident = None if entity_id is None else str(entity_id)
    payload_json = json.dumps(payload or {}, ensure_ascii=False, sort_keys=True, default=str)
    cur.execute(
        "INSERT INTO audit_pending (occurred_at, actor, action, entity, entity_id, "
        "payload_json) VALUES (?, ?, ?, ?, ?, ?)",
        [when, actor, action, entity, ident, payload_json],
    )


def seal(cur: Cursor) -> int:
    """Chain every committed pending event after the chain's last one, in the order they
    were written; return how many. Two sealers at once collide on the next number and the
    later one, retried, finds them sealed."""
    pending = cur.execute(
        "SELECT id, occurred_at, actor, action, entity, entity_id, payload_json "
        "FROM audit_pending ORDER BY id"
    ).fetchall()
    if not pending:
        return 0
    last = first_row(cur, "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
    seq, prev_hash = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    chained = []
    for _, when, actor, action, entity, ident, payload_json in pending:
        seq += 1
        digest = event_hash(seq, when, actor, action, entity, ident, payload_json, prev_hash)
        chained.append([seq, when, actor, action, entity, ident, payload_json, prev_hash, digest])
        prev_hash = digest
    cur.executemany("INSERT INTO audit_event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", chained)
    cur.execute("DELETE FROM audit_pending WHERE id = ANY(?)", [[int(p[0]) for p in pending]])
    return len(pending)


def waiting(cur: Cursor) -> bool:
    """Some committed event waits to be chained."""
    return first_row(cur, "SELECT 1 FROM audit_pending LIMIT 1") is not None


def event_count(cur: Cursor) -> int:
    """Every committed event, chained or still waiting to be: grows with every audited
    change and with nothing else, so it serves as the data's version."""
    row = first_row(
        cur,
        "SELECT (SELECT coalesce(max(seq), 0) FROM audit_event) "
        "+ (SELECT count(*) FROM audit_pending)",
    )
    return int(row[0]) if row else 0


def events(cur: Cursor) -> list[AuditEvent]:
    return select(cur, AuditEvent, "audit_event", order_by="seq")


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    problem: str


def verify_chain(chain: list[AuditEvent]) -> list[ChainProblem]:
    """Every place where the chain was modified, had events removed, inserted or reordered.

    Removing events from the end is only detectable against a published head hash.
    """
    problems = []
    prev_hash = GENESIS
    for expected_seq, event in enumerate(chain, start=1):
        if event.seq != expected_seq:
            problems.append(ChainProblem(event.seq, f"expected event number {expected_seq}"))
        if event.prev_hash != prev_hash:
            problems.append(ChainProblem(event.seq, "does not follow the previous event"))
        recomputed = event_hash(
            event.seq,
            event.occurred_at,
            event.actor,
            event.action,
            event.entity,
            event.entity_id,
            event.payload_json,
            event.prev_hash,
        )
        if recomputed != event.hash:
            problems.append(ChainProblem(event.seq, "content changed after it was written"))
        prev_hash = event.hash
    return problems
