"""The invitation lottery's documents: the mail-merge table for the print shop (made into
a CSV by dashboard/components/exports.py, which escapes every cell against formula
injection) and the letters themselves, printable from the browser. Pure: rows in, a
table or HTML out.

Both hold names and addresses: they are made only when an organiser downloads them and
are never stored or logged. Each letter also gives the address of the sign-up page with
its code filled in (`signup_link`), written out and as a QR code (an inline SVG made by
dashboard/files/qr_codes.py).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

import pandas as pd

from dashboard.files.qr_codes import qr_svg

MAIL_MERGE_COLUMNS = (
    "code", "aanhef", "voornaam", "achternaam", "straat", "huisnummer", "postcode", "woonplaats",
    "wijk", "aanmeldadres",
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


def mail_merge_frame(rows: pd.DataFrame, signup_page: str = "") -> pd.DataFrame:
    """One row per letter with the salutation and the sign-up address (`signup_link`; empty
    without a `signup_page`) filled in, in the mail-merge columns."""
    frame = rows.copy()
    frame["aanhef"] = [
        salutation(first, last)
        for first, last in zip(frame["voornaam"], frame["achternaam"], strict=True)
    ]
    frame["aanmeldadres"] = [signup_link(signup_page, str(code)) for code in frame["code"]]
    return frame[list(MAIL_MERGE_COLUMNS)]


def signup_link(signup_page: str, code: str) -> str:
    """The sign-up page's address with the letter's code filled in ('' without a page)."""
    return f"{signup_page}?code={quote(code, safe='-')}" if signup_page else ""


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
    signup_page: str = ""  # the sign-up page's address; empty: the letter offers no sign-up online


_STYLE = """
body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.5;
       color: #000; margin: 0; }
.letter { padding: 2cm 2.2cm; max-width: 17cm; page-break-after: always;
          break-after: page; }
.letter:last-child { page-break-after: auto; break-after: auto; }
.address { margin: 1.2cm 0 1cm 0; }
.code { font-size: 16pt; font-weight: bold; letter-spacing: 0.1em; }
h1 { font-size: 14pt; margin: 0.8cm 0 0.4cm 0; }
.online { display: flex; gap: 0.5cm; align-items: center; margin: 0.3em 0; }
.online p { margin: 0; }
.link { font-family: "Courier New", monospace; font-size: 10pt; overflow-wrap: anywhere; }
svg.qr { width: 2.6cm; height: 2.6cm; flex: none; }
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
{_how_to_sign_up(str(row.get("code") or ""), s)}
<p>Uit iedereen die zich aanmeldt, loten wij de leden van de raad. We zorgen dat de raad
lijkt op de wijk: jong en oud, huurders en kopers, uit alle buurten. De loting is openbaar.
Een lid zit {s.term_months} maanden in de raad. De raad komt ongeveer één keer in de zes
weken bij elkaar.</p>
<p>Heeft u vragen? Bel of mail ons gerust. U kunt ook iemand vragen om u te helpen.</p>
<p>Met vriendelijke groet,<br>{e(s.sender)}</p>
</section>"""


def _how_to_sign_up(code: str, s: LetterSettings) -> str:
    """Online with the code filled in (the address and its QR code), or by phone or mail."""
    e = html.escape
    reply = f"<p><strong>Wilt u meedoen?</strong> Meld u aan vóór {dutch_date(s.reply_by)}."
    if not s.signup_page:
        return f"""{reply}
Bel {e(s.phone)} of mail naar {e(s.email)}. Noem dan deze code:</p>
<p class="code">{e(code)}</p>"""
    link = signup_link(s.signup_page, code)
    return f"""{reply} Dat kan op internet.</p>
<div class="online">{qr_svg(link)}
<p>Scan de QR-code met de camera van uw telefoon, of typ dit adres over. Uw code staat
er dan al in.<br><span class="link">{e(link)}</span></p></div>
<p>Liever bellen of mailen? Bel {e(s.phone)} of mail naar {e(s.email)}. Noem dan deze
code: <span class="code">{e(code)}</span></p>"""


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
