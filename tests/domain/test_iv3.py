"""Where a project belongs in the municipal budget (Iv3 taakveld): its own taakveld first,
else its theme's, by a documented mapping that covers every theme the app knows."""

from __future__ import annotations

from dashboard.domain import iv3
from data.history import THEMES


def test_a_proposals_own_taakveld_counts_first() -> None:
    found = iv3.taakveld("2.1 Verkeer en vervoer", ["openbare_ruimte"])
    assert (found.code, found.name, found.by_theme) == ("2.1", "Verkeer en vervoer", False)
    assert found.label == "2.1 Verkeer en vervoer"
    # the code alone is enough; the BBV's name is filled in
    assert iv3.taakveld(" 5.7 ", []).name == "Openbaar groen en (openlucht) recreatie"
    # a code the list does not hold keeps the name it was given
    assert iv3.taakveld("6.71 Maatwerkdienstverlening 18+", []).name == (
        "Maatwerkdienstverlening 18+"
    )


def test_without_one_the_theme_decides_in_the_mappings_order() -> None:
    found = iv3.taakveld(None, ["sociale_samenhang", "energietransitie"])
    assert (found.code, found.by_theme) == ("7.4", True)  # energietransitie comes first
    assert iv3.taakveld("", ["jeugd"]).code == "6.1"
    assert iv3.taakveld("samenkracht", ["klimaatadaptatie"]).code == "7.2"  # not a code


def test_nothing_to_go_by_is_unknown_and_sorts_last() -> None:
    found = iv3.taakveld(None, ["een_nieuw_thema"])
    assert found.code == iv3.UNKNOWN and found.label == "Niet ingedeeld"
    codes = ["7.4", iv3.UNKNOWN, "6.71", "1.2", "6.1", "5.7"]
    assert sorted(codes, key=iv3.sort_key) == ["1.2", "5.7", "6.1", "6.71", "7.4", iv3.UNKNOWN]


def test_every_theme_of_the_app_maps_to_a_taakveld_of_the_list() -> None:
    assert {code for code, _ in THEMES} == set(iv3.THEME_TAAKVELD)
    assert set(iv3.THEME_TAAKVELD.values()) <= set(iv3.TAAKVELDEN)
    assert iv3.for_theme("energietransitie") == "7.4 Milieubeheer"
    assert iv3.for_theme("onbekend_thema") is None
