"""Council history for the demo municipality: councils drawn from the register, their
meetings, proposals in every status, decisions with votes and reasons, allocations,
spending and milestones, with the irregularities real data has (stalled proposals, an
overspent project, a reversed transaction, a decision still in draft).

Everything is built as rows in memory and bulk-loaded, so ten years of a hundred
neighbourhoods load in seconds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from dashboard.domain import iv3
from data.demo_draw import DemoDraw, demo_draw

THEMES = [
    ("energietransitie", "Energietransitie"),
    ("veilig_gezond", "Veilig en gezond"),
    ("klimaatadaptatie", "Klimaatadaptatie"),
    ("openbare_ruimte", "Openbare ruimte"),
    ("sociale_samenhang", "Sociale samenhang"),
    ("jeugd", "Jeugd"),
    ("zorg_welzijn", "Zorg en welzijn"),
]

TITLES: dict[str, list[str]] = {
    "energietransitie": ["Samen zonnepanelen inkopen in {part}", "Energiecoaches voor {part}",
                         "Warmtescans voor huurwoningen", "Isolatiecafé in het buurthuis"],
    "veilig_gezond": ["Betere verlichting in {part}", "Beweegtuin bij het buurthuis",
                      "Veilige oversteek bij de school", "Wandelgroep voor iedereen"],
    "klimaatadaptatie": ["Geveltuinen in {part}", "Regentonnen voor {part}",
                         "Tegels eruit, groen erin", "Schaduwbomen op het plein"],
    "openbare_ruimte": ["Nieuwe bankjes in {part}", "Speelplek opknappen in {part}",
                        "Buurtmoestuin", "Kunst in de onderdoorgang"],
    "sociale_samenhang": ["Buurtfeest {part}", "Repaircafé in het buurthuis",
                          "Straatgesprekken in {part}", "Burendag met de hele buurt"],
    "jeugd": ["Voetbalkooi in {part}", "Huiswerkklas voor de buurt",
              "Jongerenplek met overkapping", "Zomerkamp voor kinderen"],
    "zorg_welzijn": ["Ontmoetingsochtend voor ouderen", "Samen eten op vrijdag",
                     "Buurtbus naar de huisarts", "Mantelzorgcafé"],
}  # fmt: skip

REASONS_YES = [
    "Veel buren hebben om dit gevraagd en het past binnen het budget.",
    "Het wijkpanel steunde dit plan; het helpt vooral bewoners die we weinig horen.",
    "Het plan is goed uitgewerkt en de kosten zijn redelijk.",
    "Dit sluit aan bij wat de gemeente al doet, zodat het geld verder reikt.",
]
REASONS_NO = [
    "Het plan is nog niet uitgewerkt genoeg; de indieners mogen het opnieuw indienen.",
    "Dit is een taak van de gemeente zelf en hoort niet uit het wijkbudget.",
    "De kosten zijn te hoog voor wat het de buurt oplevert.",
]
NOTICEABLE = [
    "U ziet de eerste resultaten op straat.",
    "Bewoners kunnen zich aanmelden in het buurthuis.",
    "Het werk is klaar en in gebruik.",
]
SUBMITTERS = (["bewoner", "raadslid", "gemeente", "partner"], [0.6, 0.15, 0.1, 0.15])
CONSULTATION_METHODS = (["wijkpanel", "bijeenkomst", "stemming", "geen"], [0.4, 0.3, 0.1, 0.2])
# Chance that an invited person volunteers, by age band: young people answer less.
YES_RATE = {"16-24": 0.04, "25-44": 0.07, "45-64": 0.10, "65+": 0.13}
EDUCATION_FACTOR = {"laag": 0.6, "middelbaar": 1.0, "hoog": 1.5, "onbekend": 1.0}
SEATS_DRAWN, SEATS_APPOINTED, TERM_MONTHS, MEETING_WEEKS = 11, 4, 24, 6
CENT = Decimal("0.01")
MEETING_STARTS, MEETING_ENDS = time(19, 30), time(21, 30)  # Europe/Amsterdam


@dataclass(frozen=True)
class HoodInfo:
    id: int
    name: str
    part_ids: list[int]
    part_names: list[str]
    ring: list[tuple[float, float]]  # (lon, lat)


@dataclass
class Rows:
    """Rows per table with local ids; loaded into an empty database as they are."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, table: str, **values: Any) -> int:
        rows = self.tables[table]
        if "id" not in values and table not in _NO_ID:
            values = {"id": len(rows) + 1, **values}
        rows.append(values)
        return int(values.get("id", 0))

    def frames(self) -> list[tuple[str, pd.DataFrame]]:
        """Tables in load order. Rows that point at a row of their own table (a reversal,
        a sub-project) come in a second batch: foreign keys are checked per statement."""
        result = []
        for table in LOAD_ORDER:
            if not self.tables.get(table):
                continue
            frame = pd.DataFrame(self.tables[table])
            own = SELF_REFERENCES.get(table)
            if own and frame[own].notna().any():
                pointing = frame[own].notna()
                result += [(table, frame[~pointing]), (table, frame[pointing])]
            else:
                result.append((table, frame))
        return result


SELF_REFERENCES = {
    "spending_transaction": "reverses_id",
    "allocation": "reverses_id",
    "proposal": "parent_id",
    "budget_envelope": "carried_from_id",
}
_NO_ID = {
    "council_neighbourhood", "proposal_theme", "meeting_attendance", "selection_probability",
    "idea_contact", "meeting_time",
}  # fmt: skip
LOAD_ORDER = [
    "theme", "council", "council_neighbourhood", "term", "panel", "draw", "invitation",
    "response", "quota", "selection_probability", "panel_member", "replacement", "seat",
    "budget_envelope", "proposal",
    "proposal_theme", "proposal_status_change", "meeting", "meeting_time", "meeting_attendance",
    "consultation", "consultation_option", "decision", "allocation",
    "spending_transaction", "milestone", "idea", "idea_contact",
]  # fmt: skip


def build_history(
    rng: np.random.Generator,
    hoods: list[HoodInfo],
    residents: pd.DataFrame,
    today: date,
    years: int,
) -> Rows:
    rows = Rows()
    theme_ids = {code: rows.add("theme", code=code, name=name) for code, name in THEMES}
    first_year = today.year - years + 1
    eligible = _eligible_by_hood(residents, today)
    builder = _Builder(rng, rows, theme_ids, today, first_year)
    for index, hood in enumerate(hoods):
        builder.neighbourhood(index, hood, eligible.get(hood.id))
    builder.irregularities()
    return rows


def _eligible_by_hood(residents: pd.DataFrame, today: date) -> dict[int, pd.DataFrame]:
    birth = pd.to_datetime(residents["birth_date"])
    age = (pd.Timestamp(today) - birth).dt.days // 365
    columns = ["id", "household_id", "neighbourhood_id", "part_id", "education", "gender"]
    adults = residents.loc[age >= 16, columns]
    adults = adults.assign(age=age[age >= 16])
    return {int(k): v for k, v in adults.groupby("neighbourhood_id")}


def _band(age: int) -> str:
    return "16-24" if age <= 24 else "25-44" if age <= 44 else "45-64" if age <= 64 else "65+"


class _Builder:
    def __init__(
        self,
        rng: np.random.Generator,
        rows: Rows,
        theme_ids: dict[str, int],
        today: date,
        first_year: int,
    ) -> None:
        self.rng, self.rows, self.theme_ids = rng, rows, theme_ids
        self.today, self.first_year = today, first_year
        self.proposal_count = 0
        self.reference_count = 0
        self.executed: list[int] = []  # allocation ids of finished projects, for irregularities

    # One neighbourhood -------------------------------------------------------------

    def neighbourhood(self, index: int, hood: HoodInfo, adults: pd.DataFrame | None) -> None:
        history_start = date(self.first_year, 1, 1)
        council_id = self.rows.add(
            "council",
            name=f"Wijkraad {hood.name}",
            kind="wijkraad",
            seats_drawn=SEATS_DRAWN,
            seats_appointed=SEATS_APPOINTED,
            term_months=TERM_MONTHS,
            eligible_age=16,
            quorum=(SEATS_DRAWN + SEATS_APPOINTED) // 2 + 1,
            cool_down_months=24,
            created_at=_at(history_start - timedelta(days=120)),
        )
        self.rows.add("council_neighbourhood", council_id=council_id, neighbourhood_id=hood.id)
        self.rows.add(
            "panel",
            council_id=council_id,
            neighbourhood_id=hood.id,
            name=f"Wijkpanel {hood.name}",
            target_size=400,
            created_at=_at(history_start - timedelta(days=60)),
        )
        method = "direct" if index % 6 == 5 else "two_stage"
        seat_ids = self.terms(council_id, hood, adults, history_start, method)
        meetings = self.meetings(council_id, hood, history_start, seat_ids)
        envelopes = self.envelopes(hood)
        consultations = self.consultations(hood, index)
        self.proposals(council_id, hood, meetings, envelopes, consultations)

    def terms(
        self,
        council_id: int,
        hood: HoodInfo,
        adults: pd.DataFrame | None,
        history_start: date,
        method: str,
    ) -> dict[int, list[int]]:
        """Terms, their draws and seats; returns seat ids per term id."""
        offset = int(self.rng.integers(0, 12))
        start = _add_months(history_start, -offset)
        seats: dict[int, list[int]] = {}
        number = 1
        while start <= self.today:
            end = _add_months(start, TERM_MONTHS)
            term_id = self.rows.add(
                "term", council_id=council_id, number=number, starts_on=start, ends_on=end
            )
            seats[term_id] = self.draw_and_seat(council_id, term_id, hood, adults, start, method)
            start, number = end, number + 1
        return seats

    def draw_and_seat(
        self,
        council_id: int,
        term_id: int,
        hood: HoodInfo,
        adults: pd.DataFrame | None,
        starts_on: date,
        method: str,
    ) -> list[int]:
        drawn_on = starts_on - timedelta(days=75)
        draw_id = self.rows.add(
            "draw",
            council_id=council_id,
            purpose="council",
            method=method,
            stage="done",
            algorithm=None,
            k=SEATS_DRAWN,
            parameters_json=json.dumps(
                {
                    "demo": True,
                    "note": "demo history: members drawn uniformly from volunteers",
                    "term_id": term_id,
                }
            ),
            commitment=None,
            seed_inputs_json=None,
            chosen_index=None,
            code_version=None,
            bundle_json=None,
            status="completed",
            created_at=_at(drawn_on),
            completed_at=_at(drawn_on + timedelta(days=45)),
        )
        seat_ids = []
        volunteers: list[int] = []
        if adults is not None and len(adults) > 0:
            volunteers = self.invitations(draw_id, adults, hood, drawn_on, method)
        chosen, reserves = volunteers[:SEATS_DRAWN], volunteers[SEATS_DRAWN : SEATS_DRAWN + 5]
        fair = None
        if method == "two_stage" and adults is not None:
            fair = self.fair_draw(draw_id, term_id, adults, hood, volunteers, drawn_on)
        if fair is not None:
            chosen, reserves = fair.members, fair.reserves
        member_ids = []
        for position, resident_id in enumerate(chosen):
            member_ids.append(
                self.rows.add(
                    "panel_member",
                    draw_id=draw_id,
                    resident_id=resident_id,
                    status="confirmed",
                    reserve_rank=None,
                    status_changed_at=_at(drawn_on + timedelta(days=40)),
                )
            )
            seat_ids.append(
                self.rows.add(
                    "seat",
                    council_id=council_id,
                    term_id=term_id,
                    kind="drawn",
                    resident_id=resident_id,
                    panel_member_id=member_ids[-1],
                    appointed_role=None,
                    is_chair=position == 0,
                    starts_on=starts_on,
                    ends_on=None,
                    end_reason=None,
                )
            )
        for position, resident_id in enumerate(reserves):
            self.rows.add(
                "panel_member",
                draw_id=draw_id,
                resident_id=resident_id,
                status="reserve",
                reserve_rank=position + 1,
                status_changed_at=_at(drawn_on + timedelta(days=40)),
            )
        for number in range(SEATS_APPOINTED):
            seat_ids.append(
                self.rows.add(
                    "seat",
                    council_id=council_id,
                    term_id=term_id,
                    kind="appointed",
                    resident_id=None,
                    panel_member_id=None,
                    appointed_role=f"Gemeenteraadslid (fractie {'ABCDEFG'[number]})",
                    is_chair=False,
                    starts_on=starts_on,
                    ends_on=None,
                    end_reason=None,
                )
            )
        return seat_ids

    def fair_draw(
        self,
        draw_id: int,
        term_id: int,
        adults: pd.DataFrame,
        hood: HoodInfo,
        volunteers: list[int],
        drawn_on: date,
    ) -> DemoDraw | None:
        """Select the council from the volunteers as the app does (quotas, leximin,
        lottery, public inputs) and record the draw's bundle, quotas and probabilities."""
        parts = dict(zip(hood.part_ids, hood.part_names, strict=True))
        people = adults.assign(part=adults["part_id"].map(parts))
        pool = people.set_index("id").loc[volunteers].reset_index()
        secret = self.rng.bytes(16).hex()  # the draw's id secret (private), from the seed
        fair = demo_draw(self.rng, pool, people, SEATS_DRAWN, self.today, drawn_on, secret)
        if fair is None:
            return None
        ceremony = fair.bundle["ceremony"]
        self.rows.tables["draw"][draw_id - 1].update(
            algorithm="leximin",
            parameters_json=json.dumps(
                {"m": fair.bundle["parameters"]["m"], "term_id": term_id, "id_secret": secret}
            ),
            commitment=fair.bundle["commitment"],
            seed_inputs_json=json.dumps(ceremony["inputs"], ensure_ascii=False),
            chosen_index=ceremony["chosen_index"],
            code_version=fair.bundle["code_version"],
            bundle_json=fair.bundle_json,
        )
        for q in fair.quotas.quotas:
            self.rows.add(
                "quota", draw_id=draw_id, feature=q.feature, value=q.value,
                min_count=q.min, max_count=q.max,
            )  # fmt: skip
        for resident_id, probability in fair.probabilities.items():
            self.rows.add(
                "selection_probability",
                draw_id=draw_id,
                resident_id=resident_id,
                probability=probability,
            )
        return fair

    def invitations(
        self, draw_id: int, adults: pd.DataFrame, hood: HoodInfo, drawn_on: date, method: str
    ) -> list[int]:
        """Invite households, record answers; returns the volunteers in a random order."""
        per_household = adults.drop_duplicates("household_id")
        size = min(len(per_household), 150 if method == "direct" else 450)
        picked = per_household.iloc[self.rng.choice(len(per_household), size, replace=False)]
        probability = size / len(per_household)
        volunteers = []
        for resident_id, household_id, education, age in picked[
            ["id", "household_id", "education", "age"]
        ].itertuples(index=False):
            band = _band(int(age))
            invitation_id = self.rows.add(
                "invitation",
                draw_id=draw_id,
                resident_id=int(resident_id),
                household_id=int(household_id),
                stratum=f"{hood.name} / {band}",
                inclusion_probability=probability,
                channel="huisbezoek" if method == "direct" else "brief",
                sent_on=drawn_on,
            )
            rate = YES_RATE[band] * EDUCATION_FACTOR[str(education)]
            if method == "direct":
                rate *= 2.2  # a knock on the door persuades more people than a letter
            roll = self.rng.random()
            if roll < rate:
                outcome = "ja"
                volunteers.append(int(resident_id))
            elif method == "direct":
                outcome = "niet thuis" if roll < rate + 0.25 else "nee"
            elif roll < rate + 0.05:
                outcome = "nee"
            else:
                continue  # most letters get no answer at all
            self.rows.add(
                "response",
                invitation_id=invitation_id,
                answered_at=_at(drawn_on + timedelta(days=int(self.rng.integers(3, 30)))),
                outcome=outcome,
                age_band=band,
                education=str(education),
            )
        self.rng.shuffle(volunteers)
        return volunteers

    def meetings(
        self, council_id: int, hood: HoodInfo, history_start: date, seat_ids: dict[int, list[int]]
    ) -> list[tuple[int, date]]:
        first = history_start + timedelta(days=int(self.rng.integers(7, 40)))
        result = []
        held_on = first
        horizon = self.today + timedelta(weeks=3 * MEETING_WEEKS)
        all_seats = [s for seats in seat_ids.values() for s in seats]
        while held_on <= horizon:
            done = held_on <= self.today
            meeting_id = self.rows.add(
                "meeting",
                council_id=council_id,
                held_on=held_on,
                location=f"Buurthuis {hood.name}",
                agenda="Opening; voorstellen van bewoners; besluiten; voortgang projecten; "
                "rondvraag",
                is_public=True,
                status="gehouden" if done else "gepland",
            )
            self.rows.add(
                "meeting_time", meeting_id=meeting_id, starts_at=MEETING_STARTS,
                ends_at=MEETING_ENDS,
            )  # fmt: skip
            if done and all_seats:
                present = self.rng.choice(all_seats, size=min(len(all_seats), 12), replace=False)
                for seat_id in present:
                    self.rows.add("meeting_attendance", meeting_id=meeting_id, seat_id=int(seat_id))
            result.append((meeting_id, held_on))
            held_on += timedelta(weeks=MEETING_WEEKS)
        return result

    def envelopes(self, hood: HoodInfo) -> dict[int, list[list[Any]]]:
        """Per year: [envelope id, amount still available] lists, municipality first."""
        result: dict[int, list[list[Any]]] = {}
        for year in range(self.first_year, self.today.year + 1):
            year_envelopes = []
            sources = [("gemeente", 80_000, 200_000, 1.0, "carry_over")]
            sources += [("woningcorporatie", 10_000, 50_000, 0.6, "return")]
            sources += [("fonds", 5_000, 25_000, 0.4, "return")]
            for source, low, high, chance, rule in sources:
                if self.rng.random() > chance:
                    continue
                amount = Decimal(int(self.rng.integers(low // 1000, high // 1000 + 1)) * 1000)
                envelope_id = self.rows.add(
                    "budget_envelope",
                    neighbourhood_id=hood.id,
                    year=year,
                    source=source,
                    amount=str(amount),
                    description=f"Wijkbudget {year} ({source})",
                    year_end_rule=rule,
                    carried_from_id=None,
                    created_at=_at(date(year, 1, 1) - timedelta(days=30)),
                )
                year_envelopes.append([envelope_id, amount])
            result[year] = year_envelopes
        return result

    def consultations(self, hood: HoodInfo, index: int) -> list[tuple[int, str, date]]:
        result = []
        for year in range(self.first_year, self.today.year + 1):
            opens = date(year, 3, 1) + timedelta(days=int(self.rng.integers(0, 120)))
            if opens > self.today:
                continue
            participants = int(self.rng.integers(120, 320))
            consultation_id = self.rows.add(
                "consultation",
                neighbourhood_id=hood.id,
                panel_id=None,
                kind="peiling",
                question=f"Wat vindt u het belangrijkst voor {hood.name} in {year}?",
                amount=None,
                opens_on=opens,
                closes_on=opens + timedelta(days=21),
                participants=participants,
            )
            self._options(consultation_id, participants, ["Groen", "Veiligheid", "Ontmoeten"])
            result.append((consultation_id, "wijkpanel", opens + timedelta(days=21)))
        if index == 0:  # one neighbourhood-wide vote, as in Oosterparkwijk
            opens = self.today - timedelta(days=200)
            participants = int(self.rng.integers(900, 1300))
            consultation_id = self.rows.add(
                "consultation",
                neighbourhood_id=hood.id,
                panel_id=None,
                kind="stemming",
                question="Hoe verdelen we € 25.000 over de ideeën uit de buurt?",
                amount="25000.00",
                opens_on=opens,
                closes_on=opens + timedelta(days=28),
                participants=participants,
            )
            self._options(
                consultation_id,
                participants,
                ["Speeltuin", "Buurtmoestuin", "Bankjes", "Muurschildering", "Buurtfeest"],
            )
            result.append((consultation_id, "stemming", opens + timedelta(days=28)))
        return result

    def _options(self, consultation_id: int, participants: int, labels: list[str]) -> None:
        shares = self.rng.dirichlet(np.full(len(labels), 2.0))
        counts = np.floor(shares * participants).astype(int)
        counts[0] += participants - counts.sum()
        for label, votes in zip(labels, counts, strict=True):
            self.rows.add(
                "consultation_option",
                consultation_id=consultation_id,
                label=label,
                votes=int(votes),
                proposal_id=None,
            )

    # Proposals and money -----------------------------------------------------------

    def proposals(
        self,
        council_id: int,
        hood: HoodInfo,
        meetings: list[tuple[int, date]],
        envelopes: dict[int, list[list[Any]]],
        consultations: list[tuple[int, str, date]],
    ) -> None:
        submissions = []
        for year in range(self.first_year, self.today.year + 1):
            last_day = min(date(year, 12, 31), self.today)
            span = (last_day - date(year, 1, 1)).days
            for _ in range(int(self.rng.poisson(16 * (span + 1) / 365))):
                submissions.append(
                    date(year, 1, 1) + timedelta(days=int(self.rng.integers(0, span + 1)))
                )
        for submitted in sorted(submissions):
            self.proposal(council_id, hood, submitted, meetings, envelopes, consultations)

    def proposal(
        self,
        council_id: int,
        hood: HoodInfo,
        submitted: date,
        meetings: list[tuple[int, date]],
        envelopes: dict[int, list[list[Any]]],
        consultations: list[tuple[int, str, date]],
    ) -> None:
        rng = self.rng
        theme_codes = list(self.theme_ids)
        themes = rng.choice(len(theme_codes), size=int(rng.integers(1, 3)), replace=False)
        main_theme = theme_codes[int(themes[0])]
        part = int(rng.integers(0, len(hood.part_ids)))
        title = str(rng.choice(TITLES[main_theme])).format(part=hood.part_names[part])
        requested = Decimal(int(np.clip(rng.lognormal(np.log(9000), 0.8), 500, 60_000)) // 50 * 50)
        self.proposal_count += 1
        lon, lat = _point_in(rng, hood.ring)
        proposal_id = self.rows.add(
            "proposal",
            external_ref=f"WR-{submitted.year}-{self.proposal_count:05d}",
            neighbourhood_id=hood.id,
            council_id=council_id,
            parent_id=None,
            title=title,
            description=f"{title}. Ingediend om {hood.part_names[part]} prettiger te maken; "
            "de indieners helpen zelf mee.",
            submitter_type=str(rng.choice(SUBMITTERS[0], p=SUBMITTERS[1])),
            requested_amount=str(requested),
            part_id=hood.part_ids[part],
            location_lat=lat,
            location_lon=lon,
            status="ingediend",
            iv3_taakveld=iv3.for_theme(main_theme),
            feasibility=None,
            cost_estimate=None,
            rejection_reason=None,
            submitted_on=submitted,
            created_at=_at(submitted),
        )
        for theme in themes:
            self.rows.add(
                "proposal_theme",
                proposal_id=proposal_id,
                theme_id=self.theme_ids[theme_codes[int(theme)]],
            )
        status = self._status(proposal_id, None, "ingediend", submitted)
        review = submitted + timedelta(days=int(rng.integers(7, 42)))
        if review > self.today:
            return self._finish(proposal_id, status)
        status = self._status(proposal_id, status, "in behandeling", review)
        self._set(proposal_id, feasibility="haalbaar", cost_estimate=str(requested))
        ready = review + timedelta(days=int(rng.integers(14, 70)))
        if rng.random() < 0.12:
            ready += timedelta(days=int(rng.integers(150, 400)))  # stalls for months
        meeting = next(((m, d) for m, d in meetings if d >= ready), None)
        if meeting is None or meeting[1] > self.today:
            return self._finish(proposal_id, status)
        meeting_id, decided_on = meeting
        available = self._available(envelopes.get(decided_on.year, []))
        approve = rng.random() < 0.8 and available >= requested * Decimal("0.3")
        amount = min(requested, available // 50 * 50) if approve else None
        draft = (self.today - decided_on).days < 14 and rng.random() < 0.7
        consultation = next(
            ((c, kind) for c, kind, closes in reversed(consultations) if closes <= decided_on),
            None,
        )
        decision_id = self._decision(
            council_id, meeting_id, proposal_id, decided_on, amount, draft, consultation
        )
        if amount is None:
            self._set(proposal_id, rejection_reason=str(rng.choice(REASONS_NO)))
            status = self._status(proposal_id, status, "afgewezen", decided_on)
            return self._finish(proposal_id, status)
        status = self._status(proposal_id, status, "besloten", decided_on)
        allocation_ids = self._allocate(
            envelopes[decided_on.year], decision_id, proposal_id, amount, decided_on
        )
        start = decided_on + timedelta(days=int(rng.integers(14, 60)))
        finish = start + timedelta(days=int(rng.integers(60, 300)))
        self._milestones(proposal_id, decided_on, start, finish)
        if start > self.today or draft:
            return self._finish(proposal_id, status)
        status = self._status(proposal_id, status, "in uitvoering", start)
        done = finish <= self.today
        share = rng.uniform(0.9, 1.0) if done else rng.uniform(0.15, 0.8)
        self._spend(allocation_ids, share, start, min(finish, self.today))
        if done:
            status = self._status(proposal_id, status, "afgerond", finish)
            self.executed.extend(allocation_ids)
        self._finish(proposal_id, status)

    def _decision(
        self,
        council_id: int,
        meeting_id: int,
        proposal_id: int,
        decided_on: date,
        amount: Decimal | None,
        draft: bool,
        consultation: tuple[int, str] | None,
    ) -> int:
        rng = self.rng
        seats = SEATS_DRAWN + SEATS_APPOINTED
        quorum = seats // 2 + 1
        present = int(rng.integers(quorum, seats + 1))
        majority = int(rng.integers(present // 2 + 1, present + 1))
        abstain = int(rng.integers(0, present - majority + 1))
        minority = present - majority - abstain
        votes = (majority, minority) if amount is not None else (minority, majority)
        method = str(rng.choice(CONSULTATION_METHODS[0], p=CONSULTATION_METHODS[1]))
        consultation_id = None
        if consultation is not None and method in ("wijkpanel", "stemming"):
            consultation_id, method = consultation
        return self.rows.add(
            "decision",
            council_id=council_id,
            meeting_id=meeting_id,
            proposal_id=proposal_id,
            consultation_id=consultation_id,
            kind="toekennen" if amount is not None else "afwijzen",
            amount=None if amount is None else str(amount),
            votes_for=votes[0],
            votes_against=votes[1],
            votes_abstain=abstain,
            members_present=present,
            quorum_met=True,
            rationale=str(rng.choice(REASONS_YES if amount is not None else REASONS_NO)),
            consultation_method=method,
            status="concept" if draft else "gepubliceerd",
            decided_on=decided_on,
            published_at=None if draft else _at(decided_on + timedelta(days=7)),
        )

    def _available(self, envelopes: list[list[Any]]) -> Decimal:
        return sum((e[1] for e in envelopes), Decimal(0))

    def _allocate(
        self,
        envelopes: list[list[Any]],
        decision_id: int,
        proposal_id: int,
        amount: Decimal,
        booked_on: date,
    ) -> list[int]:
        """Take the amount from the year's envelopes, municipality first."""
        ids = []
        left = amount
        for envelope in envelopes:
            take = min(left, envelope[1])
            if take <= 0:
                continue
            envelope[1] -= take
            left -= take
            ids.append(
                self.rows.add(
                    "allocation",
                    decision_id=decision_id,
                    proposal_id=proposal_id,
                    envelope_id=envelope[0],
                    amount=str(take.quantize(CENT)),
                    booked_on=booked_on,
                    reverses_id=None,
                    created_at=_at(booked_on),
                )
            )
            if left == 0:
                break
        return ids

    def _spend(self, allocation_ids: list[int], share: float, start: date, end: date) -> None:
        for allocation_id in allocation_ids:
            allocated = Decimal(self.rows.tables["allocation"][allocation_id - 1]["amount"])
            total = (allocated * Decimal(str(round(share, 4)))).quantize(CENT)
            pieces = int(self.rng.integers(1, 5))
            cuts = np.sort(self.rng.random(pieces - 1))
            parts = np.diff(np.concatenate([[0.0], cuts, [1.0]]))
            booked = Decimal(0)
            span = max((end - start).days, 0)  # never after `end` (today at the latest)
            days = np.sort(self.rng.integers(0, span + 1, pieces))
            for number, (fraction, day) in enumerate(zip(parts, days, strict=True)):
                if number == pieces - 1:
                    value = total - booked
                else:
                    value = (total * Decimal(str(round(float(fraction), 4)))).quantize(CENT)
                booked += value
                self.transaction(allocation_id, value, start + timedelta(days=int(day)))

    def transaction(
        self,
        allocation_id: int,
        amount: Decimal,
        booked_on: date,
        description: str = "Factuur leverancier",
        reverses_id: int | None = None,
    ) -> int:
        self.reference_count += 1
        return self.rows.add(
            "spending_transaction",
            allocation_id=allocation_id,
            reference=f"FIN-{booked_on.year}-{self.reference_count:06d}",
            booked_on=booked_on,
            amount=str(amount),
            description=description,
            source="import",
            import_batch=f"financien-{booked_on.year}-{booked_on.month:02d}",
            reverses_id=reverses_id,
            created_at=_at(booked_on),
        )

    def _milestones(self, proposal_id: int, decided: date, start: date, finish: date) -> None:
        plan = [
            ("Voorbereiding en offertes", decided + (start - decided) / 2, NOTICEABLE[1]),
            ("Uitvoering gestart", start, NOTICEABLE[0]),
            ("Opgeleverd", finish, NOTICEABLE[2]),
        ]
        for title, due, noticeable in plan:
            done = due <= self.today
            self.rows.add(
                "milestone",
                proposal_id=proposal_id,
                title=title,
                due_on=due,
                done_on=due if done else None,
                status="klaar" if done else "gepland",
                noticeable=noticeable,
                photo_path=None,
                progress_pct=100 if done else 0,
            )

    def _status(self, proposal_id: int, old: str | None, new: str, on: date) -> str:
        self.rows.add(
            "proposal_status_change",
            proposal_id=proposal_id,
            from_status=old,
            to_status=new,
            changed_on=on,
            note=None,
        )
        return new

    def _set(self, proposal_id: int, **values: Any) -> None:
        self.rows.tables["proposal"][proposal_id - 1].update(values)

    def _finish(self, proposal_id: int, status: str) -> None:
        self._set(proposal_id, status=status)

    # Irregularities ------------------------------------------------------------------

    def irregularities(self) -> None:
        """One overspent project and one booking that was reversed."""
        if len(self.executed) < 2:
            return
        overspent, corrected = self.executed[0], self.executed[-1]
        allocation = self.rows.tables["allocation"][overspent - 1]
        extra = (Decimal(allocation["amount"]) * Decimal("0.18")).quantize(CENT)
        day = min(allocation["booked_on"] + timedelta(days=200), self.today)
        self.transaction(overspent, extra, day, "Meerwerk aannemer")
        booked = self.rows.tables["allocation"][corrected - 1]["booked_on"]
        day = min(booked + timedelta(days=30), self.today - timedelta(days=9))
        wrong = self.transaction(corrected, Decimal("1250.00"), day, "Factuur dubbel geboekt")
        self.transaction(corrected, Decimal("-1250.00"), day + timedelta(days=9),
                         "Correctie: factuur dubbel geboekt", reverses_id=wrong)  # fmt: skip


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 19, 30)


def _point_in(rng: np.random.Generator, ring: list[tuple[float, float]]) -> tuple[float, float]:
    """A point near the middle of a roughly convex ring."""
    points = np.array(ring[:-1])
    weights = rng.dirichlet(np.full(len(points), 3.0))
    lon, lat = weights @ points
    return float(lon), float(lat)
