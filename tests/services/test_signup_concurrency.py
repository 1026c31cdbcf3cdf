"""Many residents signing up at the same moment (dashboard/services/signup.py): every
sign-up is recorded once and none ends in an error; a sign-up that still conflicts is
refused with one clear message and changes nothing; and a sign-up and the organisers'
preparation of the selection at the same moment cannot both count (both take the draw's
turn, store/draws.py: the one that comes second is retried and sees the other)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from dashboard.domain.errors import UserError
from dashboard.services import signup
from dashboard.services.draws import answers as draw_answers
from dashboard.services.draws import quotas as draw_quotas
from dashboard.services.draws import selection
from dashboard.services.draws.context import Answers
from dashboard.store import audit, draws, signups
from dashboard.store.db import Store
from dashboard.store.errors import WriteConflict
from tests.database_state import count, fingerprint
from tests.services.test_online_signup import CLIENT, FORM, ORGANISER, codes, letters, responses
from tests.threads import race


@pytest.fixture
def store(demo_store: Store) -> Store:
    """The demo municipality on both backends, DuckDB and PostgreSQL (tests/backends.py)."""
    return demo_store


AT_ONCE = 24  # letters signed up for at the same moment


def test_many_residents_signing_up_at_once_are_all_recorded_once(store: Store) -> None:
    draw_id = letters(store)
    letter_codes = codes(store, draw_id)[:AT_ONCE]
    outcomes = race(
        *[lambda c=c: signup.sign_up(store, draw_id, c, FORM, None) for c in letter_codes],
        *[lambda c=c: signup.sign_up(store, draw_id, c.lower(), FORM, None)  # second tabs
          for c in letter_codes[:4]],
    )  # fmt: skip
    assert all(isinstance(o, signup.Confirmation) for o in outcomes), outcomes
    changes = [o.change for o in outcomes if isinstance(o, signup.Confirmation)]
    assert sorted(changes) == ["new"] * AT_ONCE + ["same"] * 4
    assert all(len(responses(store, c)) == 1 for c in letter_codes)
    online = "SELECT count(*) FROM signup_contact"
    assert count(store, online) == AT_ONCE
    with store.read() as cur:
        chain = audit.events(cur)
    assert not audit.verify_chain(chain)
    assert sum(e.action == "draw.signup" for e in chain) == AT_ONCE


def test_a_sign_up_that_still_conflicts_is_refused_with_one_message_and_changes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id = letters(store)
    signed, fresh = codes(store, draw_id)[:2]
    signup.sign_up(store, draw_id, signed, FORM, CLIENT)
    before = fingerprint(store)

    def busy(work: Callable[..., Any], attempts: int = 15) -> Any:
        raise WriteConflict("Conflict on update!")

    changed = signup.Form(1, {}, "", "nieuw@voorbeeld.nl", True)
    with monkeypatch.context() as patched:
        patched.setattr(store, "write", busy)
        patched.setenv("WIJKRAAD_LOCKOUT_FAILURES", "1")  # one wrong code would lock
        for attempt in (
            lambda: signup.sign_up(store, draw_id, fresh, FORM, CLIENT),
            lambda: signup.sign_up(store, draw_id, signed, changed, CLIENT),
            lambda: signup.withdraw(store, draw_id, signed, CLIENT),
        ):
            with pytest.raises(UserError) as refused:
                attempt()
            assert str(refused.value) == signup.BUSY
    assert "niets veranderd" in signup.BUSY and "probeer het" in signup.BUSY
    assert fingerprint(store) == before
    # Busy is no wrong code: the client is not locked out for it.
    assert signup.find_signup(store, fresh, CLIENT).current is None


def _prepared_draw(store: Store) -> tuple[int, list[str]]:
    """A draw with enough registrations and its quotas, ready to be prepared."""
    draw_id = letters(store)
    all_codes = codes(store, draw_id)
    draw_answers.record_registrations(
        store, ORGANISER, draw_id,
        [draw_answers.Registration(c, "ja", Answers(gender=("vrouw", "man")[n % 2]))
         for n, c in enumerate(all_codes[1:30])],
    )  # fmt: skip
    proposed = draw_quotas.proposed_quotas(store, ORGANISER, draw_id, ["gender"])
    draw_quotas.save_quotas(store, ORGANISER, draw_id, proposed)
    return draw_id, all_codes


def _paused(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> threading.Event:
    """Make `module.name` wait, the first time it is called, until the event returned is
    set; `reached` (an attribute of the event) is set when it starts waiting."""
    original = getattr(module, name)
    go = threading.Event()
    reached = threading.Event()

    def waiting(*args: Any, **kwargs: Any) -> Any:
        if not reached.is_set():
            reached.set()
            go.wait(60)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, waiting)
    go.reached = reached  # type: ignore[attr-defined]
    return go


def test_a_preparation_that_commits_during_a_sign_up_refuses_the_sign_up(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id, all_codes = _prepared_draw(store)
    late = all_codes[50]
    # Inside the sign-up's transaction: the draw was read as open, nothing written yet.
    go = _paused(monkeypatch, signups, "contact")
    outcome: list[object] = []

    def resident() -> None:
        try:
            outcome.append(signup.sign_up(store, draw_id, late, FORM, None))
        except UserError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=resident)
    thread.start()
    assert go.reached.wait(60)  # type: ignore[attr-defined]
    prepared = selection.prepare_selection(store, ORGANISER, draw_id)
    go.set()
    thread.join(60)
    assert [str(o) for o in outcome] == [signup.BAD_CODE]  # registration is over
    assert responses(store, late) == [] and count(store, "SELECT count(*) FROM signup_contact") == 0
    assert prepared.volunteers == 29


def test_a_sign_up_that_commits_during_the_preparation_makes_it_start_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    draw_id, all_codes = _prepared_draw(store)
    late = all_codes[50]
    go = _paused(monkeypatch, draws, "save_prepared")  # inside the preparation's transaction
    outcome: list[object] = []

    def organiser() -> None:
        try:
            outcome.append(selection.prepare_selection(store, ORGANISER, draw_id))
        except UserError as exc:
            outcome.append(exc)

    thread = threading.Thread(target=organiser)
    thread.start()
    assert go.reached.wait(120)  # type: ignore[attr-defined]
    done = signup.sign_up(store, draw_id, late, FORM, None)
    go.set()
    thread.join(60)
    assert done.change == "new" and len(responses(store, late)) == 1
    (refused,) = outcome
    assert isinstance(refused, UserError) and "veranderd" in str(refused)
    with store.read() as cur:
        assert draws.draw(cur, draw_id).commitment is None  # type: ignore[union-attr]
