"""The walking list for home visits (direct method): the addresses still to visit, street
by street in visiting order (`dashboard.domain.home_visits.by_street`), to print and take
along, with lines to write each visit's day, visitor and outcome on; and the same rows
as a table for a CSV (made by dashboard/components/exports.py). Pure: streets in, HTML or
a table out.

Both hold names and addresses: made only when an organiser asks for them (the service
writes an audit event), never stored or logged.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.domain.home_visits import Stop, Street
from dashboard.files.draw_documents import dutch_date

# The boxes a visitor ticks, in the order of a visit at the door.
_BOXES = ("niet thuis", "nee", "later terugkomen", "ja")
COLUMNS = (
    "straat", "huisnummer", "postcode", "woonplaats", "naam", "nr", "code", "groep",
    "vervangt_nr", "bezoeken", "laatste_bezoek", "laatste_uitkomst", "datum", "bezoeker",
    "uitkomst",
)  # fmt: skip


@dataclass(frozen=True)
class ListSettings:
    council_name: str
    neighbourhoods: str
    draw_id: int
    made_on: date
    lines: int = 2  # empty visit lines per address


def _earlier(stop: Stop) -> str:
    if not stop.visits:
        return "nog niet bezocht"
    times = "1 bezoek" if stop.visits == 1 else f"{stop.visits} bezoeken"
    when = f", laatste op {dutch_date(stop.last_visit)}" if stop.last_visit else ""
    outcome = stop.last_outcome or ""
    return f"{times}{when}: {outcome}" if outcome else f"{times}{when}"


_STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 10.5pt; line-height: 1.35;
       color: #000; margin: 1.4cm 1.5cm; }
h1 { font-size: 15pt; margin: 0 0 0.2cm 0; }
h2 { font-size: 12.5pt; margin: 0.6cm 0 0.15cm 0; break-after: avoid;
     page-break-after: avoid; }
h2 small { font-weight: normal; font-size: 10pt; }
p.note { margin: 0.1cm 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th:nth-child(1) { width: 12%; } th:nth-child(2) { width: 38%; } th:nth-child(3) { width: 20%; }
th { text-align: left; font-size: 9.5pt; border-bottom: 1.5px solid #000; padding: 2px 4px; }
td { vertical-align: top; padding: 3px 4px; }
tbody.stop { break-inside: avoid; page-break-inside: avoid; }
tbody.stop tr.address td { border-top: 1px solid #000; }
td.number { font-size: 13pt; font-weight: bold; white-space: nowrap; }
td.code { white-space: nowrap; font-family: "Courier New", monospace; }
tr.visit td { padding: 5px 4px 2px 4px; font-size: 9.5pt; color: #222; }
span.line { display: inline-block; border-bottom: 1px solid #555; height: 1em; }
.small { font-size: 9pt; color: #333; }
@page { size: A4; margin: 0; }
"""


def _visit_line(number: int) -> str:
    boxes = " ".join(f"&#9744;&nbsp;{word}" for word in _BOXES)
    return (
        f'<tr class="visit"><td colspan="4">Bezoek {number}: datum '
        '<span class="line" style="width:2.6cm"></span> bezoeker '
        f'<span class="line" style="width:4.2cm"></span> &nbsp;{boxes}</td></tr>'
    )


def _stop(stop: Stop, lines: int) -> str:
    e = html.escape
    replaces = (
        f'<br><span class="small">vervangt adres nr {stop.replaces_id}</span>'
        if stop.replaces_id is not None
        else ""
    )
    name = e(stop.name) if stop.name else "de bewoner"
    return (
        '<tbody class="stop"><tr class="address">'
        f'<td class="number">{e(stop.house_number)}</td>'
        f'<td>{name}<br><span class="small">{e(stop.postcode)}</span></td>'
        f'<td class="code">nr {stop.invitation_id}<br>{e(stop.code)}{replaces}</td>'
        f'<td class="small">{e(_earlier(stop))}</td></tr>'
        + "".join(_visit_line(n) for n in range(1, lines + 1))
        + "</tbody>"
    )


def _street(street: Street, lines: int) -> str:
    e = html.escape
    codes = street.postcodes
    span = f"{codes[0]} – {codes[-1]}" if len(codes) > 1 else "".join(codes)
    count = "1 adres" if len(street.stops) == 1 else f"{len(street.stops)} adressen"
    about = " · ".join(p for p in (span, street.city, count) if p)
    return (
        f"<section><h2>{e(street.name or 'Adres onbekend')} <small>{e(about)}</small></h2>"
        "<table><thead><tr><th>Huisnr.</th><th>Vraag naar</th><th>Nr en code</th>"
        "<th>Eerder</th></tr></thead>"
        + "".join(_stop(s, lines) for s in street.stops)
        + "</table></section>"
    )


def walking_list_html(streets: list[Street], settings: ListSettings) -> str:
    """The walking list as one HTML page: open it in a browser and print it."""
    e = html.escape
    total = sum(len(s.stops) for s in streets)
    title = f"Looplijst huisbezoeken {settings.council_name}"
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{e(title)}</h1>\n"
        f'<p class="note">{e(settings.neighbourhoods)} · loting {settings.draw_id} · '
        f"gemaakt op {dutch_date(settings.made_on)} · {total} adressen in {len(streets)} "
        "straten</p>\n"
        '<p class="note">Vraag naar de bewoner die op de lijst staat. Schrijf bij elk bezoek '
        "de datum, uw naam en de uitkomst op. Zet de uitkomst daarna in Wijkraad (stap 4, "
        "Huisbezoeken) bij het nummer van het adres. Bij ja: vraag ook de antwoorden op de "
        "vragen van de aanmelding.</p>\n"
        '<p class="note small">Deze lijst bevat namen en adressen. Geef hem niet aan anderen '
        "en vernietig hem als de uitkomsten zijn ingevoerd.</p>\n"
        + "\n".join(_street(s, settings.lines) for s in streets)
        + "\n</body></html>\n"
    )


def walking_list_frame(streets: list[Street]) -> pd.DataFrame:
    """The same addresses in the same order, one row each, with empty columns for the
    next visit's day, visitor and outcome."""
    rows = [
        {
            "straat": stop.street,
            "huisnummer": stop.house_number,
            "postcode": stop.postcode,
            "woonplaats": stop.city,
            "naam": stop.name,
            "nr": stop.invitation_id,
            "code": stop.code,
            "groep": stop.group,
            "vervangt_nr": "" if stop.replaces_id is None else stop.replaces_id,
            "bezoeken": stop.visits,
            "laatste_bezoek": f"{stop.last_visit:%d-%m-%Y}" if stop.last_visit else "",
            "laatste_uitkomst": stop.last_outcome or "",
            "datum": "",
            "bezoeker": "",
            "uitkomst": "",
        }
        for street in streets
        for stop in street.stops
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))
