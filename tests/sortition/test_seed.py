import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sortition import seed
from sortition.errors import SortitionInputError

PUBLISHED = {"pool": [["p1", "vrouw"], ["p2", "man"]], "k": 1, "quotas": [], "m": 1000}
COMMITMENT = seed.commitment(PUBLISHED)


def test_the_commitment_is_the_sha256_of_the_canonical_encoding() -> None:
    canonical = b'{"k":1,"m":1000,"pool":[["p1","vrouw"],["p2","man"]],"quotas":[]}'
    assert seed.canonical_json(PUBLISHED) == canonical
    assert hashlib.sha256(canonical).hexdigest() == COMMITMENT
    reordered = {"quotas": [], "m": 1000, "k": 1, "pool": [["p1", "vrouw"], ["p2", "man"]]}
    assert seed.commitment(reordered) == COMMITMENT


def test_any_change_to_what_was_published_changes_the_commitment() -> None:
    changed = {**PUBLISHED, "pool": [["p1", "vrouw"], ["p2", "vrouw"]]}
    assert seed.commitment(changed) != COMMITMENT


def test_the_same_inputs_give_the_same_seed_and_panel_anywhere() -> None:
    first = seed.seed_digest(COMMITMENT, ["4", "2", "6", "Staatsloterij 123456"])
    again = seed.seed_digest(COMMITMENT, [" 4", "2 ", "6", "Staatsloterij  123456"])
    assert first == again
    assert seed.chosen_index(first, 1000) == int(first, 16) % 1000
    assert seed.generator(first).integers(0, 10**9) == seed.generator(again).integers(0, 10**9)


def test_order_and_every_input_matter() -> None:
    assert seed.seed_digest(COMMITMENT, ["4", "2"]) != seed.seed_digest(COMMITMENT, ["2", "4"])
    assert seed.seed_digest(COMMITMENT, ["4"]) != seed.seed_digest(COMMITMENT, ["04"])
    other = seed.commitment({**PUBLISHED, "k": 2})
    assert seed.seed_digest(COMMITMENT, ["4"]) != seed.seed_digest(other, ["4"])


def test_unicode_is_normalised() -> None:
    composed, decomposed = "Zoë", "Zoe\u0308"
    assert seed.seed_digest(COMMITMENT, [composed]) == seed.seed_digest(COMMITMENT, [decomposed])


def test_case_does_not_count_and_inputs_are_recorded_in_lower_case() -> None:
    assert seed.clean_inputs(["Zes", "ZES", " Getuige  312 ", "Zoë"]) == [
        "zes",
        "zes",
        "getuige 312",
        "zoë",
    ]
    assert seed.seed_digest(COMMITMENT, ["Zes"]) == seed.seed_digest(COMMITMENT, ["zes"])


def test_dates_and_hyphenated_words_are_inputs_as_written() -> None:
    assert seed.clean_inputs(["2024-05-01", "drie-vijf"]) == ["2024-05-01", "drie-vijf"]


@pytest.mark.parametrize(
    ("commitment", "inputs", "message"),
    [
        (COMMITMENT, [], "at least one"),
        (COMMITMENT, ["4", "  "], "input 2 is empty"),
        (COMMITMENT, ["x" * 201], "longer than"),
        ("abc", ["4"], "SHA-256"),
        (COMMITMENT.upper(), ["4"], "SHA-256"),
    ],
)
def test_bad_ceremony_input_is_refused(commitment: str, inputs: list[str], message: str) -> None:
    with pytest.raises(SortitionInputError, match=message):
        seed.seed_digest(commitment, inputs)


READABLE = st.text(alphabet="0123456789abcxyzéëï ", min_size=1, max_size=20).filter(str.strip)


@given(st.lists(READABLE, min_size=1, max_size=8), st.integers(min_value=1, max_value=5000))
def test_the_chosen_index_is_always_a_panel_number(inputs: list[str], m: int) -> None:
    index = seed.chosen_index(seed.seed_digest(COMMITMENT, inputs), m)
    assert 0 <= index < m


def test_panel_numbers_are_spread_evenly() -> None:
    counts = [0] * 10
    for number in range(5000):
        counts[seed.chosen_index(seed.seed_digest(COMMITMENT, [str(number)]), 10)] += 1
    assert min(counts) > 400 and max(counts) < 600  # about 500 each
