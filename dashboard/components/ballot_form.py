"""Voting with the letter's code: the code (from the letter's link or typed), the ballot with
the ideas to choose (within the budget: the running total), a check of the choice, and
the vote cast once.

The page knows the ballot only by its code, kept in this session once it opened the
ballot (dashboard/services/vote/casting.py checks it again at every step). Trying a code
takes one from the client's limit (dashboard/web/client_limits.py, VOTE_CODE); the service
locks a client out after repeated wrong codes. Nothing of the vote is kept in the session
after it was cast; the page shows what was chosen once.
"""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.forms import show_error
from dashboard.components.letter_code import CODE_PARAMETER, letter_code_form
from dashboard.components.text import plain, plain_lines
from dashboard.domain.errors import UserError, UserErrors
from dashboard.domain.money import euro
from dashboard.domain.votes import ballot_problems, chosen_total
from dashboard.i18n import language, t
from dashboard.services import Store
from dashboard.services.vote import casting
from dashboard.services.vote.results import VoteCard
from dashboard.web import client_limits

_OPENED = "stemmen_code"  # (vote id, code) of the ballot this session opened
_CHECKING = "stemmen_controleren"  # the resident looks over the choice before casting
_DONE = "stemmen_klaar"  # the vote just cast (what the page shows once)
_REFUSED = "stemmen_geweigerd"  # why casting was refused (shown once)


def render(db: Store, running: list[VoteCard]) -> None:
    """Each click is one run of the page (buttons act in their callbacks, no reruns):
    what keeps the page quick with many residents voting at once."""
    done = st.session_state.pop(_DONE, None)
    if done is not None:
        _thanks(done)
        return
    refused = st.session_state.pop(_REFUSED, None)  # by the cast button's callback
    if refused is not None:
        show_error(refused)
    opened = st.session_state.get(_OPENED)
    if opened is None:
        slot = st.empty()
        with slot.container():
            _running(running)
            paper = _code_form(db)
        if paper is None:
            return
        slot.empty()  # the ballot takes the form's place in this same run
    else:
        try:
            paper = casting.open_ballot(db, opened[1], client_limits.current_client())
        except UserError as exc:  # the vote closed meanwhile, the code was used elsewhere
            _forget()
            show_error(t(str(exc)))
            _other_code_button()
            return
    _ballot(db, paper)
    _other_code_button()


def _running(running: list[VoteCard]) -> None:
    if not running:
        st.info(t("Er loopt nu geen buurtstemming."))
        return
    st.markdown(t("**Stemmingen die nu lopen**"))
    st.markdown(
        "\n".join(
            "- "
            + t(
                "{wijk}: {naam}, {budget} te verdelen, stemmen tot en met {datum}",
                wijk=plain(card.neighbourhood),
                naam=plain(card.title),
                budget=euro(card.budget, language()),
                datum=long_date(card.closes_on),
            )
            for card in running
        )
    )


def _code_form(db: Store) -> casting.BallotPaper | None:
    """The code; the ballot it opens now, or None (with the reason shown)."""
    sent = letter_code_form(
        "stemmen_code_formulier", t("Naar het stembiljet"), client_limits.VOTE_CODE
    )
    if sent is None:
        return None
    code, client = sent
    try:
        paper = casting.open_ballot(db, code, client)
    except UserError as exc:
        show_error(t(str(exc)))
        return None
    st.session_state[_OPENED] = (paper.vote_id, paper.code)
    st.session_state.pop(_CHECKING, None)
    return paper


def _forget() -> None:
    for key in (_OPENED, _CHECKING):
        st.session_state.pop(key, None)


def _other_code_button() -> None:
    st.button(t("Een andere code invullen"), key="stemmen_andere_code", on_click=_start_again)


def _start_again() -> None:
    _forget()
    st.query_params.pop(CODE_PARAMETER, None)


# The ballot --------------------------------------------------------------------------------------


def _ballot(db: Store, paper: casting.BallotPaper) -> None:
    st.subheader(plain(paper.title))
    st.markdown(
        t(
            "Wijk {wijk} · code **{code}** · stemmen kan tot en met {datum}",
            wijk=plain(paper.neighbourhood),
            code=plain(paper.code),
            datum=long_date(paper.closes_on),
        )
    )
    knapsack = paper.kind == "knapsack"
    if knapsack:
        st.write(
            t(
                "Kies de ideeën die u het liefst ziet gebeuren, zolang ze samen niet meer "
                "kosten dan {budget}. Hieronder ziet u steeds hoeveel uw keuze samen kost.",
                budget=euro(paper.budget, language()),
            )
        )
    else:
        st.write(
            t(
                "Kies alle ideeën die u steunt: één, een paar of allemaal. Er is {budget} te "
                "verdelen; de ideeën met de meeste steun krijgen geld.",
                budget=euro(paper.budget, language()),
            )
        )
    checking = st.session_state.get(_CHECKING) == paper.code
    chosen = _choices(paper, disabled=checking)
    costs = {i.number: i.cost for i in paper.ideas}
    total = chosen_total(costs, chosen)
    problems = ballot_problems(paper.kind, paper.budget, costs, chosen)
    _total(paper, chosen, total, problems)
    if checking:
        _check_and_cast(db, paper, chosen)
        return
    st.button(
        t("Verder: mijn keuze controleren"), type="primary", key="stemmen_naar_controle",
        disabled=bool(problems), on_click=_set, args=(_CHECKING, paper.code),
    )  # fmt: skip


def _choices(paper: casting.BallotPaper, disabled: bool) -> list[int]:
    chosen = []
    for idea in paper.ideas:
        label = t(
            "{nummer}. {titel} ({kosten})",
            nummer=idea.number,
            titel=plain(idea.title),
            kosten=euro(idea.cost, language()),
        )
        if st.checkbox(label, key=f"stem_{paper.vote_id}_{idea.number}", disabled=disabled):
            chosen.append(idea.number)
        if idea.description:
            with st.expander(t("Meer over idee {nummer}", nummer=idea.number)):
                st.markdown(plain_lines(idea.description))
    return chosen


def _total(
    paper: casting.BallotPaper, chosen: list[int], total: Decimal, problems: list[str]
) -> None:
    if paper.kind == "knapsack":
        left = paper.budget - total
        st.markdown(
            t(
                "**Uw keuze kost samen {totaal} van {budget}.** ",
                totaal=euro(total, language()),
                budget=euro(paper.budget, language()),
            )
            + (
                t("Er is nog {over} over.", over=euro(left, language()))
                if left >= 0
                else t("Dat is {teveel} te veel.", teveel=euro(-left, language()))
            )
        )
        st.progress(min(1.0, float(total / paper.budget)))
    else:
        st.markdown(t("**U koos {aantal} van de {totaal} ideeën.**", aantal=len(chosen),
                      totaal=len(paper.ideas)))  # fmt: skip
    if problems and paper.kind == "knapsack" and total > paper.budget:
        st.error(
            t(
                "De gekozen ideeën kosten samen {totaal}, meer dan het budget van {budget}. "
                "Haal een of meer ideeën weg, zodat het samen binnen het budget past.",
                totaal=euro(total, language()),
                budget=euro(paper.budget, language()),
            )
        )


def _check_and_cast(db: Store, paper: casting.BallotPaper, chosen: list[int]) -> None:
    with st.container(border=True):
        st.markdown(t("**Controleer uw keuze**"))
        picked = [i for i in paper.ideas if i.number in chosen]
        if picked:
            st.markdown(
                "\n".join(
                    f"- {i.number}\\. {plain(i.title)} ({euro(i.cost, language())})" for i in picked
                )
            )
        else:
            st.markdown(
                t("U koos geen enkel idee. Zo telt uw stem mee als een stem voor geen van de "
                  "ideeën.")
            )  # fmt: skip
        st.caption(
            t("Na het stemmen kunt u uw keuze niet meer veranderen. Uw stem is geheim: "
              "nergens staat wie wat koos.")
        )  # fmt: skip
        cast, back = st.columns(2)
        back.button(t("Terug: keuze aanpassen"), key="stemmen_terug", on_click=_set,
                    args=(_CHECKING, None))  # fmt: skip
        cast.button(t("Stem uitbrengen"), type="primary", key="stemmen_uitbrengen",
                    on_click=_cast, args=(db, paper, chosen))  # fmt: skip


def _set(key: str, value: object) -> None:
    """A button's callback: set (or with None, clear) a session value before the run."""
    if value is None:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = value


def _cast(db: Store, paper: casting.BallotPaper, chosen: list[int]) -> None:
    """The cast button's callback, before the run that shows its outcome: once, however
    often it is pressed (a second press finds the code used)."""
    client = client_limits.current_client()
    try:
        done = casting.cast(db, paper.vote_id, paper.code, chosen, client)
    except UserErrors as exc:
        st.session_state[_REFUSED] = UserErrors([t(p) for p in exc.problems])
        st.session_state.pop(_CHECKING, None)
        return
    except UserError as exc:
        _forget()
        st.session_state[_REFUSED] = UserError(t(str(exc)))
        return
    _forget()
    for idea in paper.ideas:
        st.session_state.pop(f"stem_{paper.vote_id}_{idea.number}", None)
    st.session_state[_DONE] = done
    st.query_params.pop(CODE_PARAMETER, None)


def _thanks(done: casting.Cast) -> None:
    st.success(t("Dank u wel! Uw stem is geteld."))
    st.markdown(t("**U stemde bij {naam} op:**", naam=plain(done.title)))
    if done.chosen:
        st.markdown("\n".join(f"- {i.number}\\. {plain(i.title)}" for i in done.chosen))
    else:
        st.markdown(t("geen van de ideeën"))
    st.write(
        t(
            "Uw code is nu gebruikt; stemmen kan er niet nog een keer mee. Na de laatste dag "
            "van de stemming telt de organisatie de stemmen. De uitslag staat daarna op de "
            "pagina Uitslag van de buurtstemming."
        )
    )
    st.button(t("Nog een code invullen (iemand anders uit uw huis)"), key="stemmen_nog_een")
