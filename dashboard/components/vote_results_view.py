"""Residents' view of a neighbourhood's votes: a running vote with its ballot and days (no
interim counts), and after closing the result by both rules side by side, each idea with
why it won or lost, the turnout per buurt and age band next to the residents who could
vote (small groups hidden), and the files to count it again.

The count of a closed vote is cached per database and data version (the audit log's last
event: closing and the winners becoming proposals both write one)."""

from __future__ import annotations

import streamlit as st

from dashboard.components.dates import long_date
from dashboard.components.downloads import public_download
from dashboard.components.exports import rows_csv
from dashboard.components.tables import markdown_table
from dashboard.components.text import plain
from dashboard.domain.money import euro
from dashboard.domain.small_groups import MIN_GROUP
from dashboard.domain.translatable import N_
from dashboard.domain.votes import Phase
from dashboard.i18n import language, t
from dashboard.services import Store, public
from dashboard.services.vote import results
from dashboard.services.vote.results import RuleResult, VoteCard, VoteResult
from voting.turnout import TurnoutRow, TurnoutTable

VOTE_PAGE = "dashboard/pages/resident_vote.py"
# The rules' names as voting/explain.py gives them, marked here for the translators.
RULE_TITLES = (
    N_("Gelijke delen (Method of Equal Shares)"),
    N_("Meeste stemmen (zoals de meeste gemeenten tellen)"),
)


@st.cache_data(max_entries=64, show_spinner=False)
def _result(path: str, version: int, vote_id: int, _store: Store) -> VoteResult:
    return results.result(_store, vote_id)


def cached_result(db: Store, vote_id: int) -> VoteResult:
    return _result(db.path, public.data_version(db), vote_id, db)


Rows = tuple[list[str], list[list[object]]]


@st.cache_data(max_entries=64, show_spinner=False)
def _file_data(path: str, version: int, vote_id: int, _store: Store) -> tuple[Rows, Rows, str]:
    """What the files hold, read during the page's run: a download made later runs on the
    server's event loop, where waiting for the database would hold up every session."""
    return (
        results.ballots_rows(_store, vote_id),
        results.result_rows(_store, vote_id),
        results.pabulib_file(_store, vote_id),
    )


def render(db: Store, cards: list[VoteCard]) -> None:
    if not cards:
        st.info(t("In deze wijk is nog geen buurtstemming geweest."))
        return
    running = [c for c in cards if c.phase is not Phase.CLOSED]
    closed = [c for c in cards if c.phase is Phase.CLOSED]
    for card in running:
        _running(card)
    if not closed:
        return
    by_id = {c.id: c for c in closed}
    chosen = closed[0].id
    if len(closed) > 1:
        chosen = st.selectbox(
            t("Kies een stemming"),
            list(by_id),
            format_func=lambda i: t(
                "{naam} (gestemd tot en met {datum})",
                naam=by_id[i].title,
                datum=long_date(by_id[i].closes_on),
            ),
            key="uitslag_stemming",
        )
    _result_view(db, cached_result(db, chosen))


def _running(card: VoteCard) -> None:
    with st.container(border=True):
        st.markdown(f"**{plain(card.title)}**")
        if card.phase is Phase.SOON:
            when = t("Stemmen kan van {van} tot en met {tot}.", van=long_date(card.opens_on),
                     tot=long_date(card.closes_on))  # fmt: skip
        elif card.phase is Phase.RUNNING:
            when = t("Stemmen kan tot en met {tot}.", tot=long_date(card.closes_on))
        else:
            when = t("Het stemmen is voorbij; de stemmen worden geteld.")
        st.write(
            t(
                "{budget} te verdelen over {aantal} ideeën. ",
                budget=euro(card.budget, language()),
                aantal=len(card.ideas),
            )
            + when
        )
        st.caption(
            t("De uitslag komt hier als de stemming gesloten en geteld is. Tussenstanden "
              "laten we niet zien.")
        )  # fmt: skip
        if card.phase is Phase.RUNNING:
            st.page_link(VOTE_PAGE, label=t("Stemmen met de code uit uw brief"))


def _result_view(db: Store, found: VoteResult) -> None:
    card = found.card
    st.subheader(plain(card.title))
    share = f"{100 * found.ballots / found.codes:.0f}%" if found.codes else "–"
    st.markdown(
        t(
            "Gestemd van {van} tot en met {tot}. **{stemmen}** van de {codes} bewoners met een "
            "code stemden ({deel}): {online} online en {papier} op papier. Te verdelen: "
            "**{budget}**.",
            van=long_date(card.opens_on),
            tot=long_date(card.closes_on),
            stemmen=found.ballots,
            codes=found.codes,
            deel=share,
            online=found.online,
            papier=found.paper,
            budget=euro(card.budget, language()),
        )
    )
    decisive = found.rules[0]
    st.markdown(
        t(
            "De wijkraad koos vóór de stemming hoe er geteld wordt: **{regel}**. Die uitslag "
            "telt. Ernaast ziet u hoe de andere manier van tellen had uitgepakt.",
            regel=t(decisive.title),
        )
    )
    columns = st.columns(len(found.rules))
    for column, rule in zip(columns, found.rules, strict=True):
        with column:
            _rule(found, rule, rule is decisive)
    _turnout(found)
    _files(db, found)


def _rule(found: VoteResult, rule: RuleResult, decisive: bool) -> None:
    st.markdown(f"#### {t(rule.title)}")
    st.caption(t("Deze uitslag telt.") if decisive else t("Ter vergelijking."))
    method = rule.report[
        1 : next(n for n, line in enumerate(rule.report) if line.startswith("Gekozen ("))
    ]
    st.write(" ".join(method))
    by_number = {i.number: i for i in found.ideas}
    lines = [
        t(
            "{plaats}. {titel}: {kosten}, {stemmen} stemmen",
            plaats=n,
            titel=plain(by_number[number].title),
            kosten=euro(by_number[number].cost, language()),
            stemmen=by_number[number].votes,
        )
        for n, number in enumerate(rule.winners, start=1)
    ]
    st.markdown(t("**Gekozen ({aantal}):**", aantal=len(rule.winners)) + "\n\n" + "\n".join(
        f"{line}  " for line in lines
    ))  # fmt: skip
    st.markdown(t("Besteed: {besteed}; over: {over}.", besteed=euro(rule.spent, language()),
                  over=euro(rule.left, language())))  # fmt: skip
    with st.expander(t("Waarom elk idee wel of niet gekozen is")):
        for idea in found.ideas:
            verdict = t("gekozen") if idea.won[rule.rule] else t("niet gekozen")
            st.markdown(
                f"**{idea.number}. {plain(idea.title)}**: {verdict}. {plain(idea.why[rule.rule])}"
            )
            if decisive and idea.proposal:
                st.caption(t("Nu voorstel {ref} in het huishoudboekje van de wijkraad.",
                             ref=plain(idea.proposal)))  # fmt: skip
        st.caption(t("De uitleg per idee is in het Nederlands."))


def _turnout(found: VoteResult) -> None:
    st.markdown(f"#### {t('Wie stemden er?')}")
    st.write(
        t(
            "Per buurt en per leeftijd: hoeveel bewoners stemden, naast alle bewoners die een "
            "code kregen. Een groep met minder dan {min} stemmers of niet-stemmers laten we "
            "niet apart zien (–); soms ook een grotere groep, anders kon u de kleine groep "
            "uitrekenen uit het totaal.",
            min=MIN_GROUP,
        )
    )
    titles = {"part": t("Per buurt"), "age_band": t("Per leeftijd")}
    for group in found.turnout:  # one under the other: six columns need the width
        st.markdown(f"**{titles.get(group.feature, group.feature)}**")
        st.markdown(turnout_table(group.table))


def turnout_table(table: TurnoutTable) -> str:
    """The turnout of one feature as a table: a row per group (hidden ones as –), the
    hidden groups together, the total."""
    header = [t("Groep"), t("Stemmers"), t("Met code"), t("Opkomst"), t("Deel van stemmers"),
              t("Deel van bewoners")]  # fmt: skip
    rows = [_row(r) for r in table.rows]
    if table.others is not None:
        rows.append(_row(table.others, t("overige groepen samen")))
    rows.append(_row(table.total, t("Totaal")))
    return markdown_table(header, rows, align_right={1, 2, 3, 4, 5})


def _row(row: TurnoutRow, name: str | None = None) -> list[str]:
    group = name or row.group
    if not row.shown:
        return [group, "–", "–", "–", "–", "–"]

    def pct(value: float | None) -> str:
        return "–" if value is None else f"{100 * value:.0f}%"

    return [group, str(row.voters), str(row.eligible), pct(row.turnout), pct(row.voter_share),
            pct(row.population_share)]  # fmt: skip


def _files(db: Store, found: VoteResult) -> None:
    vote_id = found.card.id
    st.markdown(f"#### {t('Zelf narekenen')}")
    st.write(
        t(
            "De stembiljetten zijn openbaar, zonder namen of codes: per stembiljet alleen "
            "welke ideeën gekozen zijn. Met het pabulib-bestand telt u de stemming zelf na op "
            "uw eigen computer, met beide manieren van tellen."
        )
    )
    st.code(f"python -m voting tally stemming-{vote_id}.pb --rule both", language="bash")
    ballots, per_idea, pabulib = _file_data(db.path, public.data_version(db), vote_id, db)
    left, middle, right = st.columns(3)
    with left:
        public_download(
            t("Stembiljetten (CSV)"),
            lambda: rows_csv(*ballots),
            f"stembiljetten-{vote_id}.csv",
            "text/csv",
            f"stem_biljetten_{vote_id}",
        )
    with middle:
        public_download(
            t("Uitslag per idee (CSV)"),
            lambda: rows_csv(*per_idea),
            f"uitslag-{vote_id}.csv",
            "text/csv",
            f"stem_uitslag_{vote_id}",
        )
    with right:
        public_download(
            t("Stemming als pabulib-bestand (.pb)"),
            lambda: pabulib,
            f"stemming-{vote_id}.pb",
            "text/plain",
            f"stem_pabulib_{vote_id}",
        )
