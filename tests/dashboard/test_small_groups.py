"""No council group under 5 is shown on its own."""

from dashboard.small_groups import MIN_GROUP, OTHERS, compare

POPULATION = {"0-15": 300, "16-24": 120, "25-44": 430, "45-64": 310, "65+": 140}
AGES = ["0-15", "16-24", "25-44", "45-64", "65+"]


def shown_counts(rows: list) -> list[int]:
    return [r.council for r in rows if r.council is not None]


def test_ordered_groups_merge_with_a_neighbour_until_each_has_five() -> None:
    rows = compare({"16-24": 1, "25-44": 4, "45-64": 2, "65+": 4}, POPULATION, AGES, ["0-15"], True)
    assert [r.groups for r in rows] == [("16-24", "25-44"), ("45-64", "65+")]
    assert shown_counts(rows) == [5, 6]
    assert abs(rows[0].population_share - 550 / 1000) < 1e-9  # children left out
    assert round(rows[0].difference) == -10


def test_unordered_small_groups_are_shown_together() -> None:
    rows = compare({"man": 9, "vrouw": 2}, {"vrouw": 490, "man": 500, "anders": 10},
                   ["vrouw", "man", "anders"])  # fmt: skip
    assert [r.groups for r in rows] == [("man",), (OTHERS, "vrouw", "anders")]
    assert rows[0].council == 9 and rows[1].council is None


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
