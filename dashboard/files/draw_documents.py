"""The invitation lottery's documents: the mail-merge table for the print shop (made into
a CSV by dashboard/components/exports.py, which escapes every cell against formula
injection) and the letters themselves, printable from the browser. Pure: rows in, a
table or HTML out.

Both hold names and addresses: they are made only when an organiser downloads them and
are never stored or logged.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

MAIL_MERGE_COLUMNS = (
    "code", "aanhef", "voornaam", "achternaam", "straat", "huisnummer", "postcode", "woonplaats",
    "wijk",
)  # fmt: skip
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip


def full_name(first_name: object, last_name: object) -> str:
    """First and last name as one text; empty when neither is known."""
    return " ".join(str(p) for p in (first_name, last_name) if p and not pd.isna(p)).strip()


def salutation(first_name: object, last_name: object) -> str:
    name = full_name(first_name, last_name)
    return f"Beste {name}" if name else "Beste bewoner"


def mail_merge_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per letter with the salutation filled in, in the mail-merge columns."""
    frame = rows.copy()
    frame["aanhef"] = [
        salutation(first, last)
        for first, last in zip(frame["voornaam"], frame["achternaam"], strict=True)
    ]
    return frame[list(MAIL_MERGE_COLUMNS)]


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class LetterSettings:
    municipality: str
    council_name: str
    eligible_age: int
    term_months: int
    reply_by: date
    phone: str
    email: str
    sender: str
    dated: date


_STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.5;
       color: #000; margin: 0; }
.letter { padding: 2cm 2.2cm; max-width: 17cm; page-break-after: always;
          break-after: page; }
.letter:last-child { page-break-after: auto; break-after: auto; }
.address { margin: 1.2cm 0 1cm 0; }
.code { font-size: 16pt; font-weight: bold; letter-spacing: 0.1em; }
h1 { font-size: 14pt; margin: 0.8cm 0 0.4cm 0; }
@media screen { .letter { border-bottom: 1px dashed #999; } }
@page { size: A4; margin: 0; }
"""


def letter_head(row: dict[str, object], municipality: str, dated: date) -> str:
    """The top of every letter: the municipality, the address for a window envelope (the
    row's mail-merge columns), place and date; everything escaped."""
    e = html.escape
    name = full_name(row.get("voornaam"), row.get("achternaam"))
    addressee = e(name) if name else "De bewoner van"
    street = f"{row.get('straat', '')} {row.get('huisnummer', '')}".strip()
    town = f"{row.get('postcode', '')} {row.get('woonplaats', '')}".strip()
    return f"""<p><strong>Gemeente {e(municipality)}</strong></p>
<p class="address">{addressee}<br>{e(street)}<br>{e(town)}</p>
<p>{e(municipality)}, {dutch_date(dated)}</p>"""


def _letter(row: dict[str, object], s: LetterSettings) -> str:
    e = html.escape
    first, last = row.get("voornaam"), row.get("achternaam")
    wijk = e(str(row.get("wijk") or "uw wijk"))
    return f"""<section class="letter">
{letter_head(row, s.municipality, s.dated)}
<h1>Uw adres is door loting gekozen: doe mee met de {e(s.council_name)}</h1>
<p>{e(salutation(first, last))},</p>
<p>U woont in {wijk}. De {e(s.council_name)} beslist mee over het geld voor de wijk.
Bijvoorbeeld over groen, een speelplek of een buurtfeest. Wij zoeken bewoners die willen
meedoen.</p>
<p>Uw adres is door loting gekozen uit alle adressen in de wijk. Meedoen kan vanaf
{s.eligible_age} jaar. Uw mening telt, ook als u nog nooit zoiets heeft gedaan.</p>
<p><strong>Wilt u meedoen?</strong> Meld u aan vóór {dutch_date(s.reply_by)}.
Bel {e(s.phone)} of mail naar {e(s.email)}. Noem dan deze code:</p>
<p class="code">{e(str(row.get("code") or ""))}</p>
<p>Uit iedereen die zich aanmeldt, loten wij de leden van de raad. We zorgen dat de raad
lijkt op de wijk: jong en oud, huurders en kopers, uit alle buurten. De loting is openbaar.
Een lid zit {s.term_months} maanden in de raad. De raad komt ongeveer één keer in de zes
weken bij elkaar.</p>
<p>Heeft u vragen? Bel of mail ons gerust. U kunt ook iemand vragen om u te helpen.</p>
<p>Met vriendelijke groet,<br>{e(s.sender)}</p>
</section>"""


def html_page(title: str, letters: Sequence[str]) -> str:
    """Letters (each a `<section class="letter">`) in one HTML page: open it in a browser
    and print, one letter a page. The title is escaped here."""
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body>\n" + "\n".join(letters) + "\n</body></html>\n"
    )


def letters_html(rows: pd.DataFrame, settings: LetterSettings) -> str:
    """All invitation letters in one HTML page (one letter a page)."""
    letters = [_letter(r, settings) for r in rows.to_dict("records")]
    return html_page(f"Uitnodigingen {settings.council_name}", letters)
