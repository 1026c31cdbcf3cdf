"""`python -m dashboard.web.serve [streamlit options]`: start the app, and be quick about it.

The same as `streamlit run streamlit_app.py`, with two changes that make the first page
answer sooner after start (bench/first_page.py):

1. Streamlit imports plotly at start-up only to register its chart theme, which costs a
   third of a second before the server can listen. While Streamlit is imported, plotly
   looks absent, so Streamlit skips that; `dashboard.components.charts` (the only module
   that makes charts) registers the theme when a page with a chart first needs it.
2. As soon as the server listens, a thread imports what the first page needs and opens
   the database, while the visitor's browser is still loading Streamlit's scripts.

It also serves Streamlit's page with `<html lang>`, Streamlit's own words in Dutch and the
style fixes for phones, contrast and focus (`page_shell`), and, next to the pages, files for
programs: feeds, calendars and the open data (`routes`: /feed/WK001.atom,
/agenda/WK001.ics, /open-data/wijkraad-open-data.zip).
"""

from __future__ import annotations

import importlib.abc
import logging
import socket
import sys
import threading
import time
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

APP = "streamlit_app.py"
DEFAULT_PORT = 8501
WAIT_FOR_SERVER_SECONDS = 30.0


class _PlotlyLater(importlib.abc.MetaPathFinder):
    """Makes `import plotly...` fail while it is on sys.meta_path."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname == "plotly" or fullname.startswith("plotly."):
            raise ModuleNotFoundError(f"{fullname} is imported later", name=fullname)
        return None


def import_streamlit_without_plotly() -> None:
    finder = _PlotlyLater()
    sys.meta_path.insert(0, finder)
    try:
        import streamlit.web.cli  # noqa: F401
    finally:
        sys.meta_path.remove(finder)


def _option(argv: Sequence[str], name: str, default: str) -> str:
    for i, arg in enumerate(argv):
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
        if arg == f"--{name}" and i + 1 < len(argv):
            return argv[i + 1]
    return default


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


def warm_up(host: str, port: int) -> None:
    """Once the server listens: import the first page's modules and open the store."""
    deadline = time.monotonic() + WAIT_FOR_SERVER_SECONDS
    while not _listening(host, port):
        if time.monotonic() > deadline:
            return
        time.sleep(0.01)
    try:
        from dashboard.components import choose, language, login_form, tables  # noqa: F401
        from dashboard.config import database_location
        from dashboard.services import overview  # noqa: F401
        from dashboard.web import (
            app_state,
        )

        # Outside a script run Streamlit warns that there is no script context; harmless.
        quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
        level = quiet.level
        quiet.setLevel(logging.ERROR)
        try:
            app_state._store(database_location())
        finally:
            quiet.setLevel(level)
    except Exception:  # the first page shows any problem with the database itself
        return


def main(argv: Sequence[str] | None = None) -> None:
    options = list(sys.argv[1:] if argv is None else argv)
    import_streamlit_without_plotly()
    from dashboard.web import page_shell, routes

    page_shell.install()
    routes.install()  # /feed/WK001.atom, /agenda/WK001.ics, /open-data/...
    host = _option(options, "server.address", "127.0.0.1")
    port = int(_option(options, "server.port", str(DEFAULT_PORT)))
    threading.Thread(target=warm_up, args=(host, port), daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", APP, *options]
    cli.main()


if __name__ == "__main__":
    main()
