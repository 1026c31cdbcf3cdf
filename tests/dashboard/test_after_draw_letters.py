"""The letters after the draw (dashboard/files/after_draw_letters.py), pure: each kind says
plainly what happens next, typed text is escaped, and the mail-merge file has its columns."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.files import after_draw_letters as letters
from dashboard.files.draw_documents import LetterSettings

DATED = date(2026, 11, 23)


def settings(**changes: object) -> letters.AfterDrawSettings:
    base = LetterSettings(
        municipality="Wijkdam", council_name="Wijkraad Oosterhoek", eligible_age=16,
        term_months=24, reply_by=date(2026, 12, 7), phone="14 050",
        email="wijkraad@wijkdam.nl", sender="Team Wijkraad", dated=DATED,
    )  # fmt: skip
    values: dict[str, object] = {
        "letter": base,
        "panel": False,
        "seats": 11,
        "term_starts": date(2027, 1, 1),
        "term_ends": date(2029, 1, 1),
        "meeting": letters.Meeting(date(2027, 1, 14), "Buurthuis <De Kroon>"),
        "website": "",
    }
    values.update(changes)
    return letters.AfterDrawSettings(**values)  # type: ignore[arg-type]


def rows(status: str | None = "selected", rank: int | None = None, **person: str) -> pd.DataFrame:
    row = {
        "voornaam": "Fatma", "achternaam": "Yilmaz", "straat": "Aaronlaan", "huisnummer": "12a",
        "postcode": "9700 AB", "woonplaats": "Wijkdam", "wijk": "Oosterhoek", "status": status,
        "reserve_rank": rank,
    }  # fmt: skip
    row.update(person)
    return pd.DataFrame([row])


def page(kind: str, frame: pd.DataFrame, **changes: object) -> str:
    """The letters' HTML on one line (the source wraps sentences)."""
    return " ".join(letters.letters_html(kind, frame, settings(**changes)).split())


def test_a_member_is_told_they_were_drawn_and_to_confirm_by_the_day() -> None:
    html = page("member", rows())
    assert "U bent geloot voor de Wijkraad Oosterhoek" in html
    assert "Laat ons vóór 7 december 2026 weten of u meedoet" in html
    assert "Bel 14 050 of mail naar wijkraad@wijkdam.nl" in html
    assert "Uw termijn begint op 1 januari 2027 en loopt tot 1 januari 2029" in html
    assert "De eerste vergadering is op 14 januari 2027 in Buurthuis &lt;De Kroon&gt;" in html
    assert "iemand van de reservelijst" in html  # what happens when they say no
    # "Uitgeloot" is read as *not* chosen; the letters never use it.
    assert "uitgeloot" not in html.lower()


def test_a_confirmed_member_or_one_joining_mid_term_reads_what_fits() -> None:
    html = page("member", rows("confirmed"), term_starts=date(2026, 1, 1), meeting=None)
    assert "U heeft ons al laten weten dat u meedoet" in html
    assert "weten of u meedoet" not in html
    assert "U zit in de raad tot 1 januari 2029" in html
    assert "Wij laten u op tijd weten wanneer de volgende vergadering is" in html
    late = page("member", rows("selected"), term_starts=date(2026, 1, 1))
    assert "De raad is al begonnen. U zit in de raad vanaf de dag dat u ja zegt" in late
    assert "De volgende vergadering is op 14 januari 2027" in late


def test_a_reserve_learns_the_place_and_until_when_they_may_be_asked() -> None:
    html = page("reserve", rows("reserve", rank=3))
    assert "U staat op de reservelijst van de Wijkraad Oosterhoek" in html
    assert "Plaats 3 op de reservelijst" in html
    assert "Zegt een lid af of stopt iemand, dan vragen wij iemand van de reservelijst" in html
    assert "Dat kan tot 1 januari 2029" in html
    assert "kans dat wij u vragen, is daarom klein" not in html
    far = page("reserve", rows("reserve", rank=30))
    assert "De kans dat wij u vragen, is daarom klein" in far
    assert "bent u niet geloot" in html and "uitgeloot" not in (html + far).lower()


def test_a_volunteer_not_drawn_is_thanked_and_told_what_they_can_still_do() -> None:
    html = page("not_drawn", rows(None), website="www.wijkdam.nl/<wijkraad>")
    assert "Bedankt dat u mee wilde doen met de Wijkraad Oosterhoek" in html
    assert "Bij de loting bent u deze keer niet geloot" in html
    assert "Wat kunt u nog doen?" in html and "Volg de raad" in html
    assert "(www.wijkdam.nl/&lt;wijkraad&gt;)" in html
    assert "Bewoners mogen zelf voorstellen doen" in html
    assert "uitgeloot" not in html.lower()


def test_a_wijkpanel_has_no_term_or_meetings_in_its_letters() -> None:
    html = page("member", rows(), panel=True, term_starts=None, term_ends=None)
    assert "U bent geloot voor het wijkpanel van de Wijkraad Oosterhoek" in html
    assert "termijn" not in html and "vergadering" not in html
    reserve = page("reserve", rows("reserve", rank=2), panel=True, term_ends=None)
    assert "Dat kan zolang het wijkpanel bestaat" in reserve


@pytest.mark.parametrize("kind", letters.KINDS)
def test_typed_names_and_addresses_are_escaped(kind: str) -> None:
    hostile = rows("reserve" if kind == "reserve" else "selected", rank=1,
                   voornaam="<script>x</script>", straat="Laan & <b>Co</b>")  # fmt: skip
    html = page(kind, hostile, **{"letter": _with_sender("<i>Team</i>")})
    assert "<script>" not in html and "<b>Co</b>" not in html and "<i>Team</i>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "Laan &amp; &lt;b&gt;Co&lt;/b&gt;" in html
    assert html.count('<section class="letter">') == 1


def _with_sender(sender: str) -> LetterSettings:
    from dataclasses import replace

    return replace(settings().letter, sender=sender)


def test_one_letter_a_page_for_every_row() -> None:
    frame = pd.concat([rows(), rows(voornaam="Joost"), rows(voornaam="Anna")])
    html = page("member", frame)
    assert html.count('<section class="letter">') == 3
    assert "Beste Fatma Yilmaz" in html and "Beste Joost Yilmaz" in html
    assert "<title>Brieven aan de leden, Wijkraad Oosterhoek</title>" in html


def test_the_mail_merge_file_has_its_columns_and_each_kinds_fields() -> None:
    frame = pd.concat([rows("selected"), rows("confirmed", voornaam="Joost")])
    merge = letters.mail_merge_frame("member", frame, settings())
    assert tuple(merge.columns) == letters.MAIL_MERGE_COLUMNS
    assert list(merge["soort"]) == ["lid", "lid"]
    assert list(merge["bevestigd"]) == ["nee", "ja"]
    assert list(merge["aanhef"]) == ["Beste Fatma Yilmaz", "Beste Joost Yilmaz"]
    assert merge["antwoord_voor"].iloc[0] == "7 december 2026"
    assert merge["vergadering"].iloc[0] == "14 januari 2027, Buurthuis <De Kroon>"
    reserve = letters.mail_merge_frame("reserve", rows("reserve", rank=4), settings())
    assert reserve["reserveplaats"].iloc[0] == "4" and reserve["antwoord_voor"].iloc[0] == ""
    assert reserve["termijn_eindigt"].iloc[0] == "1 januari 2029"
    not_drawn = letters.mail_merge_frame("not_drawn", rows(None), settings())
    assert not_drawn["soort"].iloc[0] == "niet geloot" and not_drawn["bevestigd"].iloc[0] == ""
