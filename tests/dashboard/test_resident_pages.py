"""The residents' decisions and council pages, rendered with AppTest on the demo data:
figures match the store, drafts never show (until published), small groups stay hidden."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from dashboard.components.decisions_view import decisions_csv, projects_csv
from dashboard.domain.auth import Caller, Role
from dashboard.domain.money import euro
from dashboard.services import public
from dashboard.services.budget.decisions import DecisionInput, publish_decision, record_decision
from dashboard.services.budget.envelopes import add_envelope
from dashboard.services.budget.milestones import add_milestone
from dashboard.services.budget.proposals import ProposalInput, submit_proposal
from dashboard.store import audit, budget, council, proposals
from dashboard.store.db import open_store
from dashboard.web.app_state import _store
from sortition import clock, prepare, pseudonym, replacement_draw_inputs, reveal, verify
from tests import app_pages, records
from tests.app_pages import APP
from tests.dashboard.test_public_privacy import everything_shown

DECISIONS = "dashboard/pages/resident_decisions.py"
COUNCIL = "dashboard/pages/resident_council.py"
ORGANISER = Caller("organisator", Role.ORGANISER, None)
SECRET = "Conceptmotivering die nog geheim is: niet tonen aan bewoners."


def open_page(page: str, code: str) -> AppTest:
    at = app_pages.open_page(page, query={"wijk": code})
    assert not at.exception, at.exception
    return at


def text_of(at: AppTest) -> str:
    return everything_shown(at).replace("\\", "")


def hood_id(db: Path, code: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(
            con.execute("SELECT id FROM neighbourhood WHERE code = ?", [code]).fetchall()[0][0]
        )
    finally:
        con.close()


def today() -> date:
    return clock.today()


def test_decisions_show_reason_votes_and_consultation(app_db: Path) -> None:
    con = duckdb.connect(str(app_db), read_only=True)
    (latest,) = con.execute(
        "SELECT max(year(decided_on)) FROM decision d JOIN council_neighbourhood cn "
        "ON cn.council_id = d.council_id JOIN neighbourhood n ON n.id = cn.neighbourhood_id "
        "WHERE n.code = 'WK002' AND d.status = 'gepubliceerd'"
    ).fetchall()[0]
    published = con.execute(
        "SELECT d.rationale, d.votes_for, d.votes_against, d.votes_abstain FROM decision d "
        "JOIN council_neighbourhood cn ON cn.council_id = d.council_id "
        "JOIN neighbourhood n ON n.id = cn.neighbourhood_id WHERE n.code = 'WK002' "
        "AND d.status = 'gepubliceerd' AND year(d.decided_on) = ?",
        [latest],
    ).fetchall()
    con.close()
    at = open_page(DECISIONS, "WK002")
    assert at.selectbox(key="besluiten_jaar").value == latest
    cards = [m.value for m in at.markdown if "**Stemming:**" in m.value]
    assert len(cards) == len(published) > 0
    shown = text_of(at)
    for rationale, voor, tegen, onthouding in published:
        assert rationale.replace(".", "") in shown.replace(".", "")
        assert f"{voor} voor, {tegen} tegen, {onthouding} onthouding" in shown
    assert "**Bewoners:**" in cards[0]


def test_project_money_adds_up_to_the_public_ledger(app_db: Path) -> None:
    nid = hood_id(app_db, "WK003")
    con = duckdb.connect(str(app_db), read_only=True)
    years = budget.budget_years(con)
    totals = [budget.budget_summary(con, nid, y) for y in years]
    con.close()
    at = open_page(DECISIONS, "WK003")
    money = [m.value for m in at.markdown if "**Geld:**" in m.value]
    assert money
    allocated = spent = Decimal(0)
    for line in money:
        part = line.split("**Geld:** ")[1].split("  \n")[0]
        given, used = part.split(" toegekend, ")
        allocated += _amount(given)
        spent += _amount(used.split(" uitgegeven")[0])
    assert allocated == sum(s.allocated for s in totals)
    assert spent == sum(s.spent for s in totals)
    # Every project has its progress as a number in words, not colour alone.
    bars = at.get("progress")
    assert len(bars) == len(money)
    assert all("% klaar" in bar.proto.text for bar in bars)
    # Only a finished project reads as done (defect 3: "100% klaar · Bezig").
    assert all(b.proto.text.endswith("· Klaar") for b in bars if b.proto.text.startswith("100%"))


def _amount(text: str) -> Decimal:
    cleaned = text.replace("\\", "").replace("€", "").strip().replace(".", "").replace(",", ".")
    return Decimal(cleaned)


def test_projects_filter_by_status_and_theme(app_db: Path) -> None:
    at = open_page(DECISIONS, "WK003")
    everything = len([m for m in at.markdown if "**Geld:**" in m.value])
    at.multiselect(key="project_status").set_value(["afgerond"]).run()
    finished = len([m for m in at.markdown if "**Geld:**" in m.value])
    assert 0 < finished < everything
    assert all("Klaar" in bar.proto.text for bar in at.get("progress"))
    theme = at.selectbox(key="project_thema").options[1]
    at.selectbox(key="project_thema").set_value(theme).run()
    themed = [m.value for m in at.markdown if "**Geld:**" in m.value]
    assert len(themed) <= finished
    assert all(theme in line for line in themed)


def test_upcoming_meetings_are_the_public_planned_ones(app_db: Path) -> None:
    nid = hood_id(app_db, "WK001")
    store = open_store(app_db)
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, nid)[0].id
        planned = [
            m
            for m in council.meetings(cur, council_id)
            if m.status == "gepland" and m.is_public and m.held_on >= today()
        ]
    store.close()
    at = open_page(DECISIONS, "WK001")
    agendas = [m.value for m in at.markdown if "**Agenda:**" in m.value]
    assert len(agendas) == len(planned)


def test_a_draft_decision_shows_nowhere_until_it_is_published(app_db: Path) -> None:
    nid = hood_id(app_db, "WK001")
    store = _store(str(app_db))  # the app's own store: the page sees every write at once
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, nid)[0].id
        meeting = next(
            m for m in reversed(council.meetings(cur, council_id)) if m.held_on <= clock.today()
        )
        theme = next(iter(proposals.themes(cur)))
    envelope = add_envelope(store, ORGANISER, nid, today().year, "fonds", "40.000", "Test")
    proposal_id = submit_proposal(
        store,
        ORGANISER,
        ProposalInput(nid, "Geheim conceptproject", "Nog niet openbaar.", "bewoner",
                           "20.000", [theme], council_id=council_id),
    )  # fmt: skip
    before = open_page(DECISIONS, "WK001")
    # 12 present: the meeting's attendance list names 12 members, and a decision counts no more
    votes = "8 voor, 0 tegen, 4 onthouding (12 leden aanwezig)"
    votes_before = text_of(before).count(votes)
    decision_id = record_decision(
        store,
        ORGANISER,
        DecisionInput(council_id, meeting.id, "toekennen", 8, 0, 4, 12, SECRET,
                           proposal_id=proposal_id, amount="12.345,67", envelope_id=envelope,
                           consultation_method="wijkpanel"),
    )  # fmt: skip
    draft = open_page(DECISIONS, "WK001")
    shown = text_of(draft)
    assert SECRET.rstrip(".") not in shown
    # the proposal still waits for a decision as far as residents know: not a project yet
    waiting = {w.proposal.id: w.proposal.status for w in public.open_proposals(store, nid, today())}
    assert waiting[proposal_id] == "in behandeling"
    assert all("Geheim conceptproject" not in m.value for m in draft.markdown
               if "**Geld:**" in m.value or "**Waarom:**" in m.value)  # fmt: skip
    assert euro(Decimal("12345.67")) not in shown
    assert shown.count(votes) == votes_before
    exported = (
        decisions_csv(public.decisions(store, nid, meeting.held_on.year))
        + projects_csv(public.projects(store, nid, clock.today()))
    ).decode("utf-8-sig")
    assert SECRET not in exported and "Geheim conceptproject" not in exported
    assert "12345,67" not in exported
    overview = AppTest.from_file(APP, default_timeout=30)
    overview.query_params["wijk"] = "WK001"
    overview.run()
    assert euro(Decimal("12345.67")) not in text_of(overview)

    publish_decision(store, ORGANISER, decision_id)
    assert proposal_id not in {w.proposal.id for w in public.open_proposals(store, nid, today())}
    published = open_page(DECISIONS, "WK001")
    shown = text_of(published)
    assert SECRET.rstrip(".") in shown
    assert "Geheim conceptproject" in shown
    assert euro(Decimal("12345.67")) in shown
    assert shown.count(votes) == votes_before + 1
    exported = decisions_csv(public.decisions(store, nid, meeting.held_on.year)).decode()
    assert SECRET in exported and "12345,67" in exported


def test_the_council_page_shows_groups_never_small_ones_or_names(app_db: Path) -> None:
    at = open_page(COUNCIL, "WK001")
    tables = [m.value for m in at.markdown if m.value.startswith("| Groep |")]
    assert len(tables) == 5  # age, gender, education, tenure, part of the neighbourhood
    for table in tables:
        cells = [line.split("|")[2].strip().replace("\\", "") for line in table.splitlines()[2:]]
        for council_cell in cells:
            if council_cell != "–":
                count = int(council_cell.split(" ")[0])
                assert count == 0 or count >= 5, table
        # One hidden count next to shown ones would follow from the total: never.
        assert cells.count("–") != 1 or len(cells) == 1, table
    shown = text_of(at)
    assert "benoemde leden" in shown
    assert "Hoe is de raad geloot?" in shown
    assert "Uitgenodigd" in shown
    assert "Zelf nakijken" in shown


def test_the_council_page_offers_the_draw_bundle_and_it_verifies(app_db: Path) -> None:
    nid = hood_id(app_db, "WK001")
    at = open_page(COUNCIL, "WK001")
    shown = text_of(at)
    store = _store(str(app_db))  # the app's own store, as the page used it
    view = public.council_view(store, nid, clock.today())
    assert view is not None and view.draw is not None and view.draw.has_bundle
    bundle_text = public.draw_bundle(store, view.draw.draw_id)
    assert bundle_text is not None
    assert view.draw.commitment is not None
    assert view.draw.commitment in shown
    assert "Controlebestand downloaden" in shown
    bundle = json.loads(bundle_text)
    assert verify(bundle) == []
    assert bundle["commitment"] == view.draw.commitment
    with store.read() as cur:
        rows = cur.execute(
            "SELECT first_name || ' ' || last_name, street || ' ' || house_number, postcode, "
            "first_name, last_name FROM resident_contact"
        ).fetchall()
    personal = {value for row in rows for value in row if len(value) > 3}
    assert not [value for value in personal if value in bundle_text]
    # The page serves the public bundle: groups and counts, no volunteer's number (issue 15,
    # finding 6). The full bundle, kept by the organisers, names volunteers by their number
    # in this draw (a keyed hash with the draw's private secret, `sortition.pseudonym`), not
    # the register's: full bundles of two draws cannot be linked; households renamed.
    assert "pool" not in bundle and "reserve" not in bundle
    assert bundle["panel"] == [bundle["k"]] or len(bundle["panel"]) == len(bundle["types"])
    with store.read() as cur:
        secret, full_text = cur.execute(
            "SELECT json_extract_string(parameters_json, '$.id_secret'), bundle_json "
            "FROM draw WHERE id = ?",
            [view.draw.draw_id],
        ).fetchall()[0]
        members = cur.execute(
            "SELECT CAST(resident_id AS VARCHAR) FROM panel_member WHERE draw_id = ? "
            "AND reserve_rank IS NULL",
            [view.draw.draw_id],
        ).fetchall()
    full = json.loads(full_text)
    assert full["commitment"] == bundle["commitment"] and verify(full) == []
    assert secret and sorted(full["panel"]) == sorted(pseudonym(secret, m[0]) for m in members)
    assert all(row[0].startswith("P") and len(row[0]) == 13 for row in full["pool"]["rows"])
    assert not [row[0] for row in full["pool"]["rows"] if row[0] in bundle_text]
    assert all(row[1].startswith("h") for row in full["pool"]["rows"])


def test_the_council_counts_match_the_seats(app_db: Path) -> None:
    nid = hood_id(app_db, "WK002")
    store = open_store(app_db)
    with store.read() as cur:
        council_id = council.councils_for_neighbourhood(cur, nid)[0].id
        seats = records.seats_on(cur, council_id, today())
    store.close()
    at = open_page(COUNCIL, "WK002")
    sentence = next(m.value for m in at.markdown if "benoemde leden" in m.value)
    drawn, appointed = (int(part.split("**")[1]) for part in sentence.split(" en ")[:2])
    assert drawn + appointed == seats


def test_a_click_on_the_map_gives_the_neighbourhood_code() -> None:
    from dashboard.components.charts import chosen_code

    assert chosen_code({"selection": {"points": [{"customdata": "WK007"}]}}) == "WK007"
    assert chosen_code({"selection": {"points": [{"customdata": ["WK002"]}]}}) == "WK002"
    assert chosen_code({"selection": {"points": []}}) is None
    assert chosen_code(None) is None


def test_a_milestone_photo_shows_with_its_project(app_db: Path) -> None:
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (8, 6), (40, 120, 60)).save(picture, format="PNG")
    nid = hood_id(app_db, "WK001")
    store = _store(str(app_db))
    shown = public.projects(store, nid, clock.today())
    project = next(v.project for v in shown if v.project.status != "afgerond")
    add_milestone(
        store, ORGANISER, project.id, "Bankjes geplaatst", None, "U kunt er nu zitten.",
        status="klaar", photo=picture.getvalue(),
    )  # fmt: skip
    at = open_page(DECISIONS, "WK001")
    images = at.get("image")
    assert len(images) == 1
    assert "Bankjes geplaatst" in text_of(at)
    assert "U kunt er nu zitten" in text_of(at)


def test_the_council_page_lists_a_replacement_draw_with_its_bundle(app_db: Path) -> None:
    nid = hood_id(app_db, "WK001")
    store = _store(str(app_db))
    today = clock.today()
    view = public.council_view(store, nid, today)
    assert view is not None and view.draw is not None
    council_bundle = json.loads(public.draw_bundle(store, view.draw.draw_id) or "{}")
    with store.read() as cur:  # the organisers' full bundle, to prepare the replacement
        full_text = cur.execute(
            "SELECT bundle_json FROM draw WHERE id = ?", [view.draw.draw_id]
        ).fetchall()[0][0]
    full = json.loads(full_text)
    inputs, parent = replacement_draw_inputs(full, [full["panel"][0]])
    drawn = reveal(
        prepare(inputs.people, inputs.quotas, inputs.seats, household_column="household",
                m=50, rounding_seconds=0, purpose="replacement", parent=parent),
        ["5", "3"],
    )  # fmt: skip
    with store.transaction() as cur:
        cur.execute(
            """INSERT INTO draw (council_id, parent_draw_id, purpose, method, stage, algorithm,
                   k, commitment, seed_inputs_json, chosen_index, code_version, bundle_json,
                   status, created_at, completed_at)
            VALUES (?, ?, 'replacement', 'two_stage', 'done', 'leximin', 1, ?, ?, ?, ?, ?,
                    'completed', ?, ?)""",
            [view.council_id, view.draw.draw_id, drawn["commitment"],
             json.dumps(drawn["ceremony"]["inputs"]), drawn["ceremony"]["chosen_index"],
             drawn["code_version"], json.dumps(drawn), clock.utc_naive_now(),
             clock.utc_naive_now()],
        )  # fmt: skip
        audit.append(cur, "test", "draw.replacement", "draw", view.draw.draw_id)
    shown = text_of(open_page(COUNCIL, "WK001"))
    assert "Latere lotingen" in shown
    assert drawn["commitment"] in shown
    assert f"--parent loting-{view.draw.draw_id}.json" in shown
    later = public.council_view(store, nid, today)
    assert later is not None and [d.purpose for d in later.follow_ups] == ["replacement"]
    downloaded = json.loads(public.draw_bundle(store, later.follow_ups[0].draw_id) or "{}")
    assert verify(downloaded, council_bundle) == []  # both public, as the page offers them
    assert len(downloaded["types"]) == 1 and downloaded["quotas"] == []
    assert verify(drawn, full) == []  # and the auditor's check of the full ones


def test_the_draw_table_counts_who_sits_now_next_to_who_was_chosen(app_db: Path) -> None:
    """The text says how many the draw chose; the table how many of them (or their
    replacements) sit now, under a name that says so."""
    at = open_page(COUNCIL, "WK002")
    shown = text_of(at)
    assert "Zitten nu in de raad" in shown and "Gekozen voor de raad" not in shown
