"""The unit of work: what the store hands a use case and the use case hands back.

`Store.read()`, `Store.transaction()` and `Store.write(work)` give one; services pass it on
to the repository functions in this package and never run SQL on it (tests/test_layers.py
checks that no module outside the store calls `.execute`). Services know it by this name,
never as a DuckDB cursor, so another database can later stand behind the same name.
"""

from __future__ import annotations

from typing import NewType

import duckdb

# Today a DuckDB cursor; repositories may use it as one (a Unit is accepted as a Cursor).
Unit = NewType("Unit", duckdb.DuckDBPyConnection)
