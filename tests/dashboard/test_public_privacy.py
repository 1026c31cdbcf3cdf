"""No public page shows a name or an address from the register: every public page is
rendered (the overview for every neighbourhood) and searched for every resident's name,
street address and postcode, and for the name, e-mail address and phone number of
everyone who proposed an idea online; so are every public export, every draw bundle and
the log lines written meanwhile."""

import logging
from pathlib import Path

import duckdb
from google.protobuf import text_format
from streamlit.testing.v1 import AppTest

from dashboard.components.decisions_view import (
    decisions_csv,
    open_proposals_csv,
    projects_csv,
)
from dashboard.services import overview, public
from dashboard.web.app_state import _store
from tests import app_pages
from tests.app_pages import APP
from tests.conftest import DEMO_TODAY

PAGES = Path(__file__).resolve().parents[2] / "dashboard" / "pages"


def public_pages() -> list[str]:
    """Every page file the anonymous public can open (found by trying them all)."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    found = []
    for path in sorted(PAGES.glob("*.py")):
        try:
            at.switch_page(str(path))
        except ValueError:
            continue
        found.append(str(path))
    assert len(found) >= 4, found
    return found


def everything_shown(at: AppTest) -> str:
    """All text of the rendered page: every element's protobuf, children included."""
    parts: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(text_format.MessageToString(proto, as_utf8=True))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return "\n".join(parts)


def register(database: Path) -> tuple[list[str], set[str]]:
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.execute(
            "SELECT first_name || ' ' || last_name, street || ' ' || house_number, postcode "
            "FROM resident_contact"
        ).fetchall()
        codes = [
            r[0] for r in con.execute("SELECT code FROM neighbourhood ORDER BY code").fetchall()
        ]
        proposers = con.execute("SELECT name, email, phone FROM idea_contact").fetchall()
    finally:
        con.close()
    return codes, {value for row in [*rows, *proposers] for value in row if value}


def test_no_public_page_shows_a_name_or_address(app_db: Path) -> None:
    codes, personal = register(app_db)
    assert len(personal) > 4000
    shown = []
    for code in codes:
        at = AppTest.from_file(APP, default_timeout=30)
        at.query_params["wijk"] = code
        at.run()
        assert not at.exception
        shown.append(everything_shown(at))
    for page in public_pages():
        at = app_pages.open_page(page)
        assert not at.exception
        shown.append(everything_shown(at))
    text = "\n".join(shown)
    assert "Het geld van uw wijk" in text  # the search sees the rendered pages
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data on a public page: {leaked[:5]}"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_no_public_export_bundle_or_log_line_holds_a_name_or_address(app_db: Path) -> None:
    _, personal = register(app_db)
    logs = _Collect()
    loggers = [logging.getLogger(), logging.getLogger("streamlit"), logging.getLogger("dashboard")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(logs)
        logger.setLevel(logging.DEBUG)
    texts: list[str] = []
    try:
        for page in public_pages():  # every public page, with its log lines
            at = app_pages.open_page(page)
            assert not at.exception
        store = _store(str(app_db))
        for hood in overview.neighbourhoods(store):
            for year in public.decision_years(store, hood.id):
                texts.append(decisions_csv(public.decisions(store, hood.id, year)).decode())
            texts.append(projects_csv(public.projects(store, hood.id, DEMO_TODAY)).decode())
            waiting = public.open_proposals(store, hood.id, DEMO_TODAY)
            texts.append(open_proposals_csv(waiting).decode())
            view = public.council_view(store, hood.id, DEMO_TODAY)
            draw_ids: list[int] = []
            if view is not None and view.draw is not None:
                draw_ids = [view.draw.draw_id, *(f.draw_id for f in view.follow_ups)]
            texts += [public.draw_bundle(store, d) or "" for d in draw_ids]
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(logs)
            logger.setLevel(level)
    assert sum('"commitment"' in text for text in texts) >= 3  # the bundles were searched
    assert logs.lines  # and so were the log lines
    text = "\n".join([*texts, *logs.lines])
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data in an export, a bundle or the log: {leaked[:5]}"


IDEAS = ("dashboard/pages/resident_ideas.py", "dashboard/pages/resident_idea.py")
PROPOSER = ("Noor Zijlstra-Öztürk", "noor.z@example.nl", "+31 6 9876 5432")


def test_no_ideas_page_shows_who_proposed_an_idea(app_db: Path) -> None:
    """Ideas in every status, proposed by someone with a contact, on the residents' ideas
    pages of every neighbourhood: no name, e-mail address or phone number of any proposer."""
    from dashboard.components.text import WORD_JOINER
    from dashboard.domain.auth import Caller, Role
    from dashboard.services.budget import ideas
    from dashboard.services.budget.proposals import theme_names

    codes, personal = register(app_db)  # before the app opens the file
    store = _store(str(app_db))
    organiser = Caller("organisator", Role.ORGANISER, None)
    theme = next(iter(theme_names(store)))

    def proposed(title: str) -> int:
        ref = ideas.submit_idea(
            store, ideas.IdeaInput(1, title, "Een plan voor de hele buurt.", "500", theme,
                                   *PROPOSER),
        )  # fmt: skip
        return next(i.idea.id for i in ideas.neighbourhood_ideas(store, organiser, 1)
                    if i.idea.reference == ref)  # fmt: skip

    published, merged, rejected, proposal = (proposed(f"Idee {n}") for n in range(4))
    for idea in (published, proposal):
        ideas.publish_idea(store, organiser, idea)
    ideas.merge_idea(store, organiser, merged, published)
    ideas.reject_idea(store, organiser, rejected, "Dit doet de gemeente zelf al.")
    ideas.idea_to_proposal(store, organiser, proposal)
    personal |= set(PROPOSER)
    shown = []
    for code in codes:
        for page in IDEAS:
            at = app_pages.open_page(page, query={"wijk": code})
            assert not at.exception
            shown.append(everything_shown(at))
    # As a reader sees it: typed text reaches the page escaped (components/text.py).
    text = "\n".join(shown).replace("\\", "").replace(WORD_JOINER, "")
    assert "Idee 0" in text and "Dit doet de gemeente zelf al." in text  # the ideas are there
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data on an ideas page: {leaked[:5]}"


SIGNUP = "dashboard/pages/resident_signup.py"
OTHERS_LEFT = (("06 9999 0001", ""), ("", "buurman@example.nl"), ("0655550002", "b.v@example.nl"))
JUST_TYPED = ("06 4321 8765", "ik.zelf@example.nl")


def test_the_signup_page_shows_no_one_but_what_was_just_typed(app_db: Path) -> None:
    """A running draw whose letters others signed up for online; the sign-up page, walked
    with one household's code from the code to the confirmation and the change form,
    shows no name or address from the register and no phone number or e-mail address but
    the ones just typed (household members by initial and birth year only)."""
    from dashboard.components.text import WORD_JOINER
    from dashboard.services import signup
    from tests.services.test_online_signup import codes, household_letter, letters

    _, personal = register(app_db)  # before the app opens the file
    store = _store(str(app_db))
    draw_id = letters(store)
    code = household_letter(store, draw_id)
    others = [c for c in codes(store, draw_id) if c != code][: len(OTHERS_LEFT)]
    for other, (phone, email) in zip(others, OTHERS_LEFT, strict=True):
        signup.sign_up(store, draw_id, other, signup.Form(1, {}, phone, email, True), None)
    personal |= {value for pair in OTHERS_LEFT for value in pair if value}

    def click(at: AppTest, label: str) -> AppTest:
        next(b for b in at.button if b.label == label).click()
        at.run()
        assert not at.exception, at.exception
        return at

    at = app_pages.open_page(SIGNUP, query={"code": code})
    shown = [everything_shown(at)]
    at = click(at, "Verder")
    shown.append(everything_shown(at))
    next(f for f in at.text_input if f.label == "Telefoonnummer").input(JUST_TYPED[0])
    next(f for f in at.text_input if f.label == "E-mailadres").input(JUST_TYPED[1])
    at.checkbox[0].check()
    at = click(at, "Aanmelden")
    shown.append(everything_shown(at))
    at = click(at, "Aanmelding wijzigen")
    shown.append(everything_shown(at))
    # As a reader sees it: typed text reaches the page escaped (components/text.py).
    text = "\n".join(shown).replace("\\", "").replace(WORD_JOINER, "")
    assert "Bevestigingsnummer" in text and "Wie meldt zich aan?" in text  # the pages are there
    assert all(value in text for value in JUST_TYPED)
    leaked = sorted(value for value in personal if value in text)
    assert not leaked, f"personal data on the sign-up page: {leaked[:5]}"
