"""The set-up of a vote (new, or a concept changed): name, budget, kind of ballot, the rule
that decides, the days, the minimum age and the published ideas on the ballot with their
costs (the idea's own estimate filled in)."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import streamlit as st

from dashboard.components.forms import attempt, first_submission, form_key
from dashboard.components.text import plain
from dashboard.domain.auth import Caller
from dashboard.domain.ideas import Idea
from dashboard.domain.money import euro
from dashboard.domain.votes import KIND_NAMES, RULE_NAMES, Vote, VoteItem
from dashboard.services import Store
from dashboard.services.vote import setup
from sortition import clock

ON = "Op het stembiljet"
IDEA = "Idee"
COST = "Kosten (€)"
SELECT_NEXT = "_stemming_volgende"  # the vote to show after the rerun (a new one)
RULE_HELP = (
    "Gelijke delen (Method of Equal Shares): het budget wordt gelijk verdeeld over de "
    "stemmers; elk idee wordt betaald door wie ervoor stemde. Zo krijgen ook kleinere "
    "groepen iets van wat ze willen. Meeste stemmen: de ideeën met de meeste stemmen "
    "krijgen geld, zolang het past. De uitslag laat beide zien; deze keuze bepaalt welke "
    "telt. Kies vóór de stemming en zeg het de bewoners."
)


def render(
    db: Store,
    caller: Caller,
    hood_id: int,
    vote: Vote | None = None,
    items: tuple[VoteItem, ...] = (),
) -> None:
    published = setup.ballot_ideas(db, caller, hood_id)
    if not published:
        st.info(
            "Deze wijk heeft nog geen gepubliceerde ideeën. Publiceer eerst ideeën van "
            "bewoners in het Huishoudboekje, tab Ideeën; alleen die kunnen op het stembiljet."
        )
        return
    name = f"stemming_{vote.id if vote else 'nieuw'}"
    today = clock.today()
    with st.form(form_key(name)):
        title = st.text_input(
            "Naam van de stemming",
            value=vote.title if vote else f"Buurtbudget {today.year + 1}",
            max_chars=150,
        )
        c1, c2 = st.columns(2)
        budget = c1.text_input(
            "Budget (€)", value=_amount(vote.budget) if vote else "25.000", placeholder="25.000"
        )
        min_age = c2.number_input(
            "Minimumleeftijd (op de eerste dag)", 12, 120, vote.min_age if vote else 16
        )
        kinds = list(KIND_NAMES)
        kind = c1.radio(
            "Soort stembiljet",
            kinds,
            index=kinds.index(vote.ballot_kind) if vote else 1,
            format_func=KIND_NAMES.__getitem__,
            help="Voor of tegen per idee: bewoners kruisen alle ideeën aan die ze steunen. "
            "Kiezen binnen het budget: de gekozen ideeën mogen samen niet meer kosten dan "
            "het budget.",
        )
        rules = list(RULE_NAMES)
        rule = c2.radio(
            "Wat telt",
            rules,
            index=rules.index(vote.rule) if vote else 0,
            format_func=RULE_NAMES.__getitem__,
            help=RULE_HELP,
        )
        opens = c1.date_input(
            "Eerste dag om te stemmen",
            vote.opens_on if vote else today + timedelta(days=14),
            format="DD-MM-YYYY",
        )
        closes = c2.date_input(
            "Laatste dag om te stemmen",
            vote.closes_on if vote else today + timedelta(days=35),
            format="DD-MM-YYYY",
        )
        st.markdown("**Ideeën op het stembiljet**, in deze volgorde. Pas de kosten zo nodig aan.")
        table = st.data_editor(
            _ideas_table(published, items),
            key=f"{form_key(name)}_ideeen",
            hide_index=True,
            width="stretch",
            disabled=[IDEA],
            column_config={
                ON: st.column_config.CheckboxColumn(ON),
                COST: st.column_config.TextColumn(COST, help="Bijvoorbeeld 4.500 of 4.500,50"),
            },
        )
        sent = st.form_submit_button(
            "Wijzigingen opslaan" if vote else "Stemming aanmaken", type="primary"
        )
    if not (sent and first_submission(name)):
        return
    ids = [i.id for i in _ordered(published, items)]
    chosen = [
        (idea_id, str(row[COST]))
        for idea_id, (_, row) in zip(ids, table.iterrows(), strict=True)
        if bool(row[ON])
    ]
    data = setup.VoteInput(
        hood_id, title, budget, str(kind), str(rule), opens, closes, int(min_age), chosen
    )
    if vote is None:

        def create() -> int:
            vote_id = setup.create_vote(db, caller, data)
            st.session_state[SELECT_NEXT] = vote_id
            return vote_id

        attempt(create, "De stemming is aangemaakt als concept. Maak de stemcodes als alles klopt.")
    else:
        vote_id = vote.id
        attempt(
            lambda: setup.change_vote(db, caller, vote_id, data), "De wijzigingen zijn opgeslagen."
        )


def _ordered(published: list[Idea], items: tuple[VoteItem, ...]) -> list[Idea]:
    """The ideas on the ballot first, in its order, then the other published ideas."""
    order = {i.idea_id: i.number for i in items}
    return sorted(published, key=lambda i: (order.get(i.id, len(order) + 1), i.reference))


def _ideas_table(published: list[Idea], items: tuple[VoteItem, ...]) -> pd.DataFrame:
    costs = {i.idea_id: i.cost for i in items}
    ideas = _ordered(published, items)
    return pd.DataFrame(
        {
            ON: [i.id in costs or not items for i in ideas],
            IDEA: [f"{i.reference}: {i.title}" for i in ideas],
            COST: [_amount(costs.get(i.id, i.estimated_cost)) for i in ideas],
        }
    )


def _amount(value: object) -> str:
    """An amount as an organiser types it: 4.500 or 4.500,50."""
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.removesuffix(",00")


def ballot_lines(items: tuple[VoteItem, ...]) -> str:
    return "\n".join(f"{i.number}. {plain(i.title)} ({euro(i.cost)})" + "  " for i in items)
