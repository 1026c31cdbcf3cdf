"""The hostile tests use the service tests' fresh demo database (and Chromium from
tests/browser.py)."""

from tests.services.conftest import store

__all__ = ["store"]
