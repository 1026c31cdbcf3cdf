"""Generate a synthetic municipality into a DuckDB file (or an empty PostgreSQL database,
through a temporary file), deterministically from a seed.

    python -m data.generate --residents 1000000 --seed 7 --out demo.duckdb

The file is written next to its destination under a temporary name and moved into
place only when complete, so a failure never leaves a half-written database behind.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from faker import Faker

from dashboard.store import audit, register
from dashboard.store.bulk import load_frame, load_tables
from dashboard.store.db import open_store
from dashboard.store.errors import StoreError
from dashboard.store.postgres import describe, is_postgres_url
from dashboard.store.transfer import copy_file_into
from data import demo_ideas, demo_users, demo_votes, geography, history, population
from sortition import clock
from sortition.highs import silence_banner

MUNICIPALITY = ("GM9999", "Wijkdam")


@dataclass(frozen=True)
class Settings:
    residents: int = 20_000
    seed: int = 7
    neighbourhoods: int = 12
    districts: int = 3
    years: int = 2
    today: date | None = None  # None: the current date (the history ends today)


@dataclass(frozen=True)
class Report:
    path: Path | str  # the file, or the PostgreSQL database without its password
    residents: int
    households: int
    seconds: float
    rows: dict[str, int]

    @property
    def residents_per_second(self) -> float:
        return self.residents / self.seconds if self.seconds else 0.0


class GenerateError(Exception):
    """Bad settings or an output that cannot be written; nothing was written."""


def generate(out: str | Path, settings: Settings = Settings(), force: bool = False) -> Report:
    """Write a complete demo database to `out`: a DuckDB file, or an empty PostgreSQL
    database named by a postgresql:// address."""
    if is_postgres_url(str(out)):
        return _generate_into_postgres(str(out), settings)
    started = time.perf_counter()
    target = Path(out)
    _check_settings(settings)
    _check(target, force)
    today = settings.today or clock.today()
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as exc:
        raise GenerateError(f"cannot write to the folder {target.parent}: {exc.strerror}") from exc
    os.close(handle)
    os.unlink(temporary)  # DuckDB wants to create the file itself
    try:
        rows = _write(Path(temporary), settings, today)
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, temporary + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return Report(
        target,
        rows["resident"],
        rows["household"],
        time.perf_counter() - started,
        rows,
    )


def _generate_into_postgres(url: str, settings: Settings) -> Report:
    """The demo made in a temporary DuckDB file, then copied whole into the PostgreSQL
    database (store/transfer.py), which must be empty: nothing is written otherwise."""
    started = time.perf_counter()
    _check_settings(settings)
    try:
        target = open_store(url)
    except StoreError as exc:
        raise GenerateError(str(exc)) from exc
    try:
        with tempfile.TemporaryDirectory(prefix="wijkraad-demo-") as folder:
            local = Path(folder) / "demo.duckdb"
            rows = _write(local, settings, settings.today or clock.today())
            copy_file_into(str(local), target)
    except StoreError as exc:
        raise GenerateError(str(exc)) from exc
    finally:
        target.close()
    seconds = time.perf_counter() - started
    return Report(describe(url), rows["resident"], rows["household"], seconds, rows)


def _check_settings(settings: Settings) -> None:
    if settings.residents < 100:
        raise GenerateError("--residents must be at least 100")
    if settings.neighbourhoods < 1 or not 1 <= settings.districts <= settings.neighbourhoods:
        raise GenerateError("need 1 <= --districts <= --neighbourhoods")
    if settings.residents < settings.neighbourhoods * 50:
        raise GenerateError("--residents must be at least 50 per neighbourhood")
    if not 1 <= settings.years <= 30:
        raise GenerateError("--years must be between 1 and 30")


def _check(target: Path, force: bool) -> None:
    if target.exists() and not force:
        raise GenerateError(f"{target} already exists; use --force to replace it")
    if target.is_dir():
        raise GenerateError(f"{target} is a directory")
    if not target.parent.is_dir():
        raise GenerateError(f"the folder {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK):
        raise GenerateError(f"cannot write to the folder {target.parent}")


def _write(path: Path, settings: Settings, today: date) -> dict[str, int]:
    rng = np.random.default_rng(settings.seed)
    faker = Faker("nl_NL")
    faker.seed_instance(settings.seed)
    areas = geography.build(rng, settings.neighbourhoods, settings.districts)

    geo = _geography_frames(areas)
    hood_ids = geo["neighbourhood"]["id"].to_numpy()
    part_ids = geo["neighbourhood_part"]["id"].to_numpy().reshape(len(areas), 4)
    characters = population.characters_for(rng, len(areas))
    people = population.build_register(
        rng,
        faker,
        settings.residents,
        hood_ids,
        part_ids,
        characters,
        MUNICIPALITY[1],
        today,
    )
    hoods = [
        history.HoodInfo(
            id=int(hood_ids[i]),
            name=area.name,
            part_ids=[int(p) for p in part_ids[i]],
            part_names=[p.name for p in area.parts],
            ring=area.ring,
        )
        for i, area in enumerate(areas)
    ]
    past = history.build_history(rng, hoods, people.residents, today, settings.years)
    demo_ideas.add_ideas(past, hoods, today, settings.seed)
    part_codes = dict(
        zip(geo["neighbourhood_part"]["id"], geo["neighbourhood_part"]["code"], strict=True)
    )
    votes = demo_votes.add_votes(past, hoods, people.residents, part_codes, today, settings.seed)

    store = open_store(path)
    try:
        with store.transaction() as cur:
            counts = load_tables(
                cur,
                [
                    *geo.items(),
                    ("household", people.households),
                    ("resident", people.residents),
                    ("resident_contact", people.contacts),
                    *past.frames(),
                    *votes.numbered,
                ],
            )
            for table, frame in votes.plain:  # no id sequence to move (vote_ballot's is random)
                counts[table] = load_frame(cur, table, frame)
            register.refresh_population_stats(cur, today.year, today)
            audit.append(
                cur,
                actor="systeem",
                action="demo.generate",
                entity="database",
                payload={
                    "seed": settings.seed,
                    "residents": settings.residents,
                    "neighbourhoods": settings.neighbourhoods,
                    "years": settings.years,
                    "today": today.isoformat(),
                },
                occurred_at=datetime.combine(today, datetime.min.time()),
            )
        demo_users.add_demo_users(store, today)
        store.checkpoint()
    finally:
        store.close()
    return counts


def _geography_frames(areas: list[geography.Neighbourhood]) -> dict[str, pd.DataFrame]:
    districts = sorted({a.district_index for a in areas})
    neighbourhoods: list[dict[str, object]] = []
    parts: list[dict[str, object]] = []
    for index, area in enumerate(areas):
        lat, lon = area.centroid
        neighbourhoods.append(
            {
                "id": index + 1,
                "district_id": area.district_index + 1,
                "code": area.code,
                "name": area.name,
                "polygon_geojson": area.geojson,
                "centroid_lat": lat,
                "centroid_lon": lon,
            }
        )
        for part in area.parts:
            parts.append(
                {
                    "id": len(parts) + 1,
                    "neighbourhood_id": index + 1,
                    "code": part.code,
                    "name": part.name,
                    "polygon_geojson": part.geojson,
                }
            )
    return {
        "municipality": pd.DataFrame([{"id": 1, "code": MUNICIPALITY[0], "name": MUNICIPALITY[1]}]),
        "district": pd.DataFrame(
            [
                {
                    "id": d + 1,
                    "municipality_id": 1,
                    "code": f"SD{d + 1:02d}",
                    "name": geography.district_name(d),
                }
                for d in districts
            ]
        ),
        "neighbourhood": pd.DataFrame(neighbourhoods),
        "neighbourhood_part": pd.DataFrame(parts),
    }


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m data.generate",
        description="Generate a synthetic municipality (register, councils, budgets) "
        "into a DuckDB file.",
    )
    parser.add_argument(
        "--out",
        required=True,
        help="the DuckDB file to write, or an empty PostgreSQL database (postgresql://...)",
    )
    parser.add_argument("--residents", type=int, default=Settings.residents)
    parser.add_argument("--seed", type=int, default=Settings.seed)
    parser.add_argument("--neighbourhoods", type=int, default=Settings.neighbourhoods)
    parser.add_argument("--districts", type=int, default=Settings.districts)
    parser.add_argument("--years", type=int, default=Settings.years, help="years of history")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="the date the history ends (YYYY-MM-DD); default: today",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    silence_banner()
    settings = Settings(
        residents=args.residents,
        seed=args.seed,
        neighbourhoods=args.neighbourhoods,
        districts=args.districts,
        years=args.years,
        today=args.today,
    )
    try:
        report = generate(args.out, settings, force=args.force)
    except GenerateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {report.path}: {report.residents:,} residents in {report.households:,} "
        f"households, {report.rows.get('proposal', 0):,} proposals, "
        f"{report.rows.get('spending_transaction', 0):,} transactions in "
        f"{report.seconds:.1f} s ({report.residents_per_second:,.0f} residents/s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
