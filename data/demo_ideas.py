"""Ideas residents proposed online in the demo municipality: a handful per neighbourhood
in every status (waiting, published, merged, rejected, and one that became a proposal), so
that the residents' list and the organisers' tab are not empty on a fresh demo.

Deterministic, and on a random generator of its own (from the seed), so the rest of the
demo is the same with or without them. The contacts are fictitious (Faker nl_NL) with
example.nl addresses; like the register's names they never reach a public page.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import numpy as np
from faker import Faker

from dashboard.domain.ideas import reference
from data.history import HoodInfo, Rows, _point_in


@dataclass(frozen=True)
class _Text:
    theme: str
    title: str
    description: str
    cost: int


IDEAS = [
    _Text("openbare_ruimte", "Picknicktafel bij het speelveld",
          "Ouders zitten nu op de stoeprand als hun kinderen spelen. Een picknicktafel "
          "naast het speelveld maakt het gezelliger; buren willen hem samen schilderen.",
          1800),
    _Text("klimaatadaptatie", "Boomspiegels beplanten in onze straat",
          "Rond de bomen ligt kale grond. Met vaste planten wordt het groener en zakt "
          "regenwater beter weg. Wij zorgen voor het water geven in de zomer.", 950),
    _Text("sociale_samenhang", "Kerstmarkt op het plein",
          "Een kleine kerstmarkt met kraampjes van buren, warme chocolademelk en muziek "
          "van de school. Zo leren nieuwe bewoners de buurt kennen.", 2400),
    _Text("jeugd", "Pannakooi voor de tieners",
          "Jongeren hangen rond bij de winkels omdat er niets voor ze is. Een kleine "
          "pannakooi geeft ze een eigen plek om te voetballen.", 14000),
    _Text("veilig_gezond", "Drempel bij de basisschool",
          "Auto's rijden te hard langs de school. Een drempel of een versmalling maakt de "
          "oversteek veiliger voor de kinderen.", 6500),
    _Text("energietransitie", "Samen een warmtecamera lenen",
          "Met een warmtecamera zie je waar je huis warmte verliest. Als buurt kunnen we er "
          "samen een kopen en uitlenen, met een avond uitleg.", 700),
    _Text("zorg_welzijn", "Koffieochtend voor alleenstaande ouderen",
          "Elke week een ochtend koffie en een praatje in het buurthuis, met vrijwilligers "
          "die ouderen thuis ophalen als dat nodig is.", 1200),
    _Text("openbare_ruimte", "Een bankje bij de bushalte",
          "Bij de bushalte staat geen bankje. Voor ouderen en mensen met boodschappen is "
          "het lang staan. Een bankje zou veel helpen.", 900),
]  # fmt: skip
SAME_AS = "Nog een bankje erbij"  # the duplicate that is merged into the idea before it
REJECTED_REASON = (
    "Losliggende stoeptegels zijn onderhoud dat de gemeente zelf doet. We hebben uw melding "
    "doorgegeven aan de wijkbeheerder; het geld van de wijk is voor nieuwe plannen."
)


def add_ideas(rows: Rows, hoods: list[HoodInfo], today: date, seed: int) -> None:
    """Six ideas per neighbourhood into `rows` (tables idea and idea_contact)."""
    rng = np.random.default_rng([seed, 16])
    faker = Faker("nl_NL")
    faker.seed_instance(seed + 16)
    themes = {str(t["code"]): int(t["id"]) for t in rows.tables["theme"]}
    counter = _Counter()
    for hood in hoods:
        _Hood(rows, rng, faker, themes, counter, hood, today).build()


class _Counter:
    """References per year, as the app gives them: I-2026-0001, I-2026-0002, ..."""

    def __init__(self) -> None:
        self.counts: dict[int, int] = {}

    def next(self, sent: datetime) -> str:
        self.counts[sent.year] = self.counts.get(sent.year, 0) + 1
        return reference(sent.year, self.counts[sent.year])


class _Hood:
    def __init__(
        self,
        rows: Rows,
        rng: np.random.Generator,
        faker: Faker,
        themes: dict[str, int],
        counter: _Counter,
        hood: HoodInfo,
        today: date,
    ) -> None:
        self.rows, self.rng, self.faker, self.themes = rows, rng, faker, themes
        self.counter, self.hood, self.today = counter, hood, today

    def build(self) -> None:
        picks = self.rng.choice(len(IDEAS) - 1, size=4, replace=False)  # the bench comes last
        first, second, waiting, rejected = (IDEAS[int(i)] for i in picks)
        bench = IDEAS[-1]
        self.idea(first, "gepubliceerd", submitted=30, published=27)
        published = self.idea(bench, "gepubliceerd", submitted=20, published=18, place=True)
        self.idea(
            _Text(bench.theme, SAME_AS, "Bij de halte hoort een bankje, en een prullenbak.", 600),
            "samengevoegd", submitted=12, merged_into=published, since=10,
        )  # fmt: skip
        self.idea(waiting, "ingediend", submitted=2)
        self.idea(second, "ingediend", submitted=1, place=True)
        self.idea(
            _Text(rejected.theme, "Stoeptegels repareren", "De stoeptegels liggen los bij "
                  "nummer 12 tot 30; er zijn al mensen over gestruikeld.", 3000),
            "afgewezen", submitted=40, since=35, reason=REJECTED_REASON,
        )  # fmt: skip
        self.from_proposal()

    def idea(
        self,
        text: _Text,
        status: str,
        submitted: int,
        published: int | None = None,
        since: int | None = None,
        place: bool = False,
        merged_into: int | None = None,
        reason: str | None = None,
    ) -> int:
        """An idea sent `submitted` days ago (published, or moved to `status`, days ago)."""
        part = int(self.rng.integers(0, len(self.hood.part_ids)))
        point = _point_in(self.rng, self.hood.ring) if place else None
        submitted_at = self.moment(submitted)
        published_at = None if published is None else self.moment(published)
        idea_id = self.rows.add(
            "idea",
            reference=self.counter.next(submitted_at),
            neighbourhood_id=self.hood.id,
            part_id=None if point else self.hood.part_ids[part],
            title=text.title,
            description=text.description,
            estimated_cost=str(Decimal(text.cost)),
            theme_id=self.themes[text.theme],
            location_lat=point[1] if point else None,
            location_lon=point[0] if point else None,
            photo_path=None,
            status=status,
            submitted_at=submitted_at,
            published_at=published_at,
            status_since=published_at or self.moment(since if since is not None else submitted),
            merged_into_id=merged_into,
            rejection_reason=reason,
            text_hidden=False,
            proposal_id=None,
        )
        self.contact(idea_id, submitted_at)
        return idea_id

    def from_proposal(self) -> None:
        """The neighbourhood's latest proposal by a resident, as the idea it came from."""
        proposal = next(
            (
                p
                for p in reversed(self.rows.tables["proposal"])
                if p["neighbourhood_id"] == self.hood.id and p["submitter_type"] == "bewoner"
            ),
            None,
        )
        if proposal is None:
            return
        theme = next(
            t["theme_id"]
            for t in self.rows.tables["proposal_theme"]
            if t["proposal_id"] == proposal["id"]
        )
        entered: date = proposal["submitted_on"]
        sent = datetime.combine(entered - timedelta(days=9), datetime.min.time()) + timedelta(
            hours=20
        )
        self.rows.add(
            "idea",
            reference=self.counter.next(sent),
            neighbourhood_id=self.hood.id,
            part_id=proposal["part_id"],
            title=proposal["title"],
            description=proposal["description"],
            estimated_cost=proposal["requested_amount"],
            theme_id=theme,
            location_lat=proposal["location_lat"],
            location_lon=proposal["location_lon"],
            photo_path=None,
            status="voorstel",
            submitted_at=sent,
            published_at=sent + timedelta(days=4),
            status_since=datetime.combine(entered, datetime.min.time()) + timedelta(hours=9),
            merged_into_id=None,
            rejection_reason=None,
            text_hidden=False,
            proposal_id=proposal["id"],
        )  # its contact went with it to the proposal

    def contact(self, idea_id: int, at: datetime) -> None:
        first, last = self.faker.first_name(), self.faker.last_name()
        by_phone = self.rng.random() < 0.5
        address = _ascii(f"{first}.{last}").replace(" ", "").lower() + "@example.nl"
        self.rows.add(
            "idea_contact",
            idea_id=idea_id,
            name=f"{first} {last}",
            email=None if by_phone else address,
            phone=f"06 {int(self.rng.integers(10_000_000, 100_000_000))}" if by_phone else None,
            created_at=at,
        )

    def moment(self, days_ago: int) -> datetime:
        day = self.today - timedelta(days=days_ago)
        return datetime(day.year, day.month, day.day, 18, int(self.rng.integers(0, 60)))


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain if c.isalnum() or c in ".-")
