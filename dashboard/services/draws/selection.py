"""Steps 6 and 7 of a draw: the selection and the public ceremony.

Step 6 (`prepare_selection`): the engine computes every volunteer's fair chance (leximin)
and rounds it to a numbered list of m possible councils (`sortition.prepare`); its
fingerprint (the commitment) is published before the meeting. The field's old greedy
algorithm is run on the same pool for comparison only. Step 7 (`reveal_draw`): the
public inputs called out at the meeting pick the council from the list
(`sortition.reveal`); the bundle lets anyone check it (`sortition.verify`).

The bundle holds volunteer numbers and groups, never names or addresses.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

import sortition
from dashboard.domain.auth import Caller
from dashboard.domain.certainty import Certainty, certain_count, why_certain
from dashboard.domain.errors import UserError
from dashboard.domain.small_groups import MIN_GROUP
from dashboard.domain.translatable import N_
from dashboard.services.draws import replacements as draw_replacements
from dashboard.services.draws import rotation
from dashboard.services.draws.context import (
    DrawContext,
    context,
    describe_change,
    log,
    part_names,
    require_open,
    require_organiser_role,
    volunteer_pool,
    written_reason,
)
from dashboard.store import draws
from dashboard.store.db import Store
from dashboard.store.unit import Unit
from sortition import clock
from sortition.bundle import pool_frame as bundle_pool_frame
from sortition.foundation import foundation_zip

LEGACY_RUNS = 300
Progress = Callable[[float, str], None]


def _pool_and_quotas(cur: Unit, ctx: DrawContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = draws.quotas(cur, ctx.draw.id)
    if not rows:
        raise UserError("Sla eerst de quota op (stap 5).")
    quotas = pd.DataFrame(
        [(q.feature, q.value, q.min_count, q.max_count) for q in rows],
        columns=["feature", "value", "min", "max"],
    )
    pool = volunteer_pool(cur, ctx)
    features = list(dict.fromkeys(quotas["feature"]))
    return pool[["id", "household", *features]], quotas


def _residents(cur: Unit, ctx: DrawContext) -> dict[str, int]:
    """The volunteers by their bundle numbers."""
    pool = draws.pool_frame(cur, ctx.draw.id, ctx.reference_date)
    return ctx.residents_by_bundle_id(int(i) for i in pool["id"])


def _digest(pool: pd.DataFrame, quotas: pd.DataFrame) -> str:
    text = pool.to_json(orient="values") + quotas.to_json(orient="values")
    return hashlib.sha256(text.encode()).hexdigest()


def _engine_error(exc: sortition.SortitionError) -> UserError:
    if isinstance(exc, sortition.SolverTimeLimitError):
        return UserError(
            f"De berekening met {exc.objective} was niet binnen {exc.seconds:g} seconden klaar. "
            "Een uitkomst die niet bewezen de beste is, gebruiken we niet; kies leximin."
        )
    if isinstance(exc, sortition.InfeasibleQuotasError) and exc.changes:
        changes = "; ".join(describe_change(c) for c in exc.changes)
        return UserError(
            "Met deze aanmeldingen kan geen raad aan alle quota voldoen. Kleinste aanpassing "
            f"die het wel mogelijk maakt: {changes}. Pas de quota aan bij stap 5."
        )
    return UserError(f"De selectie kan zo niet worden gemaakt: {exc}")


CHARACTER_KINDS = {
    "invisible": "een onzichtbaar teken of stuurteken",
    "space": "een andere spatie dan de gewone",
    "mark": "een los accent of teken",
    "digit": "een cijfer dat niet 0-9 is",
    "letter": "een letter die niet a-z is, bijvoorbeeld uit een ander schrift",
    "symbol": "een leesteken of symbool",
}
ALLOWED_INPUT = (
    "Gebruik alleen cijfers 0-9, letters a-z (ook met accent, zoals é of ë), spaties en een "
    "streepje tussen twee woorden of getallen."
)


def ceremony_refusal(exc: sortition.CeremonyInputError) -> str:
    """A refused ceremony input in Dutch, naming the input and the character."""
    n = exc.number
    if exc.reason in CHARACTER_KINDS and exc.character is not None:
        character = sortition.seed.describe_character(exc.character)
        return (
            f"Uitkomst {n} bevat {CHARACTER_KINDS[exc.reason]} ({character}). {ALLOWED_INPUT} "
            "Typ de uitkomst opnieuw met de hand."
        )
    messages = {
        "hyphen": f"Uitkomst {n}: een streepje hoort tussen twee woorden of getallen.",
        "empty": f"Uitkomst {n} is leeg.",
        "too_long": f"Uitkomst {n} is langer dan {sortition.seed.MAX_INPUT_LENGTH} tekens.",
        "no_inputs": "Voer minstens één uitkomst in.",
        "too_many": f"Voer hoogstens {sortition.seed.MAX_INPUTS} uitkomsten in.",
        "not_canonical": f"Uitkomst {n} staat niet in de vaste vorm waarin ze werd berekend.",
    }
    return messages.get(exc.reason, f"Uitkomst {n} kan zo niet. {ALLOWED_INPUT}")


@dataclass(frozen=True)
class Prepared:
    commitment: str
    volunteers: int
    seats: int
    m: int
    max_deviation: float


def prepare_selection(
    store: Store,
    caller: Caller,
    draw_id: int,
    algorithm: str = "leximin",
    progress: Progress | None = None,
) -> Prepared:
    """Compute the fair chances and the list of possible councils, once; store the bundle
    and its fingerprint. The computation runs outside the transaction; if the volunteers
    or quotas changed meanwhile, nothing is stored."""
    require_organiser_role(caller)
    report = progress or (lambda fraction, text: None)
    if algorithm not in sortition.bundle.FAIR_ALGORITHMS:
        raise UserError("Kies leximin, Goldilocks, Nash of maximin.")
    report(0.05, N_("Aanmeldingen en quota lezen"))
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        if ctx.draw.commitment is not None:
            raise UserError("De selectie is al voorbereid; de controlecode staat hieronder.")
        if ctx.draw.purpose == "replacement":
            raise UserError("Een vervangingsloting wordt voorbereid bij stap 8 van de raad.")
        pool, quotas = _pool_and_quotas(cur, ctx)
    if len(pool) < ctx.k:
        raise UserError(f"Er zijn {len(pool)} aanmeldingen voor {ctx.k} plaatsen; te weinig.")
    report(0.15, N_("Eerlijke kansen berekenen en afronden naar een lijst van raden"))
    people, table, parent = pool, quotas, None
    try:
        if ctx.draw.purpose == "rotation":  # the open seats, next to the members who stay
            with store.read() as cur:
                rotation.require_council_unchanged(cur, ctx)
                inputs = rotation.draw_inputs(cur, ctx, pool, quotas)
            people, table = inputs.people, inputs.quotas
            plan = rotation.of(ctx)
            staying = sorted(ctx.bundle_id(int(r)) for r in plan["staying"])
            parent = inputs.parent_record("", staying, ())
            # Published: members by their numbers in this bundle, never register numbers.
            out = [ctx.bundle_id(int(r)) for r in plan["out"]]
            public = {**plan, "out": out, "staying": staying}
            parent.update({"commitment": None, "rotation": public})
        bundle = sortition.prepare(
            people, table, ctx.k, household_column="household", algorithm=algorithm,
            purpose=ctx.draw.purpose if ctx.draw.purpose in ("council", "panel", "rotation")
            else "council", parent=parent, min_group=MIN_GROUP,
        )  # fmt: skip
    except sortition.SortitionError as exc:
        raise _engine_error(exc) from exc
    report(0.7, N_("Ter vergelijking: het oude algoritme van het veld"))
    legacy: dict[str, float] | None
    try:
        old = sortition.select(people, table, ctx.k, algorithm="legacy", seed=0,
                               household_column="household", legacy_runs=LEGACY_RUNS)  # fmt: skip
        legacy = {k: round(v, 6) for k, v in old.probability_of().items()}
    except sortition.SortitionError:
        legacy = None
    report(0.9, N_("Opslaan"))
    digest = _digest(pool, quotas)

    def work(cur: Unit) -> Prepared:
        fresh = context(cur, caller, draw_id)
        require_open(fresh)
        draws.set_stage(cur, draw_id, "selection")
        if draws.draw(cur, draw_id).commitment is not None:  # type: ignore[union-attr]
            raise UserError("De selectie is al voorbereid; de controlecode staat hieronder.")
        if _digest(*_pool_and_quotas(cur, fresh)) != digest:
            raise UserError(
                "De aanmeldingen of quota zijn veranderd terwijl de selectie werd berekend. "
                "Er is niets opgeslagen; probeer het opnieuw."
            )
        parameters = dict(fresh.parameters)
        parameters.update({"legacy_probabilities": legacy, "legacy_runs": LEGACY_RUNS})
        resident = _residents(cur, fresh)
        probabilities = pd.DataFrame(
            {
                "resident_id": [resident[i] for i in bundle["probabilities"]],
                "probability": [float(p) for p in bundle["probabilities"].values()],
            }
        )
        draws.save_prepared(cur, draw_id, bundle, parameters, probabilities)
        log(cur, caller, "draw.prepare", draw_id, {
            "commitment": bundle["commitment"], "volunteers": len(pool), "k": fresh.k,
            "algorithm": algorithm, "m": bundle["lottery"]["m"],
            "max_deviation": bundle["lottery"]["max_deviation"],
        })  # fmt: skip
        return Prepared(bundle["commitment"], len(pool), fresh.k, int(bundle["lottery"]["m"]),
                        float(bundle["lottery"]["max_deviation"]))  # fmt: skip

    result = store.write(work)
    report(1.0, N_("Klaar"))
    return result


def discard_preparation(store: Store, caller: Caller, draw_id: int, reason: str) -> None:
    """Undo step 6 before the ceremony (the old fingerprint stays in the audit log)."""
    require_organiser_role(caller)
    text = written_reason(
        reason, "Schrijf kort op waarom de voorbereiding opnieuw moet (minstens 5 tekens)."
    )

    def work(cur: Unit) -> None:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        if ctx.draw.commitment is None:
            raise UserError("Er is nog geen voorbereiding om ongedaan te maken.")
        if ctx.draw.chosen_index is not None:
            raise UserError("De trekking is al gedaan; die kan niet meer ongedaan worden gemaakt.")
        draws.discard_prepared(cur, draw_id)
        log(cur, caller, "draw.prepare_undone", draw_id,
            {"old_commitment": ctx.draw.commitment, "reason_length": len(text)})  # fmt: skip

    store.write(work)


# Step 7: the ceremony ----------------------------------------------------------------------------


def reveal_draw(store: Store, caller: Caller, draw_id: int, inputs: Sequence[str]) -> int:
    """The public inputs pick the council from the list; once. Returns the panel number."""
    require_organiser_role(caller)
    given = [i for i in (" ".join(str(v).split()) for v in inputs) if i]
    if not given:
        raise UserError("Voer de uitkomsten van de trekking in (bijvoorbeeld de dobbelstenen).")

    def work(cur: Unit) -> int:
        ctx = context(cur, caller, draw_id)
        require_open(ctx)
        draws.set_stage(cur, draw_id, "confirmation")  # two clicks at once conflict here
        prepared = draws.bundle(cur, draw_id)
        if prepared is None:
            raise UserError("Bereid eerst de selectie voor (stap 6).")
        if prepared.get("ceremony") is not None:
            raise UserError("De trekking is al gedaan; de uitslag staat hieronder.")
        try:
            revealed = sortition.reveal(prepared, given)
        except sortition.CeremonyInputError as exc:
            raise UserError(ceremony_refusal(exc)) from exc
        except sortition.SortitionError as exc:
            raise UserError(f"De trekking kan zo niet: {exc}") from exc
        draws.save_revealed(cur, draw_id, revealed)
        at = clock.utc_naive_now()
        if ctx.draw.purpose == "replacement":  # the drawn take the seats in the council's draw
            draw_replacements.seat_replacements(cur, caller, ctx, revealed)
        else:
            resident = _residents(cur, ctx)
            for person in revealed["panel"]:
                draws.add_member(cur, draw_id, resident[person], "selected", at)
            for rank, person in enumerate(revealed["reserve"], start=1):
                draws.add_member(cur, draw_id, resident[person], "reserve", at, rank)
        index = int(revealed["ceremony"]["chosen_index"])
        log(cur, caller, "draw.reveal", draw_id, {
            "inputs": revealed["ceremony"]["inputs"], "chosen_index": index,
            "seed": revealed["ceremony"]["seed"], "commitment": revealed["commitment"],
        })  # fmt: skip
        return index

    return store.write(work)


def _stored_bundle(store: Store, caller: Caller, draw_id: int) -> dict[str, Any]:
    with store.read() as cur:
        context(cur, caller, draw_id)
        found = draws.bundle(cur, draw_id)
    if found is None:
        raise UserError("Er is nog geen controlebestand: bereid eerst de selectie voor.")
    return found


def bundle_file(store: Store, caller: Caller, draw_id: int) -> bytes:
    """The full verification bundle as JSON: no names or addresses, but every volunteer's
    number and features, so NOT to publish; for the organisers and the independent
    auditor (notary), who can check with it that the public bundle belongs to the draw."""
    require_organiser_role(caller)
    found = _stored_bundle(store, caller, draw_id)
    return json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def foundation_file(store: Store, caller: Caller, draw_id: int) -> bytes:
    """The draw's pool and quotas in the Sortition Foundation's layout (a ZIP with
    features.csv, people.csv, settings.toml), for its tools; the same numbers and features
    as the full bundle, so NOT to publish either."""
    require_organiser_role(caller)
    return foundation_zip(_stored_bundle(store, caller, draw_id))


def _public_bundle(store: Store, caller: Caller, draw_id: int) -> dict[str, Any]:
    """The public verification bundle (groups of at least MIN_GROUP volunteers and counts;
    `sortition.public_bundle`). Refused for a draw made before public bundles existed."""
    require_organiser_role(caller)
    found = _stored_bundle(store, caller, draw_id)
    try:
        return sortition.public_bundle(found)
    except sortition.SortitionError as exc:
        raise UserError(
            "Deze loting is gemaakt voordat er openbare controlebestanden waren. Het volledige "
            "bestand noemt ieders kenmerken en is niet om te publiceren."
        ) from exc


def public_bundle_file(store: Store, caller: Caller, draw_id: int) -> bytes:
    """The public verification bundle as JSON: the file to publish with the fingerprint
    and after the ceremony."""
    public = _public_bundle(store, caller, draw_id)
    return json.dumps(public, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def public_panel_groups(
    store: Store, caller: Caller, draw_id: int
) -> list[tuple[dict[str, str], int]] | None:
    """The drawn council as the public bundle shows it: each published group (feature ->
    value, or values joined by ' + ') with its seats; None before the ceremony or for a
    draw made before public bundles existed. What a room or a reader may see."""
    try:
        public = _public_bundle(store, caller, draw_id)
    except UserError:
        return None
    if public.get("panel") is None:
        return None
    return [
        (dict(kind["group"]), int(seats))
        for kind, seats in zip(public["types"], public["panel"], strict=True)
    ]


def parent_bundle(store: Store, caller: Caller, draw_id: int) -> dict[str, Any] | None:
    """The bundle of the draw a replacement draw continues (None for other draws)."""
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        parent = ctx.draw.parent_draw_id
        if ctx.draw.purpose != "replacement" or parent is None:
            return None
        return draws.bundle(cur, parent)


def verify_draw(store: Store, caller: Caller, draw_id: int) -> list[str]:
    """Recompute the draw from its bundle alone (a replacement draw together with its
    parent's bundle): [] when everything agrees."""
    require_organiser_role(caller)
    bundle = _stored_bundle(store, caller, draw_id)
    try:
        return list(sortition.verify(bundle, parent_bundle(store, caller, draw_id)))
    except sortition.CeremonyInputError as exc:
        return [f"{ceremony_refusal(exc)} Dit controlebestand wordt niet aanvaard."]


# What the steps show -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionView:
    commitment: str | None
    m: int | None
    max_deviation: float | None
    inputs: list[str] | None
    seed: str | None
    chosen_index: int | None
    panel: list[str]  # volunteer numbers, as in the bundle
    chances: pd.DataFrame  # id, leximin, legacy (None when it found no council)
    groups: pd.DataFrame  # feature, value, neighbourhood, volunteers, expected, council
    panel_groups: pd.DataFrame  # per member of the drawn council: id and groups (no names)
    certain: int = 0  # volunteers with a 100% chance
    why_certain: list[Certainty] = field(default_factory=list)  # part codes as names
    algorithm: str = "leximin"  # the fair method the chances (column "leximin") come from

    @property
    def revealed(self) -> bool:
        return self.chosen_index is not None


def selection_view(store: Store, caller: Caller, draw_id: int) -> SelectionView:
    require_organiser_role(caller)
    with store.read() as cur:
        ctx = context(cur, caller, draw_id)
        found = draws.bundle(cur, draw_id)
        table = draws.group_table(cur, draw_id, ctx.reference_date, ctx.min_age)
        names_of_parts = part_names(cur, ctx)
    if found is None:
        empty = pd.DataFrame()
        return SelectionView(None, None, None, None, None, None, [], empty, empty, empty)
    # The pool and features the draw used, from its bundle (a replacement draw has no
    # register of its own; a council drawn before the workspace no stored answers).
    features = list(dict.fromkeys(q["feature"] for q in found["quotas"]))
    pool = bundle_pool_frame(found).drop(columns=["household"], errors="ignore")
    if ctx.draw.purpose == "replacement":
        table = pd.DataFrame(columns=["feature", "value", "eligible"])
    fair = found["probabilities"]
    legacy = ctx.parameters.get("legacy_probabilities") or {}
    chances = pd.DataFrame(
        {
            "id": list(fair),
            "leximin": [float(p) for p in fair.values()],
            "legacy": [legacy.get(i, np.nan) if legacy else np.nan for i in fair],
        }
    )
    ceremony = found.get("ceremony") or {}
    panel = [str(p) for p in (found.get("panel") or [])]
    groups = _groups(table, pool, fair, panel, features, ctx.k)
    if not groups.empty:  # a buurt by its name in the chart, as everywhere
        parts = groups["feature"] == "part"
        groups.loc[parts, "value"] = groups.loc[parts, "value"].map(
            lambda c: names_of_parts.get(c, c)
        )
    panel_groups = pool[pool["id"].isin(panel)][["id", *features]].reset_index(drop=True)
    if "part" in panel_groups:  # on the projector: the buurt's name, not its code
        panel_groups["part"] = panel_groups["part"].map(lambda c: names_of_parts.get(c, c))
    reasons = [
        replace(c, value=names_of_parts.get(c.value, c.value))
        if c.feature == "part" and c.value is not None
        else c
        for c in why_certain(pool.to_dict("records"), found["quotas"], ctx.k)
    ]
    return SelectionView(
        commitment=found["commitment"],
        m=int(found["lottery"]["m"]),
        max_deviation=float(found["lottery"]["max_deviation"]),
        inputs=ceremony.get("inputs"),
        seed=ceremony.get("seed"),
        chosen_index=ceremony.get("chosen_index"),
        panel=panel,
        chances=chances,
        groups=groups,
        panel_groups=panel_groups,
        certain=certain_count(chances["leximin"].tolist()),
        why_certain=reasons,
        algorithm=str(found.get("algorithm") or "leximin"),
    )


def _groups(
    table: pd.DataFrame,
    pool: pd.DataFrame,
    fair: dict[str, float],
    panel: list[str],
    features: list[str],
    k: int,
) -> pd.DataFrame:
    """Per feature and group: its share of the neighbourhood, of the volunteers, of the
    council expected from the chances, and of the drawn council."""
    records = []
    chance = pool["id"].map(lambda i: float(fair.get(i, 0.0)))
    on_panel = pool["id"].isin(panel)
    for feature in features:
        rows = table[table["feature"] == feature]
        if feature == "education":
            rows = rows[rows["value"] != "onbekend"]
        eligible = rows.set_index("value")["eligible"]
        values = list(dict.fromkeys([*eligible.index, *pool[feature].astype(str)]))
        for value in values:
            member = pool[feature].astype(str) == value
            records.append(
                {
                    "feature": feature,
                    "value": value,
                    "neighbourhood": float(eligible.get(value, 0)) / max(eligible.sum(), 1),
                    "volunteers": float(member.mean()) if len(pool) else 0.0,
                    "expected": float(chance[member].sum()) / k,
                    "council": float((member & on_panel).sum()) / k if panel else np.nan,
                }
            )
    return pd.DataFrame(records)
