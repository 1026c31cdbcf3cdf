"""The page Streamlit serves, made for every resident: `<html lang>`, Streamlit's own words
in Dutch, and style fixes for phones, contrast and focus.

Streamlit writes `<html lang="en">` and has no setting for its own words ("Skip to main
content", "Expand sidebar", "Remove", "Clear all", "Link to heading", "Press Enter to
submit form", the uploader's "Upload", the map's toolbar). `python -m dashboard.web.serve`
serves Streamlit's index.html with a small script and style sheet in its head
(`install`), before any page script runs:

- the script sets `<html lang>` from the address (`?lang=en`, which the language switch
  keeps in step; Dutch otherwise), and on Dutch pages puts Dutch words in place of
  Streamlit's English, in text and in the labels a screen reader reads (`aria-label`,
  `title`, `placeholder`), as Streamlit draws them (a MutationObserver). Back on an
  English page the words it changed are English again. It also gives the sidebar's page
  list the structure of a list (Streamlit puts a `div` between `ul` and `li`).
- the style sheet (`page_shell.css`) gives small text enough contrast, sidebar links a
  visible focus, the menu button a visible word, and keeps tables, tabs and filter tags
  within a phone's width.

One mechanism for all of Streamlit's words, on every page (the uploader's too). The
words are matched whole, so text people typed is left alone unless it is exactly one of
Streamlit's phrases.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "page_shell.js"
STYLE = HERE / "page_shell.css"
MARK = "wijkraad-page-shell"  # the id of the script, so a test can find it

# Streamlit's (and the map's) English, whole phrases, with the Dutch that replaces them.
STREAMLIT_NL: dict[str, str] = {
    # the page and the sidebar
    "Skip to main content": "Direct naar de inhoud",
    "Expand sidebar": "Menu openen",
    "Collapse sidebar": "Menu sluiten",
    "Sidebar": "Menu",
    "App pages": "Pagina's",
    "Main menu": "Meer opties",
    "View more": "Meer tonen",
    "View less": "Minder tonen",
    "Link to heading": "Link naar dit kopje",
    # the main menu (toolbarMode viewer) and the status of a run
    "Rerun": "Opnieuw laden",
    "Settings": "Instellingen",
    "Print": "Afdrukken",
    "About": "Over",
    "Running...": "Bezig…",
    "Stop": "Stoppen",
    "Connecting": "Verbinden",
    "Close": "Sluiten",
    # widgets
    "Choose an option": "Kies een optie",
    "Choose options": "Kies een of meer opties",
    "No results": "Niets gevonden",
    "No options to select": "Geen keuzes",
    "Clear all": "Alles wissen",
    "Clear value": "Wissen",
    "Selected values": "Gekozen",
    "Open": "Openen",
    "Press Enter to submit form": "Druk op Enter om het formulier te versturen",
    "Press Enter to apply": "Druk op Enter om te bevestigen",
    "Press ⌘+Enter to apply": "Druk op ⌘+Enter om te bevestigen",
    "Press Ctrl+Enter to apply": "Druk op Ctrl+Enter om te bevestigen",
    "Show password text": "Wachtwoord tonen",
    "Hide password text": "Wachtwoord verbergen",
    "Increment": "Hoger",
    "Decrement": "Lager",
    "progress": "voortgang",
    "Copy to clipboard": "Kopiëren",
    "Copied to clipboard": "Gekopieerd",
    # the file uploader
    "Upload": "Bestand kiezen",
    "Browse files": "Bestand kiezen",
    "Drag and drop file here": "of sleep het hierheen",
    "Drag and drop files here": "of sleep ze hierheen",
    "file upload": "bestand kiezen",
    "Remove file": "Bestand weghalen",
    "Delete": "Weghalen",
    # the element toolbar and charts (plotly's mode bar, MapLibre)
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Exit fullscreen": "Volledig scherm sluiten",
    "Download plot as a PNG": "Opslaan als afbeelding (PNG)",
    "Download plot as a png": "Opslaan als afbeelding (PNG)",
    "Zoom in": "Inzoomen",
    "Zoom out": "Uitzoomen",
    "Pan": "Verschuiven",
    "Reset view": "Terug naar het begin",
    "Reset axes": "Terug naar het begin",
    "Autoscale": "Alles tonen",
    "Zoom": "Zoomen",
    "Box Select": "Rechthoek kiezen",
    "Lasso Select": "Vrij gebied kiezen",
    "Toggle attribution": "Bronvermelding tonen of verbergen",
    "Map": "Kaart",
    "Download as CSV": "Downloaden als CSV",
    "Search": "Zoeken",
}

# Short words that are Dutch or a name as well: replaced only in labels, never in text.
LABELS_ONLY = frozenset({"Open", "Close", "Map", "Pan", "Zoom", "Delete", "Search", "progress"})

# Phrases with a part that varies: (regular expression, Dutch with $1 for the part).
STREAMLIT_NL_PATTERNS: list[tuple[str, str]] = [
    (r"^Remove (.+)$", "$1 weghalen"),
    (r"^Help for (.+)$", "Uitleg bij $1"),
    (r"^(\d+(?:\.\d+)?)\s?([KMG]B) per file(.*)$", "hoogstens $1 $2 per bestand$3"),
    (r"^Limit (\d+(?:\.\d+)?)\s?([KMG]B) per file(.*)$", "hoogstens $1 $2 per bestand$3"),
]


def page_script() -> str:
    """The script for the page's head, with the words filled in."""
    words = json.dumps(STREAMLIT_NL, ensure_ascii=False)
    patterns = json.dumps(STREAMLIT_NL_PATTERNS, ensure_ascii=False)
    labels_only = json.dumps(sorted(LABELS_ONLY))
    code = SCRIPT.read_text(encoding="utf-8")
    words, patterns = words.replace("</", "<\\/"), patterns.replace("</", "<\\/")
    return f'<script id="{MARK}">({code})({words}, {patterns}, {labels_only});</script>'


def served_index(index: str) -> str:
    """Streamlit's index.html with `lang="nl"` and our script and style sheet in its head
    (the script corrects `lang` on English pages before anything shows)."""
    style = STYLE.read_text(encoding="utf-8")
    page = index.replace('<html lang="en">', '<html lang="nl">', 1)
    head = f'{page_script()}<style id="{MARK}-style">{style}</style>'
    return page.replace("</head>", head + "</head>", 1)


Handler = Callable[[str, MutableMapping[str, Any]], Awaitable[Any]]


def install() -> None:
    """Serve index.html as `served_index` makes it: wraps the Starlette static handler
    Streamlit builds when its server starts (call this after importing Streamlit and
    before starting it). Without Streamlit's Starlette server (another version), the
    page shows Streamlit's own words and the browser test on them fails."""
    try:
        from starlette.responses import FileResponse, HTMLResponse
        from streamlit.web.server.starlette import starlette_static_routes as routes
    except ImportError:  # pragma: no cover - another Streamlit
        logging.getLogger(__name__).warning("page shell not installed: no Starlette routes")
        return
    original = routes.create_streamlit_static_handler
    if getattr(original, "wijkraad", False):
        return

    def handler(directory: str, base_url: str | None) -> Any:
        static = original(directory, base_url)
        page = served_index(Path(directory, "index.html").read_text(encoding="utf-8"))
        get_response: Handler = static.get_response

        async def get_page(path: str, scope: MutableMapping[str, Any]) -> Any:
            response = await get_response(path, scope)
            served = isinstance(response, FileResponse) and (
                os.path.basename(str(response.path)) == "index.html"
            )
            revalidated = response.status_code == 304 and path.strip("/.") in {"", "index.html"}
            if served or revalidated:  # 304: the browser's copy may be of another version
                return HTMLResponse(page, headers={"Cache-Control": "no-cache"})
            return response

        static.get_response = get_page  # type: ignore[method-assign]
        return static

    handler.wijkraad = True  # type: ignore[attr-defined]
    routes.create_streamlit_static_handler = handler
