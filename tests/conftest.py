"""Shared fixtures: the demo's day on the one clock, and a small demo database generated
once per test session."""

from __future__ import annotations

import functools
import os
import random
import secrets
import shutil
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from hypothesis import settings
from streamlit.components.v2 import manifest_scanner

from dashboard.web import error_boundary
from data.generate import Settings, generate
from sortition import clock

pytest_plugins = ["tests.browser", "tests.postgres", "tests.backends"]

DEMO_TODAY = date(2026, 11, 23)
# Every test, and every server or command a test starts, lives on the demo's day: the
# suite gives the same result on any real date (scripts/test.sh also runs it a year ahead).
os.environ[clock.FIXED_DAY] = DEMO_TODAY.isoformat()
# A page that breaks still fails its test (the error boundary shows its message, then raises).
os.environ[error_boundary.MODE] = "raise"
# The app redacts error details for its users (.streamlit/config.toml); tests want them.
st.set_option("client.showErrorDetails", "full")
# Each AppTest scans every installed package for Streamlit component manifests (0.16 s, a
# fifth of a page test's time); the installed packages do not change during a run.
manifest_scanner.scan_component_manifests = functools.cache(
    manifest_scanner.scan_component_manifests
)

# The fuzzers try the same examples on every run, so that a submission's CI gives the
# result its author saw, and without deadlines (a busy CI machine is slow, not wrong);
# `--hypothesis-profile=explore` searches anew (do it now and then).
settings.register_profile("deterministic", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile("deterministic")
DEMO_SETTINGS = Settings(residents=4000, seed=11, neighbourhoods=12, districts=3, today=DEMO_TODAY)


@pytest.fixture(autouse=True)
def repeatable_lottery_seeds(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Draws started inside a test take their lottery seed from the test's name, not from
    `secrets`: a test drawn on one machine draws the same people on CI (a seed-dependent
    quota once failed a run). The app itself keeps `secrets`; a server a test starts too."""
    numbers = random.Random(request.node.nodeid)
    monkeypatch.setattr(secrets, "randbits", numbers.getrandbits)


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "template.duckdb"
    generate(path, DEMO_SETTINGS)
    return path


@pytest.fixture
def demo_db(demo_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo database that a test may change."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    return path
