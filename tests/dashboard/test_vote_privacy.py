"""The vote's public pages and files hold no name, address or voting code: the voting page
and the result page of every neighbourhood are rendered, the ballots, result and pabulib
files of every closed vote are made, and all of it, with the log lines written meanwhile
and the audit log, is searched for every resident's name, street address and postcode and
for every code that was handed out (the running vote's, and a closed vote's, noted before
its list was destroyed)."""

from __future__ import annotations

import logging
from pathlib import Path

from dashboard.components.exports import rows_csv
from dashboard.services.vote import casting, closing, results
from dashboard.store import audit
from dashboard.store.db import Store
from tests import app_pages
from tests.dashboard.test_public_privacy import _Collect, everything_shown, register
from tests.dashboard.test_vote_pages import with_store
from tests.services.test_vote import AFTER, ORGANISER, open_vote


def _votes(store: Store) -> tuple[list[str], list[int]]:
    """A closed vote of the first neighbourhood with online and paper ballots; every code
    handed out (the running demo vote's too) and the closed votes."""
    vote_id, codes = open_vote(store)
    for code in codes[:8]:
        casting.cast(store, vote_id, code, [1], None)
    casting.enter_paper_ballot(store, ORGANISER, vote_id, codes[8], [2])
    closing.close_vote(store, ORGANISER, vote_id, today=AFTER)
    with store.read() as cur:
        running = [str(r[0]) for r in cur.execute("SELECT code FROM vote_code").fetchall()]
        closed = [int(r[0]) for r in cur.execute(
            "SELECT id FROM vote WHERE status = 'gesloten'").fetchall()]  # fmt: skip
    issued = [*codes, *[f"{c[:4]}-{c[4:]}" for c in running]]
    return [*issued, *[c.replace("-", "") for c in issued]], closed


def test_no_vote_page_file_or_log_line_holds_a_name_an_address_or_a_code(app_db: Path) -> None:
    codes, closed = with_store(app_db, _votes)
    assert len(closed) == 2 and len(codes) > 400
    neighbourhoods, personal = register(app_db)
    logs = _Collect()
    loggers = [logging.getLogger(), logging.getLogger("streamlit"), logging.getLogger("dashboard")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(logs)
        logger.setLevel(logging.DEBUG)
    texts: list[str] = []
    try:
        texts.append(everything_shown(app_pages.open_page("dashboard/pages/resident_vote.py")))
        for code in neighbourhoods:
            at = app_pages.open_page(
                "dashboard/pages/resident_vote_results.py", query={"wijk": code}
            )
            assert not at.exception, at.exception
            texts.append(everything_shown(at))

        def files(store: Store) -> list[str]:
            made = []
            for vote_id in closed:
                made.append(rows_csv(*results.ballots_rows(store, vote_id)).decode("utf-8-sig"))
                made.append(rows_csv(*results.result_rows(store, vote_id)).decode("utf-8-sig"))
                made.append(results.pabulib_file(store, vote_id))
            with store.read() as cur:
                made += [e.payload_json for e in audit.events(cur)]
            return made

        texts += with_store(app_db, files)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(logs)
            logger.setLevel(level)
    text = "\n".join([*texts, *logs.lines])
    assert "Gelijke delen (Method of Equal Shares)" in text  # the results were searched
    assert text.count("PROJECTS") == 2  # and both pabulib files
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data on a vote page, in a file or the log: {leaked[:5]}"
    shown_codes = sorted(c for c in codes if c in text)
    assert not shown_codes, (
        f"voting codes on a public page, in a file or the log: {shown_codes[:5]}"
    )
