"""The layers and which way their imports point (README, *Architecture*).

sortition (the engine) and voting (the vote's count) know nothing of the app; the domain
(pure rules) knows no storage, use case or screen; the store knows nothing above it; pages
and components reach data only through the services. Checked on every import statement,
also those inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# package -> prefixes of modules it must not import
RULES: dict[str, tuple[str, ...]] = {
    "sortition": ("dashboard", "data", "streamlit", "duckdb", "plotly"),
    "voting": ("dashboard", "data", "streamlit", "duckdb", "plotly", "pabutools"),
    "dashboard/domain": (
        "dashboard.store",
        "dashboard.services",
        "dashboard.files",
        "dashboard.web",
        "dashboard.pages",
        "dashboard.components",
        "dashboard.security",
        "streamlit",
        "duckdb",
    ),
    "dashboard/files": (
        "dashboard.store",
        "dashboard.services",
        "dashboard.web",
        "dashboard.pages",
        "dashboard.components",
        "streamlit",
        "duckdb",
    ),
    "dashboard/store": (
        "dashboard.services",
        "dashboard.files",
        "dashboard.web",
        "dashboard.pages",
        "dashboard.components",
        "streamlit",
    ),
    "dashboard/services": (
        "dashboard.web",
        "dashboard.pages",
        "dashboard.components",
        "streamlit",
        "duckdb",
        "dashboard.store.rows",  # the DuckDB cursor: services hold a store.unit.Unit
    ),
    "dashboard/components": ("dashboard.store", "duckdb"),
    "dashboard/pages": ("dashboard.store", "duckdb"),
}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def breaks(module: str, forbidden: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in forbidden)


@pytest.mark.parametrize("package", sorted(RULES))
def test_imports_point_down(package: str) -> None:
    wrong = [
        f"{path.relative_to(REPO)}:{line}: {module}"
        for path in sorted((REPO / package).rglob("*.py"))
        for line, module in imported_modules(path)
        if breaks(module, RULES[package])
    ]
    assert wrong == []


def test_every_dashboard_module_lives_in_a_layer() -> None:
    """Only the command-line entry point and the settings stay at the top of dashboard/."""
    loose = sorted(p.name for p in (REPO / "dashboard").glob("*.py"))
    assert loose == ["__init__.py", "admin.py", "config.py"]


def test_the_readme_shows_the_tree_as_it_is() -> None:
    from scripts.architecture import README, architecture, readme_block

    assert readme_block(README.read_text()) == architecture(), (
        "run: python scripts/architecture.py --write"
    )


# SQL runs only in the store: above it a unit of work is handed on, never queried.
SQL_METHODS = {"execute", "executemany", "sql"}
OUTSIDE_THE_STORE = ("sortition", "voting", "dashboard", "data", "scripts", "streamlit_app.py")


def sql_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SQL_METHODS
    ]


def test_only_the_store_runs_sql() -> None:
    store = REPO / "dashboard" / "store"
    paths = [
        path
        for top in OUTSIDE_THE_STORE
        for path in sorted((REPO / top).rglob("*.py") if (REPO / top).is_dir() else [REPO / top])
        if store not in path.parents
    ]
    assert len(paths) > 100
    wrong = [f"{path.relative_to(REPO)}:{line}" for path in paths for line in sql_calls(path)]
    assert wrong == []
