"""The hostile tests use the service tests' fresh demo database and the browser tests'
Chromium."""

from tests.e2e.conftest import browser, page
from tests.services.conftest import store

__all__ = ["browser", "page", "store"]
