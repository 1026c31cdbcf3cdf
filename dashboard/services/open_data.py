"""Open data: every public table of all neighbourhoods, described field by field
(`domain/open_data.py`). Public: every row comes from the services and store queries the
residents' pages read (`services/public.py`, `public_projects.py`, `comparison.py`), so
the set holds exactly what those pages show, for all neighbourhoods at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from dashboard.domain import iv3
from dashboard.domain.models import Neighbourhood
from dashboard.domain.open_data import MONEY, REF, WIJK, YEAR, Table, f
from dashboard.domain.small_groups import OTHERS, GroupRow
from dashboard.services import comparison, public
from dashboard.services.public import CouncilGroups
from dashboard.store import budget, council, geography
from dashboard.store import public as records
from dashboard.store import public_timeline as timeline
from dashboard.store.db import Store
from sortition.clock import AMSTERDAM

T = TypeVar("T")


@dataclass(frozen=True)
class DataSet:
    made_on: date
    tables: list[Table]


def data_set(store: Store, today: date) -> DataSet:
    """Every public table, all neighbourhoods, as the pages show them on `today`. Each
    table is read for all neighbourhoods at once (a query per table, not per
    neighbourhood: bench/open_data.py), then laid out neighbourhood by neighbourhood."""
    with store.read() as cur:
        hoods = geography.neighbourhoods(cur)
        hoods_of = council.neighbourhood_ids_by_council(cur)
    codes = {h.id: h.code for h in hoods}
    compared = comparison.comparison(store)
    every = public.projects_by_neighbourhood(store, today)
    projects = {h.id: every.get(h.id, []) for h in hoods}
    councils = public.council_groups(store, today)
    tables = [
        _neighbourhoods(store, hoods, compared),
        _parts(store, codes),
        _envelopes(store, hoods),
        _money(compared),
        _taakvelden(compared, codes),
        _decisions(store, hoods, hoods_of),
        _projects(store, projects, codes),
        _milestones(store, projects),
        _payments(store, codes),
        _waiting(store, hoods, today),
        _meetings(store, hoods, hoods_of),
        _councils(hoods, councils),
        _council_groups(hoods, councils),
        _ideas(store, hoods),
    ]
    return DataSet(today, tables)


def _neighbourhoods(
    store: Store, hoods: list[Neighbourhood], compared: comparison.Comparison
) -> Table:
    latest: dict[int, comparison.YearLine] = {}
    for line in compared.lines:
        latest[line.neighbourhood.id] = line  # the lines run from the first year to the last
    return Table(
        "wijken",
        "Wijken",
        "De wijken met hun aantal inwoners en het middelpunt van de wijk op de kaart.",
        (
            f("wijk", "string", "Code van de wijk."),
            f("naam", "string", "Naam van de wijk."),
            f("inwoners", "integer", "Aantal inwoners (alle leeftijden) volgens de telling."),
            f("telling_jaar", "integer", "Het jaar van de telling van de inwoners."),
            f("breedtegraad", "number", "Middelpunt van de wijk: breedtegraad (WGS 84)."),
            f("lengtegraad", "number", "Middelpunt van de wijk: lengtegraad (WGS 84)."),
        ),
        [
            (
                h.code,
                h.name,
                line.inhabitants if line else None,
                line.population_year if line else None,
                round(h.centroid_lat, 6),
                round(h.centroid_lon, 6),
            )
            for h in hoods
            for line in [latest.get(h.id)]
        ],
        key=("wijk",),
    )


def _parts(store: Store, codes: dict[int, str]) -> Table:
    with store.read() as cur:
        parts = geography.all_neighbourhood_parts(cur)
    return Table(
        "buurten",
        "Buurten",
        "De buurten (delen van een wijk).",
        (WIJK, f("buurt", "string", "Code van de buurt."), f("naam", "string", "Naam.")),
        [(codes[p.neighbourhood_id], p.code, p.name) for p in parts],
        key=("buurt",),
    )


def _envelopes(store: Store, hoods: list[Neighbourhood]) -> Table:
    with store.read() as cur:
        found = _by(budget.all_envelopes(cur), lambda e: [e.neighbourhood_id])
    rows = [(h.code, e) for h in hoods for e in found.get(h.id, [])]
    return Table(
        "budgetten",
        "Budgetten",
        "Het geld dat per wijk en jaar binnenkwam, per bron (zoals op de pagina Het geld van "
        "uw wijk). Een negatief bedrag sluit een jaar af: geld dat naar het volgende jaar "
        "ging of terugging naar wie het gaf.",
        (
            WIJK, YEAR,
            f("bron", "string", "gemeente, woningcorporatie, fonds, overig of overgeheveld."),
            f("omschrijving", "string", "Omschrijving van het budget."),
            f("bedrag", "number", MONEY),
        ),
        [(code, e.year, e.source, e.description, e.amount) for code, e in rows],
    )  # fmt: skip


def _money(compared: comparison.Comparison) -> Table:
    return Table(
        "geld_per_jaar",
        "Geld per wijk en jaar",
        "Budget, besloten (toegekend in gepubliceerde besluiten) en uitgegeven per wijk en "
        "budgetjaar, in totaal en per inwoner.",
        (
            WIJK, YEAR,
            f("budget", "number", MONEY),
            f("besloten", "number", "Toegekend in gepubliceerde besluiten. " + MONEY),
            f("uitgegeven", "number", "Betaald op die toekenningen. " + MONEY),
            f("nog_te_verdelen", "number", "Budget min besloten. " + MONEY),
            f("inwoners", "integer", "Inwoners volgens de telling van telling_jaar."),
            f("telling_jaar", "integer",
              "De telling die bij het jaar hoort: de laatste tot en met dat jaar, anders de "
              "eerste daarna."),
            f("budget_per_inwoner", "number", "Budget gedeeld door inwoners. " + MONEY),
            f("besloten_per_inwoner", "number", "Besloten gedeeld door inwoners. " + MONEY),
            f("uitgegeven_per_inwoner", "number", "Uitgegeven gedeeld door inwoners. " + MONEY),
        ),
        [
            (line.neighbourhood.code, line.year, line.budget, line.allocated, line.spent,
             line.remaining, line.inhabitants, line.population_year,
             line.per_inhabitant(line.budget), line.per_inhabitant(line.allocated),
             line.per_inhabitant(line.spent))
            for line in compared.lines
        ],
        key=("wijk", "jaar"),
    )  # fmt: skip


def _taakvelden(compared: comparison.Comparison, codes: dict[int, str]) -> Table:
    return Table(
        "taakvelden",
        "Geld per Iv3-taakveld",
        "Besloten en uitgegeven geld per wijk, budgetjaar en Iv3-taakveld (de indeling van "
        "de gemeentebegroting). Een project telt bij het taakveld dat bij het voorstel is "
        "ingevuld, anders bij het taakveld van zijn thema (zie de pagina Wijken vergelijken).",
        (
            WIJK, YEAR,
            f("taakveld", "string", "Code van het Iv3-taakveld, zoals 6.1 (of 'onbekend')."),
            f("taakveld_naam", "string", "Naam van het taakveld."),
            f("besloten", "number", MONEY),
            f("uitgegeven", "number", MONEY),
            f("projecten", "integer", "Aantal projecten."),
            f("via_thema", "integer",
              "Hoeveel van die projecten het taakveld van hun thema kregen."),
        ),
        [
            (codes[t.neighbourhood_id], t.year, t.code, t.name, t.allocated, t.spent,
             t.projects, t.by_theme)
            for t in compared.taakvelden
        ],
        key=("wijk", "jaar", "taakveld"),
    )  # fmt: skip


def _decisions(store: Store, hoods: list[Neighbourhood], hoods_of: dict[int, list[int]]) -> Table:
    with store.read() as cur:
        meetings = {d.id: d.meeting_id for d in timeline.decision_lines(cur, None)}
        found = _by(
            records.published_decisions_by_council(cur), lambda pair: hoods_of.get(pair[0], [])
        )
    rows = []
    for hood in hoods:
        for _, d in found.get(hood.id, []):
            rows.append(
                (d.id, hood.code, d.decided_on, d.kind, d.proposal_ref, d.proposal_title,
                 d.amount, d.votes_for, d.votes_against, d.votes_abstain,
                 d.members_present, d.rationale, d.consultation_method or "geen",
                 meetings.get(d.id))
            )  # fmt: skip
    return Table(
        "besluiten",
        "Besluiten",
        "De gepubliceerde besluiten van de wijkraden, met de stemming en de motivering. Een "
        "raad van meer wijken staat bij elke wijk.",
        (
            f("besluit", "integer", "Nummer van het besluit."),
            WIJK,
            f("datum", "date", "Dag van het besluit."),
            f("soort", "string", "toekennen, bijstellen, afwijzen of overig."),
            REF,
            f("voorstel", "string", "Titel van het voorstel."),
            f("bedrag", "number", MONEY),
            f("voor", "integer", "Stemmen voor."),
            f("tegen", "integer", "Stemmen tegen."),
            f("onthouding", "integer", "Onthoudingen."),
            f("aanwezig", "integer", "Leden aanwezig bij de stemming."),
            f("motivering", "string", "Waarom de raad zo besloot."),
            f("bewoners_gevraagd", "string", "wijkpanel, bijeenkomst, stemming of geen."),
            f("vergadering", "integer", "Nummer van de openbare vergadering (zie vergaderingen)."),
        ),
        rows,
        key=("besluit", "wijk"),
    )


def _projects(
    store: Store, projects: dict[int, list[public.ProjectView]], codes: dict[int, str]
) -> Table:
    ids = [v.project.id for views in projects.values() for v in views]
    with store.read() as cur:
        places = timeline.project_places(cur, ids)
    rows = []
    for nid, views in projects.items():
        for v in views:
            place = places[v.project.id]
            field = iv3.taakveld(place.iv3_taakveld, place.theme_codes)
            step = v.next_step
            rows.append(
                (v.project.external_ref, codes[nid], place.part_name, v.project.title,
                 v.project.status, v.progress, v.milestones_done, v.milestones,
                 v.project.allocated, v.project.spent, ", ".join(v.project.themes),
                 field.code, field.name, field.by_theme, place.lat, place.lon, v.stalled,
                 step.what if step else None, step.planned_on if step else None)
            )  # fmt: skip
    return Table(
        "projecten",
        "Projecten",
        "Projecten waaraan de wijkraad geld toekende in een gepubliceerd besluit.",
        (
            REF, WIJK,
            f("buurt", "string", "Naam van de buurt, als die bekend is."),
            f("titel", "string", "Titel van het project."),
            f("status", "string", "besloten, in uitvoering, afgerond of afgewezen."),
            f("voortgang_pct", "integer", "Hoe ver het project is (0-100; onaf hooguit 95)."),
            f("mijlpalen_klaar", "integer", "Aantal mijlpalen dat klaar is."),
            f("mijlpalen", "integer", "Aantal mijlpalen."),
            f("toegekend", "number", MONEY),
            f("uitgegeven", "number", MONEY),
            f("themas", "string", "De thema's, gescheiden door komma's."),
            f("taakveld", "string", "Code van het Iv3-taakveld."),
            f("taakveld_naam", "string", "Naam van het Iv3-taakveld."),
            f("taakveld_via_thema", "boolean", "Het taakveld komt van het thema."),
            f("breedtegraad", "number", "Plek van het project (WGS 84), als die bekend is."),
            f("lengtegraad", "number", "Plek van het project (WGS 84), als die bekend is."),
            f("staat_stil", "boolean",
              "Al 12 weken of langer geen nieuwe stap, mijlpaal of betaling."),
            f("volgende_stap", "string", "De volgende mijlpaal die nog niet klaar is."),
            f("gepland_op", "date", "Geplande dag van de volgende stap."),
        ),
        rows,
        key=("kenmerk",),
    )  # fmt: skip


def _milestones(store: Store, projects: dict[int, list[public.ProjectView]]) -> Table:
    refs = {v.project.id: v.project.external_ref for views in projects.values() for v in views}
    with store.read() as cur:
        lines = records.milestones_of_projects(cur, list(refs))
    return Table(
        "mijlpalen",
        "Mijlpalen",
        "De stappen van elk project, met wat bewoners ervan merken.",
        (
            f("mijlpaal", "integer", "Nummer van de mijlpaal."),
            REF,
            f("titel", "string", "Wat er gebeurt."),
            f("status", "string", "gepland, bezig of klaar."),
            f("gepland_op", "date", "Geplande dag."),
            f("klaar_op", "date", "Dag waarop de stap klaar was."),
            f("wat_u_merkt", "string", "Wat bewoners ervan merken."),
            f("foto", "boolean", "Er is een foto van (te zien op de pagina van het project)."),
        ),
        [
            (
                m.id,
                refs[m.proposal_id],
                m.title,
                m.status,
                m.due_on,
                m.done_on,
                m.noticeable,
                m.photo_path is not None and m.status == "klaar",
            )
            for m in lines
        ],
        key=("mijlpaal",),
    )


def _payments(store: Store, codes: dict[int, str]) -> Table:
    with store.read() as cur:
        lines = timeline.neighbourhood_payments(cur, None)
    return Table(
        "betalingen",
        "Betalingen",
        "Betalingen voor de projecten (en correcties daarvan, als negatief bedrag), met dag "
        "en bedrag. Zonder omschrijving: die kan de naam van een leverancier bevatten.",
        (
            f("betaling", "integer", "Nummer van de betaling."),
            REF, WIJK,
            f("datum", "date", "Dag van de betaling."),
            f("bedrag", "number", MONEY),
            f("correctie", "boolean", "Deze boeking corrigeert een eerdere betaling."),
        ),
        [(p.id, p.external_ref, codes[p.neighbourhood_id], p.booked_on, p.amount,
          p.is_correction) for p in reversed(lines)],
        key=("betaling",),
    )  # fmt: skip


def _waiting(store: Store, hoods: list[Neighbourhood], today: date) -> Table:
    found = public.open_proposals_by_neighbourhood(store, today)
    rows = []
    for hood in hoods:
        for w in found.get(hood.id, []):
            p = w.proposal
            rows.append(
                (p.external_ref, hood.code, p.title, p.status, p.status_since, p.submitted_on,
                 w.quiet_weeks, w.stalled, w.next_step.planned_on)
            )  # fmt: skip
    return Table(
        "wacht_op_besluit",
        "Voorstellen die wachten op een besluit",
        "Voorstellen waarover de wijkraad nog niet (openbaar) heeft besloten.",
        (
            REF, WIJK,
            f("titel", "string", "Titel van het voorstel."),
            f("status", "string", "ingediend of in behandeling."),
            f("sinds", "date", "Sinds wanneer het voorstel deze status heeft."),
            f("ingediend", "date", "Dag van indienen."),
            f("weken_zonder_nieuws", "integer", "Hele weken zonder nieuwe stap."),
            f("staat_stil", "boolean", "Al 12 weken of langer niets gebeurd."),
            f("volgende_vergadering", "date", "De vergadering waarin de raad kan besluiten."),
        ),
        rows,
        key=("kenmerk",),
    )  # fmt: skip


def _meetings(store: Store, hoods: list[Neighbourhood], hoods_of: dict[int, list[int]]) -> Table:
    with store.read() as cur:
        minutes = {m.meeting_id: m for m in records.published_minutes(cur, None)}
        found = _by(timeline.public_meetings(cur, None), lambda m: hoods_of.get(m.council_id, []))
    rows = []
    for hood in hoods:
        for m in found.get(hood.id, []):
            notes = minutes.get(m.id)
            rows.append(
                (m.id, hood.code, m.held_on, m.starts_at, m.ends_at, m.location, m.agenda,
                 m.status, notes.members_present if notes else None,
                 notes.version if notes else None, notes.text if notes else None)
            )  # fmt: skip
    return Table(
        "vergaderingen",
        "Vergaderingen",
        "De openbare vergaderingen van de wijkraden, met de gepubliceerde notulen. Een raad "
        "van meer wijken staat bij elke wijk.",
        (
            f("vergadering", "integer", "Nummer van de vergadering."),
            WIJK,
            f("datum", "date", "Dag van de vergadering."),
            f("begint", "time", "Begintijd (Nederlandse tijd), als die bekend is."),
            f("eindigt", "time", "Eindtijd (Nederlandse tijd), als die bekend is."),
            f("plaats", "string", "Waar de vergadering is."),
            f("agenda", "string", "De agenda."),
            f("status", "string", "gepland of gehouden."),
            f("aanwezig", "integer", "Aantal raadsleden aanwezig (volgens de notulen)."),
            f("notulen_versie", "integer", "Versie van de gepubliceerde notulen."),
            f("notulen", "string", "De tekst van de nieuwste gepubliceerde notulen."),
        ),
        rows,
        key=("vergadering", "wijk"),
    )  # fmt: skip


def _councils(hoods: list[Neighbourhood], councils: dict[int, CouncilGroups]) -> Table:
    rows = []
    for hood in hoods:
        view = councils.get(hood.id)
        if view is not None:
            rows.append((hood.code, view.council_id, view.drawn, view.appointed))
    return Table(
        "wijkraden",
        "Wijkraden",
        "De wijkraad die nu zit, per wijk: hoeveel leden door loting zijn gekozen en hoeveel "
        "zijn benoemd.",
        (
            WIJK,
            f("wijkraad", "integer", "Nummer van de wijkraad."),
            f("gelote_leden", "integer", "Leden gekozen door loting."),
            f("benoemde_leden", "integer", "Benoemde leden (zoals gemeenteraadsleden)."),
        ),
        rows,
        key=("wijk",),
    )


def _council_groups(hoods: list[Neighbourhood], councils: dict[int, CouncilGroups]) -> Table:
    rows = []
    for hood in hoods:
        view = councils.get(hood.id)
        if view is None:
            continue
        for comparison_ in view.comparisons:
            for row in comparison_.rows:
                rows.append(
                    (hood.code, comparison_.feature, _group_name(row, view.part_names,
                     comparison_.feature), row.council, _pct(row.council_share),
                     _pct(row.population_share), view.population_year)
                )  # fmt: skip
    return Table(
        "wijkraad_groepen",
        "De gelote leden als groepen, naast de wijk",
        "Zoals op de pagina De wijkraad: een groep met minder dan 5 leden staat niet apart "
        "(samengevoegd, of leeg), en soms is ook een grotere groep leeg, zodat niemand een "
        "kleine groep kan uitrekenen. Een aandeel van de wijk van een groep met minder dan 5 "
        "inwoners is leeg.",
        (
            WIJK,
            f("kenmerk", "string", "age_band (leeftijd), gender (geslacht), education "
              "(opleiding), tenure (woning) of part (deel van de wijk)."),
            f("groep", "string", "De groep, of samengevoegde groepen (met +)."),
            f("in_de_raad", "integer", "Aantal gelote leden in de groep; leeg: niet getoond."),
            f("aandeel_raad_pct", "integer", "Aandeel van de gelote leden (procent)."),
            f("aandeel_wijk_pct", "integer",
              "Aandeel van de inwoners (procent; bij leeftijd en opleiding: 16 jaar en ouder)."),
            f("telling_jaar", "integer", "Jaar van de telling van de inwoners."),
        ),
        rows,
    )  # fmt: skip


def _group_name(row: GroupRow, part_names: dict[str, str], feature: str) -> str:
    def name(group: str) -> str:
        return part_names.get(group, group) if feature == "part" else group

    if row.is_others:
        return "overige groepen samen: " + ", ".join(name(g) for g in row.groups if g != OTHERS)
    return " + ".join(name(g) for g in row.groups)


def _pct(share: float | None) -> int | None:
    return None if share is None else round(100 * share)


def _ideas(store: Store, hoods: list[Neighbourhood]) -> Table:
    found = _by(public.ideas(store, None), lambda idea: [idea.neighbourhood_id])
    rows = []
    for hood in hoods:
        for idea in found.get(hood.id, []):
            rows.append(
                (idea.reference, hood.code, idea.status, idea.title, idea.description,
                 idea.estimated_cost, idea.theme, idea.part_name, _day(idea.submitted_at),
                 _day(idea.status_since), idea.rejection_reason, idea.merged_into_reference,
                 idea.proposal_reference)
            )  # fmt: skip
    return Table(
        "ideeen",
        "Ideeën van bewoners",
        "Ideeën die bewoners online indienden en die de organisatie heeft bekeken (zoals op "
        "de pagina Ideeën uit de buurt). Leeg waar de pagina het ook niet laat zien.",
        (
            f("referentie", "string", "Referentie van het idee, zoals I-2026-0007."),
            WIJK,
            f("status", "string", "gepubliceerd, voorstel, samengevoegd of afgewezen."),
            f("titel", "string", "Titel (leeg als die niet getoond wordt)."),
            f("omschrijving", "string", "Omschrijving (alleen bij een open idee)."),
            f("geschatte_kosten", "number", MONEY),
            f("thema", "string", "Thema."),
            f("buurt", "string", "Naam van de buurt."),
            f("ingediend_op", "date", "Dag van indienen."),
            f("status_sinds", "date", "Sinds wanneer deze status."),
            f("reden_afwijzing", "string", "Waarom het idee is afgewezen."),
            f("samengevoegd_met", "string", "Referentie van het idee waarmee het samenging."),
            f("voorstel", "string", "Kenmerk van het voorstel dat ervan kwam."),
        ),
        rows,
        key=("referentie",),
    )  # fmt: skip


def _day(moment: datetime) -> date:
    """The day of a stored moment (naive UTC) in Wijkdam, as the ideas page shows it."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(AMSTERDAM).date()


def _by(items: Iterable[T], hoods: Callable[[T], Iterable[int]]) -> dict[int, list[T]]:
    """`items` per neighbourhood id, each under every neighbourhood `hoods` names (a
    council of several neighbourhoods stands at each), in their order."""
    grouped: dict[int, list[T]] = {}
    for item in items:
        for hood in hoods(item):
            grouped.setdefault(hood, []).append(item)
    return grouped
