"""Write the demo register as a register extract (the file a municipality gives the
organisers for a draw), to try the draw workspace and to benchmark its import.

    python -m data.register_extract --db data/wijkraad.duckdb --out extract.csv [--wijk WK001]

Stop the app first: DuckDB lets one process at a time open the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.store import geography
from dashboard.store.db import open_store
from dashboard.store.errors import StoreError
from dashboard.store.register_import import register_as_extract


def write_extract(db: Path, out: Path, codes: list[str] | None = None) -> int:
    """Write the register (of the neighbourhoods with these codes, or all) as CSV."""
    store = open_store(db)
    try:
        with store.read() as cur:
            ids = None
            if codes:
                by_code = {h.code: h.id for h in geography.neighbourhoods(cur)}
                unknown = [c for c in codes if c not in by_code]
                if unknown:
                    raise ValueError(f"unknown neighbourhood code(s): {', '.join(unknown)}")
                ids = [by_code[c] for c in codes]
            frame = register_as_extract(cur, ids)
    finally:
        store.close()
    frame.to_csv(out, index=False, sep=";")
    return len(frame)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the demo database")
    parser.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    parser.add_argument("--wijk", action="append", help="a neighbourhood code (repeatable)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"No database at {args.db}.", file=sys.stderr)
        return 2
    try:
        rows = write_extract(args.db, args.out, args.wijk)
    except (ValueError, OSError, StoreError) as exc:
        print(f"Cannot write the extract: {exc}", file=sys.stderr)
        return 2
    print(f"{rows} rows written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
