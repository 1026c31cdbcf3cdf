"""Checking a draw without a terminal (issue 17): a completed draw's public bundle from the
store (a replacement together with its council draw's) and uploaded files, with the
command line's refusals (deep nesting, endless numbers) in Dutch, a size limit, and the
full bundle left to the auditor's terminal."""

from __future__ import annotations

import json

import pytest

from dashboard.domain.errors import UserError
from dashboard.services import public, verification
from dashboard.services.draws import members as draw_members
from dashboard.services.draws import replacements as draw_replacements
from dashboard.services.draws import selection as draw_selection
from dashboard.store import draws as draw_rows
from dashboard.store import public_draws
from dashboard.store.db import Store
from sortition import clock, public_bundle
from tests.services.test_draws_public import ORGANISER, revealed


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


def demo_council_draw(store: Store) -> int:
    councils = [d for d in public.checkable_draws(store, clock.today()) if d.purpose == "council"]
    assert councils
    return councils[0].draw_id


def public_text(store: Store, draw_id: int) -> bytes:
    text = public.draw_bundle(store, draw_id)
    assert text is not None
    return text.encode("utf-8")


def test_a_demo_council_draw_passes_every_check(store: Store) -> None:
    draw_id = demo_council_draw(store)
    result = public.draw_check(store, draw_id, clock.today())
    assert result is not None and result.passed and not result.needs_parent
    assert {c.code for c in result.checks} >= {"commitment", "lottery", "seed", "panel"}
    assert result.commitment is not None and len(result.inputs) >= 1
    assert public.draw_check(store, 999_999, clock.today()) is None


def test_an_uploaded_bundle_is_checked_and_a_tampered_one_fails(store: Store) -> None:
    data = public_text(store, demo_council_draw(store))
    assert verification.check_upload(data).passed
    bundle = json.loads(data)
    bundle["panel"][0] += 1
    tampered = verification.check_upload(json.dumps(bundle).encode())
    assert not tampered.passed and [c.code for c in tampered.failed] == ["panel"]
    bundle = json.loads(data)
    bundle["ceremony"]["inputs"][0] += "1"
    assert "seed" in [c.code for c in verification.check_upload(json.dumps(bundle).encode()).failed]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"dit is geen json", "geen JSON-bestand"),
        (b"\xff\xfe\x00z", "geen tekstbestand"),
        (b"[1, 2]", "geen controlebestand van een loting"),
        (b'{"a": ' + b"[" * 50 + b"]" * 50 + b"}", "veel te diep"),
        (b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "veel te diep"),
        (b'{"a": ' + b"9" * 5000 + b"}", "getal in dat veel te lang is"),
        (b" " * (verification.MAX_UPLOAD_BYTES + 1), "groter dan 2 MB"),
        (b'{"format": "wijkraad-public-bundle/1"}', "geen leesbaar openbaar controlebestand"),
    ],
)
def test_a_file_that_is_no_bundle_gets_a_dutch_message(data: bytes, message: str) -> None:
    with pytest.raises(UserError, match=message):
        verification.check_upload(data)


def test_the_full_bundle_is_left_to_the_auditors_terminal(store: Store) -> None:
    with store.read() as cur:
        full = draw_rows.bundle(cur, demo_council_draw(store))
    with pytest.raises(UserError, match="niet het openbare controlebestand"):
        verification.check_upload(json.dumps(full).encode())


def test_a_replacement_is_checked_with_its_council_draw(store: Store) -> None:
    council_draw = revealed(store)
    members = draw_members.members_view(store, ORGANISER, council_draw).members
    leaving = [int(m) for m in members.loc[members["status"] == "selected", "member_id"][:2]]
    for member_id in leaving:
        draw_members.decline_member(store, ORGANISER, member_id, "geen tijd")
    replacement = draw_replacements.prepare_replacement(store, ORGANISER, council_draw, leaving)
    draw_selection.reveal_draw(store, ORGANISER, replacement, ["3", "5"])
    checkable = {d.draw_id: d for d in public.checkable_draws(store, clock.today())}
    assert checkable[replacement].purpose == "replacement"
    result = public.draw_check(store, replacement, clock.today())
    assert result is not None and result.passed and not result.needs_parent
    assert [c.passed for c in result.checks if c.code == "parent"] == [True]
    # Uploaded alone it cannot be tied to its council draw; with the council's file it is.
    with store.read() as cur:
        council_full = public_draws.revealed_bundle(cur, council_draw)
    assert council_full is not None
    council_public = json.dumps(public_bundle(json.loads(council_full))).encode()
    alone = verification.check_upload(public_text(store, replacement))
    assert alone.passed and alone.needs_parent
    both = verification.check_upload(public_text(store, replacement), council_public)
    assert both.passed and not both.needs_parent
    stranger = public_text(store, demo_council_draw(store))
    wrong = verification.check_upload(public_text(store, replacement), stranger)
    assert [c.code for c in wrong.failed] == ["parent"]
