"""The page *Buurtstemming*: choose the neighbourhood and the vote (or start a new one), then
work on it by where it is: the set-up and the codes (concept), the letters, paper ballots
and closing (open), the result and the winners as proposals (closed)."""

from __future__ import annotations

from datetime import timedelta

import streamlit as st

from dashboard import services
from dashboard.components.exports import csv_bytes
from dashboard.components.forms import attempt, first_submission, form_key, show_error
from dashboard.components.text import plain
from dashboard.components.vote import setup_form
from dashboard.components.vote_results_view import turnout_table
from dashboard.domain.auth import Caller
from dashboard.domain.errors import UserError
from dashboard.domain.money import euro
from dashboard.domain.small_groups import MIN_GROUP
from dashboard.domain.votes import KIND_NAMES, RULE_NAMES, Phase, reissue_refusal
from dashboard.services import Store
from dashboard.services.vote import casting, closing, setup
from dashboard.services.vote.setup import VoteSummary
from sortition import clock

NEW = 0
_LETTERS = "_stembrieven"
_NEW_LETTER = "_stembrief_nieuwe_code"  # (vote id, the one letter with a new code)
RESULTS_PAGE = "dashboard/pages/resident_vote_results.py"
PHASE_WORDS = {
    Phase.CONCEPT: "concept: nog geen stemcodes",
    Phase.SOON: "stemcodes gemaakt, nog niet open",
    Phase.RUNNING: "bewoners stemmen nu",
    Phase.COUNTING: "stemmen voorbij, nog niet gesloten",
    Phase.CLOSED: "gesloten en geteld",
}


def render(db: Store, caller: Caller) -> None:
    hoods = [h for h in services.neighbourhoods(db) if caller.covers(h.id)]
    if not hoods:
        st.info("U bent nog voor geen enkele wijk organisator. Vraag de beheerder om een wijk.")
        return
    by_id = {h.id: h for h in hoods}
    hood_id = st.selectbox(
        "Wijk", list(by_id), format_func=lambda i: by_id[i].name, key="stemming_wijk"
    )
    summaries = {s.vote.id: s for s in setup.organiser_votes(db, caller, hood_id)}
    key = f"stemming_keuze_{hood_id}"  # another neighbourhood starts at its newest vote
    pending = st.session_state.pop(setup_form.SELECT_NEXT, None)
    if pending in summaries:
        st.session_state[key] = pending
    if st.session_state.get(key) not in (NEW, *summaries):
        st.session_state.pop(key, None)
    choice = st.selectbox(
        "Stemming",
        [*summaries, NEW],
        format_func=lambda i: "Nieuwe stemming" if i == NEW else _label(summaries[i]),
        key=key,
    )
    if choice == NEW:
        st.subheader("Nieuwe stemming")
        setup_form.render(db, caller, hood_id)
        return
    summary = summaries[choice]
    _heading(summary)
    if summary.phase is Phase.CONCEPT:
        _concept(db, caller, hood_id, summary)
    elif summary.phase is Phase.CLOSED:
        _closed(db, caller, summary)
    else:
        _open(db, caller, summary)


def _label(summary: VoteSummary) -> str:
    v = summary.vote
    days = f"{v.opens_on:%d-%m-%Y} t/m {v.closes_on:%d-%m-%Y}"
    return f"{v.title} ({days}, {PHASE_WORDS[summary.phase]})"


def _heading(summary: VoteSummary) -> None:
    v = summary.vote
    st.markdown(
        f"**{plain(v.title)}**: {euro(v.budget)}, {KIND_NAMES[v.ballot_kind]}, telt met "
        f"{RULE_NAMES[v.rule]}; stemmen van {v.opens_on:%d-%m-%Y} tot en met "
        f"{v.closes_on:%d-%m-%Y}, vanaf {v.min_age} jaar. Nu: {PHASE_WORDS[summary.phase]}."
    )
    if summary.phase is not Phase.CONCEPT:
        ballots = sum(summary.ballots.values())
        c1, c2, c3, c4 = st.columns(4)
        issued = v.codes_issued or 0
        c1.metric("Stemcodes", f"{issued:,}".replace(",", "."))
        c2.metric("Stemmen", f"{ballots:,}".replace(",", "."))
        c3.metric(
            "Online / papier",
            f"{summary.ballots.get('online', 0)} / {summary.ballots.get('papier', 0)}",
        )
        c4.metric("Opkomst", f"{100 * ballots / issued:.1f}%".replace(".", ",") if issued else "–")
    with st.expander(f"Het stembiljet ({len(summary.items)} ideeën)"):
        st.markdown(setup_form.ballot_lines(summary.items))


# Concept: change it, make the codes --------------------------------------------------------------


def _concept(db: Store, caller: Caller, hood_id: int, summary: VoteSummary) -> None:
    st.subheader("1. Voorbereiden")
    setup_form.render(db, caller, hood_id, summary.vote, summary.items)
    st.subheader("2. Stemcodes maken")
    vote_id = summary.vote.id
    try:
        room = setup.code_room(db, caller, vote_id)
    except UserError as exc:
        show_error(exc)
        return
    st.write(
        f"Iedereen van {summary.vote.min_age} jaar of ouder (op {summary.vote.opens_on:%d-%m-%Y}) "
        f"die volgens het register in de wijk woont, krijgt een eigen code: **{room.eligible}** "
        "bewoners. Daarna liggen het stembiljet, het budget en de dagen vast."
    )
    if room.left_out:
        st.caption(
            f"{room.left_out} bewoners van die leeftijd krijgen geen brief: van hen is geen adres "
            "bekend (gewist op hun verzoek of na de bewaartermijn)."
        )
    if st.button("Stemcodes maken", type="primary", key=f"codes_{vote_id}") and first_submission(
        f"codes_{vote_id}"
    ):
        attempt(
            lambda: setup.issue_codes(db, caller, vote_id),
            lambda n: f"{n} stemcodes gemaakt. Maak nu de brieven.",
        )
    _delete(db, caller, vote_id)


def _delete(db: Store, caller: Caller, vote_id: int) -> None:
    with st.expander("Deze stemming weggooien"):
        st.write(
            "Zolang er geen stemcodes zijn, kan een stemming nog weg: het concept en zijn "
            "stembiljet verdwijnen, de ideeën blijven gepubliceerd. Het logboek houdt bij dat "
            "de stemming is weggegooid."
        )
        sure = st.checkbox("Ja, gooi deze stemming weg.", key=f"weg_zeker_{vote_id}")
        clicked = st.button("Stemming weggooien", key=f"weg_{vote_id}", disabled=not sure)
        if clicked and first_submission(f"weg_{vote_id}"):
            attempt(
                lambda: setup.delete_vote(db, caller, vote_id),
                lambda title: f"De stemming '{plain(title)}' is weggegooid.",
            )


# Open: letters, paper ballots, closing -----------------------------------------------------------


def _open(db: Store, caller: Caller, summary: VoteSummary) -> None:
    vote_id = summary.vote.id
    _turnout(db, caller, vote_id)
    st.subheader("Brieven met de stemcodes")
    _letters(db, caller, vote_id)
    st.subheader("Code kwijt?")
    _lost_code(db, caller, summary)
    st.subheader("Papieren stembiljet invoeren")
    _paper(db, caller, summary)
    st.subheader("Sluiten en tellen")
    if summary.phase is not Phase.COUNTING:
        st.info(
            f"Sluiten kan vanaf {summary.vote.closes_on + timedelta(days=1):%d-%m-%Y}, de dag "
            "na de laatste dag om te stemmen. Voer eerst alle papieren stembiljetten in."
        )
        return
    st.write(
        "Sluiten telt de stemmen met beide manieren en vernietigt de lijst met codes (wie "
        "welke code kreeg en of die gebruikt is). Daarna kan er niets meer bij en staat de "
        "uitslag op de pagina voor bewoners. Dit kan niet ongedaan worden gemaakt."
    )
    sure = st.checkbox(
        "Alle papieren stembiljetten zijn ingevoerd.", key=f"sluiten_zeker_{vote_id}"
    )
    if st.button("Stemming sluiten en tellen", type="primary", key=f"sluiten_{vote_id}",
                 disabled=not sure) and first_submission(f"sluiten_{vote_id}"):  # fmt: skip
        attempt(
            lambda: closing.close_vote(db, caller, vote_id),
            lambda c: (
                f"Gesloten en geteld: {c.ballots} stemmen; {c.codes_destroyed} stemcodes "
                "vernietigd."
            ),
        )


def _letters(db: Store, caller: Caller, vote_id: int) -> None:
    st.caption(
        "Het bestand voor de drukker (samenvoegen in Word) en de brieven bevatten namen, "
        "adressen en stemcodes. Bewaar ze alleen zolang nodig en deel ze niet verder. Elke "
        "brief heeft een papieren stembiljet met dezelfde code."
    )
    try:
        rows = setup.mail_merge(db, caller, vote_id)
        files = setup.letter_files(db, caller, vote_id)
    except UserError as exc:
        show_error(exc)
        return
    st.download_button(
        "Bestand voor de drukker (CSV)",
        csv_bytes(rows),  # not lazily: see components/draw/ceremony_step.py
        file_name=f"stembrieven-{vote_id}.csv",
        mime="text/csv",
        key=f"stem_samenvoegen_{vote_id}",
        on_click="ignore",
    )
    with st.form(f"stembrieven_{vote_id}"):
        c1, c2 = st.columns(2)
        phone = c1.text_input("Telefoonnummer voor vragen", placeholder="14 050")
        email = c2.text_input("E-mailadres voor vragen", placeholder="wijkraad@gemeente.nl")
        sender = c1.text_input("Afzender (ondertekening)", placeholder="Team Wijkraad")
        part = c2.number_input(
            f"Bestand (1 tot en met {files}, {setup.LETTERS_PER_FILE} brieven per bestand)",
            1, max(files, 1), 1,
        )  # fmt: skip
        made = st.form_submit_button("Brieven maken")
    if made:
        try:
            details = setup.LetterDetails(clock.today(), phone, email, sender)
            letters = setup.letters_file(db, caller, vote_id, details, int(part))
            st.session_state[_LETTERS] = (vote_id, int(part), letters)
        except UserError as exc:
            show_error(exc)
    made_letters = st.session_state.get(_LETTERS)
    if made_letters and made_letters[0] == vote_id:
        st.download_button(
            f"Brieven om te printen, bestand {made_letters[1]} (HTML, één brief per pagina)",
            made_letters[2].encode("utf-8"),
            file_name=f"stembrieven-{vote_id}-{made_letters[1]}.html",
            mime="text/html",
            key=f"stembrieven_html_{vote_id}",
            on_click="ignore",
        )


def _turnout(db: Store, caller: Caller, vote_id: int) -> None:
    """Who voted per buurt and age band, next to who got a code (small groups hidden)."""
    try:
        groups = closing.organiser_turnout(db, caller, vote_id)
    except UserError as exc:
        show_error(exc)
        return
    if not groups:
        return
    titles = {"part": "Per buurt", "age_band": "Per leeftijd"}
    with st.expander("Opkomst per buurt en leeftijd, naast de bewoners"):
        st.caption(
            f"Stemmers (online en op papier) naast iedereen die een code kreeg. Een groep met "
            f"minder dan {MIN_GROUP} stemmers of niet-stemmers staat er niet apart bij (–), "
            "net als op de pagina voor bewoners."
        )
        for group in groups:
            st.markdown(f"**{titles.get(group.feature, group.feature)}**")
            st.markdown(turnout_table(group.table))


def _lost_code(db: Store, caller: Caller, summary: VoteSummary) -> None:
    """A resident lost the letter: find them by address, make a new code and its letter."""
    vote = summary.vote
    refusal = reissue_refusal(vote, clock.today())
    if refusal:
        st.info(refusal.replace(" Er is niets veranderd.", ""))
        return
    st.caption(
        "Is een bewoner de brief kwijt? Zoek de bewoner op het adres en maak een nieuwe code "
        "met een nieuwe brief. De oude code werkt daarna niet meer. Wie al heeft gestemd, "
        "krijgt geen nieuwe code."
    )
    with st.form(f"code_kwijt_zoek_{vote.id}"):
        c1, c2 = st.columns(2)
        postcode = c1.text_input("Postcode", max_chars=10, placeholder="9700 AB")
        number = c2.text_input("Huisnummer", max_chars=10, placeholder="12")
        searched = st.form_submit_button("Zoeken")
    key = f"code_kwijt_{vote.id}"
    if searched:
        try:
            st.session_state[key] = setup.code_holders(db, caller, vote.id, postcode, number)
        except UserError as exc:
            st.session_state.pop(key, None)
            show_error(exc)
    holders: list[setup.CodeHolder] | None = st.session_state.get(key)
    if holders == []:
        st.info("Op dit adres woont niemand met een stemcode van deze stemming.")
    elif holders:
        _new_code(db, caller, vote.id, holders)
    made_letter = st.session_state.get(_NEW_LETTER)
    if made_letter and made_letter[0] == vote.id:
        st.download_button(
            "Nieuwe brief om te printen (HTML)",
            made_letter[1].encode("utf-8"),
            file_name=f"stembrief-nieuwe-code-{vote.id}.html",
            mime="text/html",
            key=f"stembrief_nieuw_{vote.id}",
            on_click="ignore",
        )


def _new_code(db: Store, caller: Caller, vote_id: int, holders: list[setup.CodeHolder]) -> None:
    by_id = {h.resident_id: h for h in holders}
    name = f"code_nieuw_{vote_id}"
    with st.form(form_key(name)):
        who = st.radio(
            "Voor wie?",
            list(by_id),
            format_func=lambda r: plain(
                f"{by_id[r].name} ({by_id[r].birth_year})"
                + (": heeft al gestemd" if by_id[r].voted else "")
            ),
        )
        c1, c2, c3 = st.columns(3)
        phone = c1.text_input("Telefoonnummer voor vragen", placeholder="14 050")
        email = c2.text_input("E-mailadres voor vragen", placeholder="wijkraad@gemeente.nl")
        sender = c3.text_input("Afzender (ondertekening)", placeholder="Team Wijkraad")
        made = st.form_submit_button("Nieuwe code en brief maken")
    if made and first_submission(name):
        details = setup.LetterDetails(clock.today(), phone, email, sender)

        def reissue() -> str:
            letter = setup.reissue_code(db, caller, vote_id, int(who), details)
            st.session_state[_NEW_LETTER] = (vote_id, letter)
            st.session_state.pop(f"code_kwijt_{vote_id}", None)
            return letter

        attempt(
            reissue,
            "Nieuwe code gemaakt; de oude code werkt niet meer. Download de nieuwe brief "
            "hieronder en print hem.",
        )


def _paper(db: Store, caller: Caller, summary: VoteSummary) -> None:
    vote = summary.vote
    if summary.phase is Phase.SOON:
        st.info(f"Papieren stembiljetten kunt u invoeren vanaf {vote.opens_on:%d-%m-%Y}.")
        return
    st.caption(
        "Typ de code over die op het biljet staat en vink dezelfde ideeën aan. Dezelfde regels "
        "als online: één stem per code, en bij kiezen binnen het budget niet meer dan het budget."
    )
    name = f"papier_{vote.id}"
    with st.form(form_key(name)):
        code = st.text_input("Code op het stembiljet", max_chars=30, placeholder="K7QM-2XHD")
        chosen = [
            item.number
            for item in summary.items
            if st.checkbox(
                f"{item.number}. {plain(item.title)} ({euro(item.cost)})",
                key=f"{form_key(name)}_{item.number}",
            )
        ]
        sent = st.form_submit_button("Stembiljet invoeren")
    if sent and first_submission(name):
        vote_id = vote.id
        attempt(
            lambda: casting.enter_paper_ballot(db, caller, vote_id, code, chosen),
            "Het papieren stembiljet is ingevoerd en de code is gebruikt.",
        )


# Closed: the result, the winners as proposals ----------------------------------------------------


def _closed(db: Store, caller: Caller, summary: VoteSummary) -> None:
    vote = summary.vote
    st.success(
        f"Gesloten op {vote.closed_at:%d-%m-%Y}: {sum(summary.ballots.values())} stemmen geteld, "
        f"{vote.codes_destroyed or 0} stemcodes vernietigd."
        if vote.closed_at
        else "Gesloten."
    )
    st.page_link(RESULTS_PAGE, label="De uitslag op de pagina voor bewoners")
    _turnout(db, caller, vote.id)
    with_proposals = [i for i in summary.items if i.proposal_id]
    if vote.consultation_id is not None:
        st.write(
            f"De winnaars ({len(with_proposals)}) staan als voorstellen in het huishoudboekje, "
            "met deze stemming als raadpleging (tab Raadplegingen). Kies bij het besluit "
            "'stemming' als raadpleging: dan staat de stemming bij het besluit."
        )
        return
    st.write(
        f"Maak van de winnaars volgens {RULE_NAMES[vote.rule]} voorstellen in het huishoudboekje "
        "(status ingediend, bedrag de kosten op het stembiljet), met de stemming als hun "
        "raadpleging. De wijkraad besluit daarna over elk voorstel."
    )
    clicked = st.button(
        "Winnaars als voorstellen in het huishoudboekje", type="primary", key=f"winnaars_{vote.id}"
    )
    if clicked and first_submission(f"winnaars_{vote.id}"):
        vote_id = vote.id
        attempt(
            lambda: closing.winners_to_proposals(db, caller, vote_id),
            lambda refs: f"{len(refs)} voorstellen gemaakt: {', '.join(refs)}.",
        )
