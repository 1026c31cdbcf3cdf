"""Step 5 of a draw: quotas. Proposed from the shares of the eligible residents in the
draw's register extract (`sortition.quotas_from_shares`), edited by the organiser,
checked against the volunteers as they are edited; when no council can meet them, the
engine's smallest relaxation is offered.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

import sortition
from dashboard.domain.auth import Caller
from dashboard.domain.errors import Problems, UserError
from dashboard.domain.translatable import N_
from dashboard.services.draws import rotation
from dashboard.services.draws.context import (
    FEATURE_NAMES,
    DrawContext,
    context,
    describe_change,
    log,
    part_names,
    require_not_committed,
    require_open,
    require_organiser_role,
    residual_notes,
    volunteer_pool,
)
from dashboard.store import draws
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition.io import QUOTA_COLUMNS
from sortition.text import fold

FEATURES = FEATURE_NAMES
DEFAULT_FEATURES = ("age_band", "gender", "part")
COLUMNS = ("feature", "value", "min", "max")


def _shares(table: pd.DataFrame, features: list[str]) -> dict[str, dict[str, float]]:
    shares: dict[str, dict[str, float]] = {}
    for feature in features:
        rows = table[(table["feature"] == feature) & (table["eligible"] > 0)]
        if feature == "education":
            rows = rows[rows["value"] != "onbekend"]
        shares[feature] = {str(v): float(c) for v, c in zip(rows["value"], rows["eligible"],
                                                              strict=True)}  # fmt: skip
    return shares


def proposed_quotas(
    store: Store, caller: Caller, draw_id: int, features: list[str]
) -> pd.DataFrame:
    """Quotas that mirror the eligible residents: floor and ceiling of seats x share."""
    require_organiser_role(caller)
    unknown = [f for f in features if f not in FEATURES]
    if unknown or not features:
        raise UserError("Kies minstens één kenmerk om quota voor te maken.")
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        table = draws.group_table(cur, draw_id, ctx.reference_date, ctx.min_age)
        names = part_names(cur, ctx)
    if table.empty:
        raise UserError("Lees eerst het uittreksel uit het bevolkingsregister in (stap 2).")
    shares = _shares(table, features)
    empty = [FEATURES[f] for f, by in shares.items() if not by]
    if empty:
        raise UserError(f"Over {', '.join(empty)} staat niets in het uittreksel.")
    proposed = sortition.quotas_from_shares(shares, rotation.quota_seats(ctx))
    return _named(pd.DataFrame(proposed.to_rows(), columns=list(COLUMNS)), names)


def saved_quotas(store: Store, caller: Caller, draw_id: int) -> pd.DataFrame:
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        rows = draws.quotas(cur, draw_id)
        names = part_names(cur, ctx)
    return _named(
        pd.DataFrame(
            [(q.feature, q.value, q.min_count, q.max_count) for q in rows], columns=list(COLUMNS)
        ),
        names,
    )


# A quota file's columns: this table's names in Dutch or English, or the Sortition
# Foundation's (sortition.io.QUOTA_COLUMNS: `category`, `name`, ...). Other columns
# (min_flex, max_flex, notes) are left out: the table here has none.
FILE_COLUMNS = {
    name: (*spellings, dutch)
    for (name, spellings), dutch in zip(
        QUOTA_COLUMNS.items(), ("kenmerk", "waarde", "minimum", "maximum"), strict=True
    )
}
MAX_QUOTA_FILE = 1_000_000  # bytes: a quota table has tens of rows


def quotas_from_file(
    store: Store,
    caller: Caller,
    draw_id: int,
    data: bytes,
    shown_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """A quota table read from a CSV file, to edit and save as any other: this app's
    columns, or the Sortition Foundation's features file as it is. A feature is named by
    its code (`age_band`), its Dutch name (`leeftijd`) or the name the editor shows it by
    (`shown_names`: code -> name, e.g. "Deel van de wijk"). Every problem of the file at
    once, each with its line; nothing is saved here."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        names = part_names(cur, ctx)
    if len(data) > MAX_QUOTA_FILE:
        raise UserError(
            "Het quotabestand is te groot: een quotumtabel heeft enkele tientallen rijen."
        )
    frame = _quota_frame(data)
    present = {fold(c): c for c in frame.columns}
    columns = {}
    for name, spellings in FILE_COLUMNS.items():
        found = [present[s] for s in spellings if s in present]
        if found:
            columns[name] = found[0]
    missing = [FILE_COLUMNS[c][-1] for c in FILE_COLUMNS if c not in columns]
    if missing:
        raise UserError(
            f"Het quotabestand mist de kolom(men) {', '.join(missing)}. Nodig: kenmerk "
            "(of feature, category), waarde (of value, name), minimum (of min) en maximum "
            "(of max)."
        )
    table = frame[[columns[c] for c in COLUMNS]].set_axis(list(COLUMNS), axis=1)
    shown = dict(shown_names or FEATURES)
    by_name = {fold(c): c for c in FEATURES} | {
        fold(name): code for names in (FEATURES, shown) for code, name in names.items()
    }
    problems = Problems()
    for line, feature in enumerate(table["feature"], start=2):
        code = by_name.get(fold(feature))
        if code is None:
            problems.add(
                f"Regel {line}: kenmerk '{feature}' kent deze loting niet; kies uit "
                + ", ".join(shown[c] for c in FEATURES if c in shown)
                + "."
            )
        table.loc[line - 2, "feature"] = code or feature
    for column, what in (("min", "minimum"), ("max", "maximum")):
        for line, value in enumerate(table[column], start=2):
            problems.check(functools.partial(_whole, value, what, line, "Regel"))
    problems.raise_any()
    # What the editor checks on every edit (min above max, a value twice, ...) it shows
    # there, next to the table read from the file.
    return _named(table.astype({"min": int, "max": int}), names)


def _quota_frame(data: bytes) -> pd.DataFrame:
    text = ""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if not text.strip() or "\x00" in text:
        raise UserError("Het quotabestand is leeg of geen tekst. Sla het op als CSV.")
    header = text.lstrip().splitlines()[0]
    separator = max((";", ",", "\t"), key=header.count)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise UserError(f"Het quotabestand is geen leesbare CSV: {exc}.") from None
    frame.columns = [" ".join(str(c).split()) for c in frame.columns]
    return frame[frame.map(lambda v: bool(str(v).strip())).any(axis=1)].reset_index(drop=True)


def _named(table: pd.DataFrame, names: Mapping[str, str]) -> pd.DataFrame:
    """The quota table as organisers read it: a buurt by its name, not its code (the
    service takes either back: see _clean_table)."""
    shown = table.copy()
    parts = shown["feature"] == "part"
    shown.loc[parts, "value"] = shown.loc[parts, "value"].map(lambda v: names.get(str(v), v))
    return shown


def _whole(value: object, what: str, line: int, row: str = "Rij") -> int:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value == "":
        raise UserError(f"{row} {line}: vul het {what} in.")
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        raise UserError(f"{row} {line}: het {what} '{value}' is geen getal.") from None
    if not np.isfinite(number) or number != int(number) or number < 0:
        raise UserError(f"{row} {line}: het {what} moet een heel getal van 0 of meer zijn.")
    return int(number)


def _clean_table(
    table: pd.DataFrame, k: int, names: Mapping[str, str]
) -> list[tuple[str, str, int, int]]:
    """The edited table as (feature, value, min, max) rows, or a UserError saying which
    row is wrong. A buurt may be given by its name (`names`: code to name) or code."""
    codes = {name.lower(): code for code, name in names.items()}
    if table is None or table.empty:
        raise UserError("De quotumtabel is leeg. Laat quota voorstellen of voeg rijen toe.")
    if any(c not in table.columns for c in COLUMNS):
        raise UserError(
            "De quotumtabel moet de kolommen kenmerk, waarde, minimum en maximum hebben."
        )
    rows: list[tuple[str, str, int, int]] = []
    seen: set[tuple[str, str]] = set()
    for line, record in enumerate(table[list(COLUMNS)].itertuples(index=False), start=1):
        feature = " ".join(str(record[0] or "").split())
        value = " ".join(str(record[1] or "").split())
        if feature in ("", "nan", "None") and value in ("", "nan", "None"):
            continue  # an empty row the editor added
        if feature not in FEATURES:
            raise UserError(
                f"Rij {line}: kenmerk '{feature}' bestaat niet. Kies uit: "
                + ", ".join(FEATURES.values())
                + "."
            )
        if not value or value in ("nan", "None"):
            raise UserError(f"Rij {line}: vul de waarde in.")
        low, high = _whole(record[2], "minimum", line), _whole(record[3], "maximum", line)
        name = FEATURES[feature]
        if low > high:
            raise UserError(f"Rij {line} ({name} {value}): het minimum is groter dan het maximum.")
        if low > k:
            raise UserError(
                f"Rij {line} ({name} {value}): het minimum is groter dan de {k} zetels."
            )
        stored = codes.get(value.lower(), value) if feature == "part" else value
        if (feature, stored.lower()) in seen:
            raise UserError(f"Rij {line}: {name} {value} staat er twee keer in.")
        seen.add((feature, stored.lower()))
        rows.append((feature, stored, low, high))
    if not rows:
        raise UserError("De quotumtabel is leeg. Laat quota voorstellen of voeg rijen toe.")
    return rows


@dataclass(frozen=True)
class QuotaCheck:
    """Whether a council of k can be drawn from the volunteers within the quotas."""

    feasible: bool
    volunteers: int
    seats: int
    problems: list[str] = field(default_factory=list)  # in Dutch
    suggestion: pd.DataFrame | None = None  # the quotas with the smallest relaxation
    relaxed: bool = False  # a rotation: feasible only with the nearest feasible quotas

    @property
    def template(self) -> str:
        """The verdict with {volunteers} and {seats} to fill in (a key for translation)."""
        if self.feasible and self.relaxed:
            return FEASIBLE_RELAXED
        return FEASIBLE if self.feasible else INFEASIBLE

    @property
    def message(self) -> str:
        return self.template.format(volunteers=self.volunteers, seats=self.seats)


FEASIBLE = N_(
    "Haalbaar: uit de {volunteers} aanmeldingen kan een raad van {seats} worden geloot die "
    "aan alle quota voldoet."
)
FEASIBLE_RELAXED = N_(
    "Haalbaar met aangepaste quota: uit de {volunteers} aanmeldingen kunnen de {seats} open "
    "plaatsen worden geloot, met de dichtstbijzijnde haalbare quota (zie hieronder)."
)
INFEASIBLE = N_(
    "Niet haalbaar: geen raad van {seats} uit {volunteers} aanmeldingen voldoet aan alle quota."
)


def _feature_problems(
    feature: str,
    mine: list[tuple[str, str, int, int]],
    pool: pd.DataFrame,
    k: int,
    purpose: str,
    names: Mapping[str, str],
) -> list[str]:
    """What is wrong with one feature's quota rows, before any solver runs."""
    problems = []

    def shown(value: str) -> str:
        return names.get(value, value) if feature == "part" else value

    named = {v.lower() for _, v, _, _ in mine}
    loose = sorted({str(v) for v in pool[feature] if str(v).lower() not in named})
    if loose:
        problems.append(
            f"Bij {FEATURES[feature]} hebben aanmeldingen de waarde "
            + ", ".join(f"'{shown(v)}'" for v in loose)
            + ", maar daar is geen quotum voor. Voeg een rij toe (minimum 0)."
        )
    low, high = sum(r[2] for r in mine), sum(r[3] for r in mine)
    if low > k:
        problems.append(
            f"De minimums bij {FEATURES[feature]} zijn samen {low}, meer dan {k} zetels."
        )
    if high < k:
        problems.append(
            f"De maximums bij {FEATURES[feature]} zijn samen {high}, minder dan {k} zetels."
        )
    counts = pool[feature].str.lower().value_counts()
    # (a rotation's staying members fill part of each minimum: see _check_rotation)
    for _, value, low_v, _ in mine if purpose != "rotation" else []:
        have = int(counts.get(value.lower(), 0))
        if low_v > have:
            there = "is maar 1 aanmelding" if have == 1 else f"zijn maar {have} aanmeldingen"
            problems.append(
                f"{FEATURES[feature]} {shown(value)}: minimaal {low_v} gevraagd, maar er {there} "
                "met die waarde."
            )
    return problems


def _check(cur: Unit, ctx: DrawContext, rows: list[tuple[str, str, int, int]]) -> QuotaCheck:
    k = rotation.quota_seats(ctx)  # a rotation's quotas are for the whole council
    pool = volunteer_pool(cur, ctx)
    names = part_names(cur, ctx)
    volunteers = len(pool)
    problems = [
        problem
        for feature in sorted({r[0] for r in rows})
        for problem in _feature_problems(
            feature, [r for r in rows if r[0] == feature], pool, k, ctx.draw.purpose, names
        )
    ]
    if volunteers < ctx.k:
        problems.insert(
            0, f"Er zijn {volunteers} aanmeldingen voor {ctx.k} zetels; dat is te weinig."
        )
    if problems and (volunteers < ctx.k or any("geen quotum" in p for p in problems)):
        return QuotaCheck(False, volunteers, ctx.k, problems)
    if ctx.draw.purpose == "rotation":
        return _check_rotation(cur, ctx, rows, pool, problems)
    table = sortition.make_quotas(rows)
    people = pool[["id", "household", *sorted({r[0] for r in rows})]]
    try:
        built = sortition.read_pool(people, table, "id", "household")
        if built.household_count() < k:
            return QuotaCheck(False, volunteers, k, [
                f"De aanmeldingen komen uit {built.household_count()} huishoudens; per huishouden "
                f"kan één persoon in de raad, dus {k} zetels kan niet."])  # fmt: skip
        changes = sortition.needed_relaxation(built, table, k)
    except sortition.SortitionInputError as exc:
        return QuotaCheck(
            False, volunteers, k, [*problems, f"De quota passen niet bij de aanmeldingen ({exc})."]
        )
    if changes is None:
        return QuotaCheck(True, volunteers, k, problems)
    suggestion = _named(
        pd.DataFrame(sortition.apply_changes(table, changes).to_rows(), columns=list(COLUMNS)),
        names,
    )
    described = [describe_change(c, names) for c in changes]
    text = "Kleinste aanpassing die het wel haalbaar maakt: " + "; ".join(described) + "."
    return QuotaCheck(False, volunteers, k, [*problems, text] if changes else problems,
                      suggestion if changes else None)  # fmt: skip


def _check_rotation(
    cur: Unit,
    ctx: DrawContext,
    rows: list[tuple[str, str, int, int]],
    pool: pd.DataFrame,
    problems: list[str],
) -> QuotaCheck:
    """A rotation: the quotas are the whole council's; the open seats get what the staying
    members leave (or the nearest feasible quotas, said plainly)."""
    features = sorted({r[0] for r in rows})
    quotas = pd.DataFrame(rows, columns=list(COLUMNS))
    try:
        inputs = rotation.draw_inputs(cur, ctx, pool[["id", "household", *features]], quotas)
    except sortition.SortitionError as exc:
        return QuotaCheck(False, len(pool), ctx.k, [
            *problems,
            "Met deze aanmeldingen en de leden die blijven, kan geen raad aan de quota voldoen, "
            f"ook niet met aangepaste quota ({exc}).",
        ])  # fmt: skip
    staying = len(rotation.of(ctx)["staying"])
    notes = [
        f"De quota gelden voor de hele raad van {ctx.council.seats_drawn} gelote zetels: "
        f"{staying} leden blijven, {ctx.k} plaatsen worden geloot.",
        *residual_notes(inputs),
    ]
    return QuotaCheck(True, len(pool), ctx.k, [*problems, *notes], relaxed=bool(inputs.relaxation))


def check_quotas(store: Store, caller: Caller, draw_id: int, table: pd.DataFrame) -> QuotaCheck:
    """Can the council be drawn from today's volunteers within these quotas? Stores nothing."""
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        rows = _clean_table(table, rotation.quota_seats(ctx), part_names(cur, ctx))
        return _check(cur, ctx, rows)


def save_quotas(store: Store, caller: Caller, draw_id: int, table: pd.DataFrame) -> QuotaCheck:
    """Store the quotas when a council can be drawn within them; otherwise change nothing."""
    require_organiser_role(caller)

    def work(cur: Unit) -> QuotaCheck:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        require_not_committed(ctx)
        rows = _clean_table(table, rotation.quota_seats(ctx), part_names(cur, ctx))
        draws.set_stage(cur, draw_id, "selection")
        result = _check(cur, ctx, rows)
        if not result.feasible:
            raise UserError(" ".join([result.message, *result.problems]))
        draws.replace_quotas(cur, draw_id, rows)
        log(cur, caller, "draw.quotas", draw_id,
            {"quotas": len(rows), "features": sorted({r[0] for r in rows})})  # fmt: skip
        return result

    return store.write(work)
