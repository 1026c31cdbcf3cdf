"""Ceremony inputs hold only what can be read aloud and checked by eye (issue 15, finding 1).

The organiser knows the commitment before typing the public inputs. Any freedom in how an
input may be written that nobody in the room can see or hear (an invisible character, a
look-alike letter from another script, a different space, upper or lower case) lets the
organiser search offline for the spelling that gives the panel they want. Each such
spelling must give the seed of the plain input, or be refused.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sortition import CeremonyInputError, prepare, reveal, verify
from sortition.bundle import reserve_list
from sortition.cli import main
from sortition.seed import (
    ACCENTS,
    REASONS,
    canonical_input,
    canonical_json,
    chosen_index,
    clean_inputs,
    commitment,
    describe_character,
    seed_digest,
)
from tests.sortition.conftest import random_instance

COMMITMENT = commitment({"draw": "ceremony inputs"})
M = 1000
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u034f"]


def _panel(inputs: list[str]) -> int:
    return chosen_index(seed_digest(COMMITMENT, inputs), M)


def _panel_or_none(inputs: list[str]) -> int | None:
    try:
        return _panel(inputs)
    except CeremonyInputError:
        return None


def _characters(first: str, second: str | None = None, step: int = 1) -> list[str]:
    """Every `step`-th code point whose category is `first` (with `second`, exactly that)."""
    found = []
    for code in range(0, sys.maxunicode + 1, step):
        category = unicodedata.category(chr(code))
        if category[0] == first and (second is None or category[1] == second):
            found.append(chr(code))
    return found


# The finding ------------------------------------------------------------------------------


def test_a_hidden_suffix_on_the_last_input_cannot_choose_the_panel() -> None:
    honest = _panel(["3", "5"])
    reachable = {
        _panel_or_none(["3", "5" + "".join(suffix)])
        for suffix in itertools.product(INVISIBLE, repeat=2)
    }
    assert reachable == {None}, "every hidden suffix must be refused"
    assert _panel(["3", "5"]) == honest


def test_the_refusal_names_the_input_and_the_character() -> None:
    with pytest.raises(CeremonyInputError) as info:
        clean_inputs(["getuige 7", "getuige 312\u200c"])
    error = info.value
    assert (error.reason, error.number, error.character) == ("invisible", 2, "\u200c")
    assert "Ceremony input 2" in str(error)
    assert "U+200C ZERO WIDTH NON-JOINER" in str(error)
    assert error.reason in REASONS


def test_reveal_on_the_command_line_refuses_a_hidden_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(_prepared()), encoding="utf-8")
    before = path.read_bytes()
    assert main(["reveal", str(path), "--input", "3", "--input", "getuige 312\u200c"]) == 2
    err = capsys.readouterr().err
    assert "Ceremony input 2" in err and "U+200C ZERO WIDTH NON-JOINER" in err
    assert path.read_bytes() == before


# A bundle whose hashes agree but whose inputs hide characters ------------------------------


def _prepared() -> dict[str, Any]:
    frame, quotas = random_instance(3, 40, 8, households=True)
    return prepare(frame, quotas, 8, household_column="household", m=40, rounding_seconds=0)


@pytest.fixture(scope="module")
def prepared() -> dict[str, Any]:
    return _prepared()


def _forged(bundle: dict[str, Any], inputs: list[str]) -> dict[str, Any]:
    """The bundle revealed with `inputs` hashed exactly as given (as the engine did before
    inputs were canonical): commitment, seed, panel number, panel and reserve all agree."""
    seed = hashlib.sha256(
        canonical_json({"commitment": bundle["commitment"], "inputs": inputs})
    ).hexdigest()
    index = chosen_index(seed, len(bundle["lottery"]["panels"]))
    panel = list(bundle["lottery"]["panels"][index])
    return {
        **bundle,
        "ceremony": {"inputs": inputs, "seed": seed, "chosen_index": index},
        "panel": panel,
        "reserve": reserve_list(bundle, panel, seed),
    }


@pytest.mark.parametrize(
    ("inputs", "reason"),
    [
        (["3", "5\u200b"], "invisible"),
        (["3", "5\u00ad"], "invisible"),
        (["3", "g\u0435tuige 5"], "letter"),  # Cyrillic e
        (["3", "\u0665"], "digit"),  # Arabic-Indic five
        (["3", "Getuige 5"], "not_canonical"),  # hashed with a capital
        (["3", "5 "], "not_canonical"),
    ],
)
def test_verify_refuses_inputs_not_in_canonical_form_even_when_the_hashes_agree(
    prepared: dict[str, Any], inputs: list[str], reason: str
) -> None:
    honest = reveal(prepared, ["3", "5"])
    assert verify(honest) == []
    forged = _forged(prepared, inputs)
    with pytest.raises(CeremonyInputError) as info:
        verify(forged)
    assert info.value.reason == reason and info.value.number == 2


def test_verify_on_the_command_line_refuses_a_zero_width_suffix(
    prepared: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "forged.json"
    path.write_text(json.dumps(_forged(prepared, ["3", "5\u200b"])), encoding="utf-8")
    assert main(["verify", str(path)]) == 2
    captured = capsys.readouterr()
    assert "U+200B ZERO WIDTH SPACE" in captured.err and "Ceremony input 2" in captured.err
    assert "identical" not in captured.out


def test_verify_refuses_a_parent_with_a_hidden_character(prepared: dict[str, Any]) -> None:
    honest = reveal(prepared, ["3", "5"])
    with pytest.raises(CeremonyInputError, match="U\\+2060 WORD JOINER"):
        verify(honest, _forged(prepared, ["3\u2060", "5"]))


# The class: every kind of character that cannot be read aloud ------------------------------

ALWAYS_REFUSED = [
    ("Cf", _characters("C", "f")),
    ("Cc", _characters("C", "c")),
    ("Cs", _characters("C", "s", step=7)),
    ("Co", _characters("C", "o", step=97)),
    ("Cn", _characters("C", "n", step=997)),
    ("Zl", _characters("Z", "l")),
    ("Zp", _characters("Z", "p")),
    ("Mn", _characters("M", "n")),
    ("Mc", _characters("M", "c")),
    ("Me", _characters("M", "e")),
]


@pytest.mark.parametrize(
    "characters", [c for _, c in ALWAYS_REFUSED], ids=[n for n, _ in ALWAYS_REFUSED]
)
def test_invisible_control_and_loose_mark_characters_are_refused_and_named(
    characters: list[str],
) -> None:
    assert characters
    for char in characters:
        for value in (f"5{char}", f"{char}5", f"getuige {char}312"):
            with pytest.raises(CeremonyInputError) as info:
                clean_inputs(["4", value])
            error = info.value
            # NFC may first replace a mark by its canonical equivalent (U+0340 -> U+0300).
            assert error.number == 2
            assert error.character in (char, *unicodedata.normalize("NFC", char)), repr(char)
            assert error.character is not None
            assert describe_character(error.character) in str(error)


def _merged_or_refused(char: str, visible: str) -> None:
    """`char` inside an input is refused, or is its NFKC form, lower case, which must be
    plain text the input could have had anyway: then the seed is that text's seed."""
    for template in ("5{}", "{}5", "getuige {} 312"):
        value = template.format(char)
        shown = template.format(visible)
        try:
            got = _panel(["4", value])
        except CeremonyInputError as error:
            assert error.number == 2 and error.character is not None
            continue
        assert got == _panel(["4", shown]), (repr(char), visible)


def _visible(char: str) -> str:
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", char).casefold())


def test_spaces_other_than_the_space_are_refused_or_are_a_space() -> None:
    spaces = [c for c in _characters("Z", "s") if c != " "]
    assert "\u00a0" in spaces and "\u1680" in spaces
    for char in spaces:
        _merged_or_refused(char, " ")
    with pytest.raises(CeremonyInputError, match="U\\+1680 OGHAM SPACE MARK"):
        canonical_input("getuige\u1680312")


def test_digits_other_than_0_to_9_are_refused_or_are_that_digit() -> None:
    digits = [c for c in _characters("N", "d") if not "0" <= c <= "9"]
    assert len(digits) > 500
    for char in digits:
        _merged_or_refused(char, str(unicodedata.digit(char)))


@pytest.mark.parametrize("value", ["\u0661\u0662\u0663", "\u0967\u0968\u0969", "\u09e7\u09e8"])
def test_arabic_indic_and_other_digits_are_not_taken_as_numbers(value: str) -> None:
    with pytest.raises(CeremonyInputError) as info:
        canonical_input(value)
    assert info.value.reason == "digit" and info.value.character == value[0]


def test_other_numbers_letters_and_symbols_are_refused_or_are_plain_text() -> None:
    for first in ("N", "L", "S", "P"):
        for char in _characters(first):
            if first == "N" and unicodedata.category(char) == "Nd":
                continue
            if char == "-":
                continue
            visible = _visible(char)
            if all(canonical_input_ok(c) for c in visible):
                _merged_or_refused(char, visible)
            else:
                with pytest.raises(CeremonyInputError):
                    canonical_input(f"5{char}5")


def canonical_input_ok(char: str) -> bool:
    """The documented alphabet: 0-9, a-z (also with the listed accents), space, hyphen."""
    if char in "0123456789abcdefghijklmnopqrstuvwxyz -":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    return "a" <= base <= "z" and bool(marks) and set(marks) <= ACCENTS


CONFUSABLES = {
    "a": ["\u0430", "\u03b1", "\u0251"],  # Cyrillic a, Greek alpha, Latin alpha
    "e": ["\u0435", "\u03b5"],
    "o": ["\u043e", "\u03bf", "\u0585"],  # ... Armenian oh
    "i": ["\u0456", "\u0131", "\u03b9"],  # Ukrainian i, dotless i, Greek iota
    "p": ["\u0440", "\u03c1"],
    "c": ["\u0441", "\u03f2"],
    "y": ["\u0443"],
    "x": ["\u0445", "\u03c7"],
    "j": ["\u0458", "\u0237"],
    "s": ["\u0455"],
}


@pytest.mark.parametrize(("latin", "other"), [(k, v) for k, vs in CONFUSABLES.items() for v in vs])
def test_look_alike_letters_of_other_scripts_are_refused(latin: str, other: str) -> None:
    word = f"p{latin}ssage {latin}"
    assert canonical_input(word) == word
    with pytest.raises(CeremonyInputError) as info:
        canonical_input(word.replace(latin, other))
    assert info.value.character == other and info.value.reason == "letter"


def test_dutch_words_with_accents_and_digraphs_are_accepted() -> None:
    assert clean_inputs(["Zes", "getuige 312", "ï", "Zoë", "café", "IJsselmeer", "2024-05-01"]) == [
        "zes",
        "getuige 312",
        "ï",
        "zoë",
        "café",
        "ijsselmeer",
        "2024-05-01",
    ]


@pytest.mark.parametrize("value", ["-5", "5-", "drie--vijf", "drie - vijf", "-"])
def test_a_hyphen_stands_between_two_letters_or_digits(value: str) -> None:
    with pytest.raises(CeremonyInputError) as info:
        canonical_input(value)
    assert info.value.reason == "hyphen"


# Properties ------------------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789éèëïöüç", min_size=1, max_size=8)
PLAIN = st.lists(WORD, min_size=1, max_size=4).map(" ".join)


@given(st.text(max_size=30))
def test_an_accepted_input_is_its_own_canonical_form(value: str) -> None:
    try:
        canonical = canonical_input(value)
    except CeremonyInputError as error:
        assert error.reason in REASONS and error.number == 1
        return
    assert canonical_input(canonical) == canonical
    assert all(canonical_input_ok(c) for c in canonical)
    assert canonical == canonical.strip() and "  " not in canonical


SAME_LOOK = {
    " ": ["\u00a0", "\u2009", "\u202f", "\u3000", "  ", "\u200b ", " \u2060"],
    "a": ["\u0430", "\uff41", "A"],
    "e": ["\u0435", "E", "\u1d5e"],
    "o": ["\u043e", "\u03bf", "O"],
    "i": ["\u0456", "I", "\u0131"],
    "1": ["\uff11", "\u0661", "\U0001d7cf", "\u00b9"],
    "3": ["\u0663", "\uff13"],
    "ë": ["e\u0308", "\u00cb"],
}


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A plain input and a spelling of it that looks (or sounds) the same."""
    plain = draw(PLAIN)
    out = []
    for char in plain:
        choices = SAME_LOOK.get(char, [])
        if bool(choices) and draw(st.booleans()):
            char = draw(st.sampled_from(choices))
        if draw(st.integers(0, 9)) == 0:
            char += draw(st.sampled_from(INVISIBLE))
        out.append(char)
    return plain, "".join(out)


@given(disguised())
def test_inputs_that_look_the_same_give_the_same_seed_or_one_is_refused(
    pair: tuple[str, str],
) -> None:
    plain, look_alike = pair
    try:
        other = seed_digest(COMMITMENT, ["4", look_alike])
    except CeremonyInputError as error:
        assert error.number == 2
        return
    assert other == seed_digest(COMMITMENT, ["4", plain])
