"""The hostile tests use the service tests' fresh demo database."""

from tests.services.conftest import store

__all__ = ["store"]
