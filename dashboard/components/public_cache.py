"""Cached reads of the public services, invalidated by every write.

The cache key holds the database file and its data version (the audit log's last
sequence number: every write that matters appends an event), so a booking, a decision
published or a milestone added shows at the next rerun in every session, and two
databases never share results. The store itself is not part of the key (`_store`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from dashboard.services import public
from dashboard.store.db import Store

T = TypeVar("T")


@st.cache_data(max_entries=1024, show_spinner=False)
def _call(path: str, version: int, name: str, args: tuple[Any, ...], _store: Store) -> Any:
    return getattr(public, name)(_store, *args)


class PublicReader:
    """Reads of `dashboard.services.public` for one page run, at one data version."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.version = public.data_version(store)

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        if getattr(public, function.__name__, None) is not function:
            raise ValueError(f"{function.__name__} is not a public service")
        return _call(self.store.path, self.version, function.__name__, args, self.store)  # type: ignore[no-any-return]
