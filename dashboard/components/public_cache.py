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

from collections.abc import Callable, Mapping
from types import MappingProxyType, ModuleType
from typing import Any, ClassVar, TypeVar

import streamlit as st

from dashboard.domain.auth import Caller
from dashboard.services import (
    Store,
    comparison,
    follow,
    monitor,
    open_data,
    public,
    public_projects,
)

T = TypeVar("T")
# The residents' services (public, no caller) and the monitor's (staff, with the caller).
_PUBLIC: dict[str, ModuleType] = {
    "public": public,
    "public_projects": public_projects,
    "comparison": comparison,
    "follow": follow,
    "open_data": open_data,
}
_SERVICES: dict[str, ModuleType] = {**_PUBLIC, "monitor": monitor}


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
    """Reads of the residents' services (`_PUBLIC`) for one page run, at one data version."""

    modules: ClassVar[Mapping[str, ModuleType]] = MappingProxyType(_PUBLIC)

    def __init__(self, store: Store) -> None:
        self.store = store
        self.version = public.data_version(store)

    def _check(self, function: Callable[..., Any]) -> tuple[str, str]:
        for module, service in self.modules.items():
            if getattr(service, function.__name__, None) is function:
                return module, function.__name__
        raise ValueError(f"{function.__name__} is not in {', '.join(self.modules)}")

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        module, name = self._check(function)
        return _call(self.store.path, self.version, module, name, None, args, self.store)


class StaffReader(PublicReader):
    """Reads of `dashboard.services.monitor` for one caller, at one data version."""

    modules: ClassVar[Mapping[str, ModuleType]] = MappingProxyType({"monitor": monitor})

    def __init__(self, store: Store, caller: Caller) -> None:
        super().__init__(store)
        self.caller = caller

    def __call__(self, function: Callable[..., T], *args: Any) -> T:
        module, name = self._check(function)
        return _call(self.store.path, self.version, module, name, self.caller, args,
                     self.store)  # fmt: skip
