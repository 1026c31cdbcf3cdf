"""Step 8's member table converts to Arrow (what st.dataframe sends to the browser) for
members with and without reserve numbers (issue 15, item 7: the server log had
ArrowTypeError tracebacks for the "Reserve nr" column, which mixed numbers and text)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from dashboard.components.draw.members_step import STATUS, member_table


def member(number: int, status: str, reserve_rank: int | None, replaced_by: str | None = None,
           groups: bool = True) -> dict[str, Any]:  # fmt: skip
    """One row as services.draws.members builds it."""
    return {
        "member_id": number, "number": f"P{number:04d}", "name": f"Naam {number}",
        "status": status, "reserve_rank": reserve_rank, "replaced_by": replaced_by,
        "age_band": "30-44" if groups else None, "gender": "v" if groups else None,
        "part": "Centrum" if groups else None,
    }  # fmt: skip


def arrow(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pandas(member_table(pd.DataFrame(rows)), preserve_index=False)


def test_members_with_and_without_reserve_numbers_convert() -> None:
    mixed = [
        member(1, "confirmed", None, groups=False),
        member(2, "reserve", 1),
        member(3, "replaced", None, replaced_by="P0002"),
        member(4, "reserve", 2),
    ]
    table = arrow(mixed)
    assert table.schema.field("Reserve nr").type == pa.int64()
    assert table.column("Reserve nr").to_pylist() == [None, 1, None, 2]
    assert table.column("Vervangen door nr").to_pylist() == ["", "", "P0002", ""]
    assert arrow([member(1, "selected", None)]).column("Reserve nr").to_pylist() == [None]
    assert arrow([member(1, "reserve", 7)]).column("Reserve nr").to_pylist() == [7]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(STATUS)),
            st.none() | st.integers(1, 10_000),
            st.none() | st.text(min_size=1, max_size=8),
            st.booleans(),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_every_column_has_one_type_for_any_members(
    rows: list[tuple[str, int | None, str | None, bool]],
) -> None:
    table = arrow([member(i, *row) for i, row in enumerate(rows)])
    assert table.num_rows == len(rows)
    ranks = [rank for _, rank, _, _ in rows]
    assert table.column("Reserve nr").to_pylist() == ranks
