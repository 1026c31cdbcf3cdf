"""No council group under 5 is shown on its own."""

from dashboard.domain.small_groups import MIN_GROUP, OTHERS, compare

POPULATION = {"0-15": 300, "16-24": 120, "25-44": 430, "45-64": 310, "65+": 140}
AGES = ["0-15", "16-24", "25-44", "45-64", "65+"]


def shown_counts(rows: list) -> list[int]:
    return [r.council for r in rows if r.council is not None]


def test_ordered_groups_merge_with_a_neighbour_until_each_has_five() -> None:
    rows = compare({"16-24": 1, "25-44": 4, "45-64": 2, "65+": 4}, POPULATION, AGES, ["0-15"], True)
    assert [r.groups for r in rows] == [("16-24", "25-44"), ("45-64", "65+")]
    assert shown_counts(rows) == [5, 6]
    share, difference = rows[0].population_share, rows[0].difference
    assert share is not None and difference is not None
    assert abs(share - 550 / 1000) < 1e-9  # children left out
    assert round(difference) == -10


def test_unordered_small_groups_are_shown_together() -> None:
    rows = compare({"man": 9, "vrouw": 2}, {"vrouw": 490, "man": 500, "anders": 10},
                   ["vrouw", "man", "anders"])  # fmt: skip
    assert [r.groups for r in rows] == [("man",), (OTHERS, "vrouw", "anders")]
    assert rows[1].council is None  # and the 9 men too: see the eleven-seat example


def test_a_group_without_members_shows_zero() -> None:
    rows = compare({"man": 6, "vrouw": 5}, {"vrouw": 490, "man": 500, "anders": 10},
                   ["vrouw", "man", "anders"])  # fmt: skip
    assert [r.council for r in rows] == [5, 6, 0]


def test_when_merging_neighbours_leaves_one_group_small_ones_go_together() -> None:
    rows = compare({"laag": 1, "middelbaar": 6, "hoog": 4},
                   {"laag": 300, "middelbaar": 400, "hoog": 300},
                   ["laag", "middelbaar", "hoog"], ordered=True)  # fmt: skip
    assert [r.groups for r in rows] == [("middelbaar",), (OTHERS, "laag", "hoog")]
    assert shown_counts(rows) == [6, 5]


def test_all_groups_small_shows_no_council_numbers() -> None:
    rows = compare({"koop": 4, "sociale huur": 4, "particuliere huur": 3},
                   {"koop": 500, "sociale huur": 290, "particuliere huur": 3})  # fmt: skip
    assert all(r.council is None for r in rows)
    assert [r.population_share for r in rows if r.groups == ("koop",)] == [500 / 793]
    assert [r.population_share for r in rows if r.groups == ("particuliere huur",)] == [None]


def test_nothing_under_the_threshold_ever_shows() -> None:
    import itertools

    for counts in itertools.product(range(0, 8), repeat=4):
        council = dict(zip(AGES[1:], counts, strict=True))
        for ordered in (True, False):
            rows = compare(council, POPULATION, AGES, ["0-15"], ordered)
            assert all(c >= MIN_GROUP or c == 0 for c in shown_counts(rows))
            assert sum(shown_counts(rows)) <= sum(counts)


def attacker_classes(
    groups: list[str], population: dict[str, int], most: int, ordered: bool, leave_out=()
) -> dict[tuple, list[dict[str, int]]]:
    """Every council of up to `most` members, keyed by what the page shows of it together
    with the public number of members: the councils in one class look the same."""
    import itertools

    classes: dict[tuple, list[dict[str, int]]] = {}
    for counts in itertools.product(range(most + 1), repeat=len(groups)):
        if sum(counts) > most:
            continue
        council = dict(zip(groups, counts, strict=True))
        rows = compare(council, population, groups, leave_out, ordered)
        classes.setdefault((sum(counts), tuple(rows)), []).append(council)
    return classes


def test_no_hidden_count_can_be_worked_out_from_the_total() -> None:
    """An attacker who knows the rule, sees the page and knows the number of drawn members
    lists every council that would give exactly this page: each hidden count must still
    have two or more possible values."""
    cases = [
        (["vrouw", "man", "anders"], {"vrouw": 490, "man": 500, "anders": 10}, 15, False, ()),
        (["koop", "sociale huur", "particuliere huur", "overig"],
         {"koop": 500, "sociale huur": 290, "particuliere huur": 150, "overig": 3}, 13, False, ()),
        (AGES[1:], POPULATION, 13, True, ["0-15"]),
        (["laag", "middelbaar", "hoog"], {"laag": 300, "middelbaar": 400, "hoog": 300}, 15, True,
         ()),
    ]  # fmt: skip
    checked = 0
    for groups, population, most, ordered, leave_out in cases:
        for (total, rows), councils in attacker_classes(
            groups, population, most, ordered, leave_out
        ).items():
            for row in rows:
                if row.council is not None or len(rows) == 1:
                    continue
                members = [g for g in row.groups if g != OTHERS]
                possible = {sum(c.get(g, 0) for g in members) for c in councils}
                assert len(possible) >= 2, (groups, total, row, possible)
                checked += 1
    assert checked > 500


def test_the_eleven_seat_example_hides_the_complement() -> None:
    """Nine men and two women: showing 9 men would give away the 2 women."""
    rows = compare({"man": 9, "vrouw": 2}, {"vrouw": 490, "man": 500, "anders": 10},
                   ["vrouw", "man", "anders"])  # fmt: skip
    assert [r.council for r in rows] == [None, None]
    rows = compare({"man": 6, "vrouw": 5}, {"vrouw": 490, "man": 500, "anders": 10},
                   ["vrouw", "man", "anders"])  # fmt: skip
    assert [r.council for r in rows] == [5, 6, 0]
