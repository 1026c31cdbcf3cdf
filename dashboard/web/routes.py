"""Files at fixed addresses, next to Streamlit's pages, for programs rather than people:
a feed reader follows /feed/WK001.atom, a calendar subscribes to /agenda/WK001.ics (both
in English with `?lang=en`, as the pages), and anyone downloads
/open-data/wijkraad-open-data.zip (or .json) without opening a page.

Streamlit serves pages over its own Starlette app; `dashboard.web.serve` puts these
routes in front of Streamlit's (`install`). Each answer is made in a worker thread from
the same store as the pages (one DuckDB connection per process, a cursor per read),
kept per data version (the audit log's last number, as the pages' cache), and counted
against the client's download limit (`client_limits.DOWNLOADS`). Everything here is
public, read through the residents' services.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

CODE = re.compile(r"^([A-Za-z0-9_-]{1,32})\.(atom|ics)$")
OPEN_DATA = {
    "wijkraad-open-data.zip": "application/zip",
    "wijkraad-open-data.json": "application/json",
}
TYPES = {"atom": "application/atom+xml; charset=utf-8", "ics": "text/calendar; charset=utf-8"}
NOT_FOUND = "Niet gevonden. Kijk of de code van de wijk klopt, zoals WK001."
KEEP = 128  # answers kept (per kind, name and data version)

_made: OrderedDict[tuple[str, str, str, str, str, int], bytes] = OrderedDict()
_lock = threading.Lock()


class _Missing(Exception):
    """No such neighbourhood or file."""


def _store() -> Any:
    """The app's one store; Streamlit warns about the missing script context here."""
    from dashboard.config import database_location
    from dashboard.web import app_state

    quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        return app_state._store(database_location())
    finally:
        quiet.setLevel(level)


def _cached(
    kind: str, name: str, make: Callable[[Any], bytes], base: str = "", language: str = "nl"
) -> bytes:
    from dashboard.i18n import speaking
    from dashboard.services import public

    store = _store()
    key = (store.path, kind, name, base, language, public.data_version(store))
    with _lock:
        if key in _made:
            _made.move_to_end(key)
            return _made[key]
    with speaking(language):  # the fixed words, amounts, dates and links in `language`
        content = make(store)
    with _lock:
        _made[key] = content
        while len(_made) > KEEP:
            _made.popitem(last=False)
    return content


def _feed(code: str, base: str) -> Callable[[Any], bytes]:
    def make(store: Any) -> bytes:
        from dashboard.components.follow_files import feed_bytes
        from dashboard.services import follow

        found = follow.news(store, code)
        if found is None:
            raise _Missing(code)
        return feed_bytes(found, base)

    return make


def _agenda(code: str, base: str) -> Callable[[Any], bytes]:
    def make(store: Any) -> bytes:
        from dashboard.components.follow_files import calendar_file
        from dashboard.services import follow

        found = follow.agenda(store, code)
        if found is None:
            raise _Missing(code)
        return calendar_file(found, base)

    return make


def _open_data(name: str) -> Callable[[Any], bytes]:
    def make(store: Any) -> bytes:
        from dashboard.components import open_data_files
        from dashboard.services import open_data
        from sortition import clock

        data = open_data.data_set(store, clock.today())
        if name.endswith(".zip"):
            return open_data_files.zip_bytes(data)
        return open_data_files.json_bytes(data)

    return make


def _limited(request: Request) -> Response | None:
    """A 429 answer when the client has spent its downloads, else None (one is taken)."""
    from dashboard.security.client_address import client_address, parse_trusted
    from dashboard.security.rate_limit import refusal_message
    from dashboard.web.client_limits import DOWNLOADS, TRUSTED_PROXIES

    trusted = parse_trusted(os.environ.get(TRUSTED_PROXIES, ""))
    forwarded = request.headers.get("X-Forwarded-For") if trusted else None
    client = client_address(request.client.host if request.client else None, forwarded, trusted)
    if client is None:
        return None
    decision = DOWNLOADS.take(client)
    if decision.allowed:
        return None
    wait = max(1, round(decision.retry_after))
    return PlainTextResponse(
        refusal_message(decision.retry_after),
        status_code=429,
        headers={"Retry-After": str(wait)},
    )


def base_of(request: Request) -> str:
    """The address the links in a feed or calendar point to: WIJKRAAD_PUBLIC_URL, else the
    one this request came to (a part of the cache key: another Host, another file)."""
    from dashboard.components.follow_files import site_url

    return site_url(str(request.base_url))


def language_of(request: Request) -> str:
    """The language asked for with `?lang=en`, as the pages choose theirs; else Dutch."""
    from dashboard.i18n import DEFAULT, LANGUAGES, QUERY_KEY

    asked = request.query_params.get(QUERY_KEY)
    return asked if asked in LANGUAGES else DEFAULT


async def _answer(
    request: Request, kind: str, name: str, make: Callable[[Any], bytes], media_type: str,
    disposition: str, base: str = "", language: str = "nl",
) -> Response:  # fmt: skip
    refused = _limited(request)
    if refused is not None:
        return refused
    try:
        content = await run_in_threadpool(_cached, kind, name, make, base, language)
    except _Missing:
        return PlainTextResponse(NOT_FOUND, status_code=404)
    except Exception:  # the database cannot be used: the pages say why
        logging.getLogger(__name__).exception("answer for %s %s failed", kind, name)
        return PlainTextResponse("Dit bestand is nu niet beschikbaar.", status_code=503)
    return Response(
        content,
        media_type=media_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{name}"',
            "Cache-Control": "public, max-age=300",
            "Content-Language": language,
            "X-Content-Type-Options": "nosniff",
        },
    )


async def follow(request: Request) -> Response:
    """/feed/WK001.atom and /agenda/WK001.ics, in English with `?lang=en`."""
    kind = request.url.path.strip("/").split("/", 1)[0]
    match = CODE.match(str(request.path_params.get("name", "")))
    wanted = {"feed": "atom", "agenda": "ics"}.get(kind)
    if match is None or match.group(2) != wanted:
        return PlainTextResponse(NOT_FOUND, status_code=404)
    code, base = match.group(1), base_of(request)
    make = _feed(code, base) if kind == "feed" else _agenda(code, base)
    return await _answer(request, kind, match.group(0), make, TYPES[match.group(2)], "inline",
                         base, language_of(request))  # fmt: skip


async def open_data(request: Request) -> Response:
    name = str(request.path_params.get("name", ""))
    if name not in OPEN_DATA:
        return PlainTextResponse(NOT_FOUND, status_code=404)
    return await _answer(
        request, "open-data", name, _open_data(name), OPEN_DATA[name], "attachment"
    )


ROUTES: list[BaseRoute] = [
    Route("/feed/{name}", follow, methods=["GET", "HEAD"]),
    Route("/agenda/{name}", follow, methods=["GET", "HEAD"]),
    Route("/open-data/{name}", open_data, methods=["GET", "HEAD"]),
]


def install() -> None:
    """Put ROUTES in front of the routes of every Streamlit app this process makes.

    Streamlit builds its Starlette app from `create_streamlit_routes` when the server
    starts; wrapping that function is the one place where routes can be added to
    `streamlit run` (Streamlit's own `st.App(routes=...)` needs an ASGI launcher script
    instead of the app's script). A Streamlit without that function fails here, at start,
    not silently without feeds (tests/dashboard/test_routes.py serves them for real)."""
    from streamlit.web.server.starlette import starlette_app

    original = starlette_app.create_streamlit_routes
    if getattr(original, "wijkraad_routes", False):
        return

    def with_ours(*args: Any, **kwargs: Any) -> list[Any]:
        return [*ROUTES, *original(*args, **kwargs)]

    with_ours.wijkraad_routes = True  # type: ignore[attr-defined]
    starlette_app.create_streamlit_routes = with_ours
