"""Home visits without a database: which addresses are still to visit, the walking
list's order (streets grouped, house numbers in natural order), replacements next to the
address they replace, and the printable list itself."""

from __future__ import annotations

import random
from datetime import date

import pytest

from dashboard.domain.home_visits import (
    Stop,
    by_street,
    natural_key,
    next_to_replaced,
    still_to_visit,
)
from dashboard.files.walking_list import (
    COLUMNS,
    ListSettings,
    walking_list_frame,
    walking_list_html,
)


def stop(n: int, street: str, number: str, postcode: str = "1234 AB", **kw: object) -> Stop:
    values: dict[str, object] = {
        "invitation_id": n, "code": f"CODE-{n:04d}", "name": f"Bewoner {n}", "street": street,
        "house_number": number, "postcode": postcode, "city": "Wijkdam", "group": "WK001 / 25-44",
        "replaces_id": None, "visits": 0, "last_visit": None, "last_outcome": None,
    }  # fmt: skip
    values.update(kw)
    return Stop(**values)  # type: ignore[arg-type]


def test_house_numbers_sort_naturally() -> None:
    numbers = ["12a", "10", "2", "12", "12-10", "1", "12 B", "12-3", "13", "bij 4", "", "100"]
    random.Random(3).shuffle(numbers)
    assert sorted(numbers, key=natural_key) == [
        "1", "2", "10", "12", "12-3", "12-10", "12a", "12 B", "13", "100", "", "bij 4",
    ]  # fmt: skip


def test_case_and_spaces_do_not_count() -> None:
    assert natural_key("12 A") == natural_key("12a")
    assert natural_key("2") < natural_key("10") < natural_key("10a") < natural_key("11")


@pytest.mark.parametrize(
    ("outcome", "replaced", "on_list"),
    [
        (None, False, True),  # not yet visited
        ("niet thuis", False, True),
        ("later", False, True),
        ("ja", False, False),
        ("nee", False, False),
        ("nee", True, False),  # refused and replaced: the replacement is visited instead
        ("niet thuis", True, False),
    ],
)
def test_which_addresses_are_still_to_visit(
    outcome: str | None, replaced: bool, on_list: bool
) -> None:
    assert still_to_visit(outcome, replaced) is on_list


def test_streets_are_grouped_in_postcode_order_with_houses_in_natural_order() -> None:
    stops = [
        stop(1, "Kerkstraat", "10", "1234 AC"),
        stop(2, "Beukenlaan", "3", "1234 AD"),
        stop(3, "Kerkstraat", "2", "1234 AB"),
        stop(4, "Kerkstraat", "12a", "1234 AC"),
        stop(5, " kerkstraat", "12", "1234 AC"),  # the same street, typed differently
        stop(6, "Beukenlaan", "1", "1234 AD"),
        stop(7, "Akkerweg", "9", "1235 AA"),
        stop(8, "", "4", ""),  # no address known: last
    ]
    streets = by_street(stops)
    assert [s.name.strip() for s in streets] == ["Kerkstraat", "Beukenlaan", "Akkerweg", ""]
    assert [s.invitation_id for s in streets[0].stops] == [3, 1, 5, 4]  # 2, 10, 12, 12a
    assert [s.house_number for s in streets[1].stops] == ["1", "3"]
    assert streets[0].postcodes == ["1234 AB", "1234 AC"]


def test_the_same_street_name_in_two_places_is_two_streets() -> None:
    streets = by_street([stop(1, "Dorpsstraat", "1"), stop(2, "Dorpsstraat", "2", city="Elders")])
    assert len(streets) == 2


def test_a_replacement_stands_right_after_the_address_it_replaces() -> None:
    ids = [1, 2, 3, 4, 5, 6, 7]
    replaces = {5: 2, 6: 5, 7: 1}  # 5 replaces 2, 6 replaces 5, 7 replaces 1
    assert next_to_replaced(ids, replaces) == [1, 7, 2, 5, 6, 3, 4]


def test_every_row_stays_even_when_the_replaced_address_is_not_in_the_list() -> None:
    assert next_to_replaced([3, 9], {9: 42}) == [3, 9]
    assert sorted(next_to_replaced([1, 2], {1: 2, 2: 1})) == [1, 2]  # a loop cannot lose rows


SETTINGS = ListSettings("Wijkraad Centrum", "Centrum", 12, date(2026, 11, 23))


def test_the_printable_list_escapes_names_and_has_lines_for_each_visit() -> None:
    streets = by_street(
        [
            stop(1, "Kerkstraat", "2", name="<script>alert(1)</script>"),
            stop(
                2,
                "Kerkstraat",
                "4",
                replaces_id=9,
                visits=2,
                last_visit=date(2026, 11, 20),
                last_outcome="niet thuis",
            ),
        ]
    )
    page = walking_list_html(streets, SETTINGS)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count('class="visit"') == 2 * 2  # two lines per address
    assert "vervangt adres nr 9" in page
    assert "2 bezoeken, laatste op 20 november 2026: niet thuis" in page
    assert "nog niet bezocht" in page
    assert "nr 1" in page and "CODE-0001" in page
    assert "2 adressen in 1 straten" in page


def test_the_table_has_the_same_rows_in_the_same_order() -> None:
    streets = by_street([stop(1, "Kerkstraat", "10"), stop(2, "Kerkstraat", "9"),
                         stop(3, "Kerkstraat", "9a", replaces_id=1)])  # fmt: skip
    table = walking_list_frame(streets)
    assert list(table.columns) == list(COLUMNS)
    assert list(table["huisnummer"]) == ["9", "9a", "10"]
    assert list(table["vervangt_nr"]) == ["", 1, ""]
    assert set(table["datum"]) == {""}
