"""Cached reads of the read-only services, invalidated by every write.

The cache key holds the database file and its data version (the audit log's last
sequence number: every write that matters appends an event), so a booking, a decision
published or a milestone added shows at the next rerun in every session, and two
databases never share results. The store itself is not part of the key (`_store`).

Staff reads keep their caller in the key: a result is computed by the service itself,
which checks that caller first, and is served only to that same caller (same user, role
and neighbourhoods) afterwards. A refusal raises and is never cached.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

import streamlit as st

from dashboard.domain.auth import Caller
from dashboard.services import Store, monitor, public

T = TypeVar("T")
_SERVICES: dict[str, ModuleType] = {"public": public, "monitor": monitor}


@st.cache_data(max_entries=1024, show_spinner=False)
def _call(
    path: str,
    version: int,
    module: str,
    name: str,
    caller: Caller | None,
    args: tuple[Any, ...],
    _store: Store,
) -> Any:
    function = getattr(_SERVICES[module], name)
    return function(_store, *args) if caller is None else function(_store, caller, *args)


class PublicReader:
    """Reads of `dashboard.services.public` for one page run, at one data version."""

    module = "public"

    def __init__(self, store: Store) -> None:
        self.store = store
        self.version = public.data_version(store)

    def _check(self, function: Callable[..., Any]) -> str:
        service = _SERVICES[self.module]
        if getattr(service, function.__name__, None) is not function:
            raise ValueError(f"{function.__name__} is not in dashboard.services.{self.module}")
        return function.__name__

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        name = self._check(function)
        return _call(self.store.path, self.version, self.module, name, None, args, self.store)


class StaffReader(PublicReader):
    """Reads of `dashboard.services.monitor` for one caller, at one data version."""

    module = "monitor"

    def __init__(self, store: Store, caller: Caller) -> None:
        super().__init__(store)
        self.caller = caller

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        name = self._check(function)
        return _call(self.store.path, self.version, self.module, name, self.caller, args,
                     self.store)  # fmt: skip
