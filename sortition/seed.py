"""The public seed ceremony: randomness nobody could choose in advance.

Before the meeting the organiser publishes a commitment: the SHA-256 of everything the
draw depends on (pool, quotas, parameters, the list of panels). In the meeting, people
enter inputs in public (dice rolls, numbers from witnesses, a lottery result). The seed is
the SHA-256 of the commitment followed by a canonical encoding of those inputs, so that
the same inputs give the same seed on any computer, and nobody (the organiser included)
could have steered it: the inputs were unknown when the commitment was fixed, and the
commitment cannot be changed afterwards without everyone seeing.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np

from sortition.errors import CeremonyInputError, SortitionError, SortitionInputError

MAX_INPUTS = 100
MAX_INPUT_LENGTH = 200
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_PLAIN = _LETTERS | frozenset("0123456789 -")
# The accents a letter a-z may carry: grave, acute, circumflex, tilde, diaeresis, cedilla
# (è é ê ñ ë ç), as in Dutch words and names; dots, rings and hooks are easily missed.
ACCENTS = frozenset("\u0300\u0301\u0302\u0303\u0308\u0327")
# A refused character's reason code and words, by the first letter of its category.
_KINDS = {
    "C": ("invisible", "an invisible or control character"),
    "Z": ("space", "a space other than the ordinary space"),
    "M": ("mark", "a mark that is not an accent on a letter a-z"),
    "N": ("digit", "a digit or number other than 0-9"),
    "L": ("letter", "a letter other than a-z"),
    "S": ("symbol", "a symbol or punctuation mark other than the hyphen"),
}
# Every reason code a CeremonyInputError carries (the first six are _KINDS').
REASONS = (
    *("invisible", "space", "mark", "digit", "letter", "symbol"),
    *("hyphen", "empty", "too_long", "no_inputs", "too_many", "not_canonical"),
)
ALLOWED = "the digits 0-9, the letters a-z (also with ´ ` ^ ¨ ~ ¸), spaces and hyphens"


def canonical_json(value: Any) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8, NFC-normalised text."""
    return json.dumps(
        _normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_normalise(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    return value


def commitment(published: dict[str, Any]) -> str:
    """The SHA-256 (hex) of what the organiser publishes before the ceremony."""
    return hashlib.sha256(canonical_json(published)).hexdigest()


def clean_inputs(inputs: Sequence[str]) -> list[str]:
    """The ceremony inputs as they will be shown, recorded and hashed (`canonical_input`
    for each); CeremonyInputError names the first input that is refused and why."""
    given = list(inputs)
    if not given:
        raise CeremonyInputError("The ceremony needs at least one public input.", "no_inputs")
    if len(given) > MAX_INPUTS:
        raise CeremonyInputError(
            f"At most {MAX_INPUTS} ceremony inputs, got {len(given)}.", "too_many"
        )
    return [canonical_input(str(value), number) for number, value in enumerate(given, start=1)]


def canonical_input(value: str, number: int = 1) -> str:
    """One ceremony input in the only form it is hashed in; CeremonyInputError otherwise.

    The rule (docs/sortition.md, "Ceremony inputs"): Unicode NFKC, then lower case
    ("Zes", "ZES" and "zes" are one input). What remains may hold only the digits 0-9, the
    letters a-z (also with the accents in ACCENTS: é è ê ë ñ ç ...), the space and the
    hyphen. Spaces at either end go and a run of spaces becomes one; a hyphen stands
    between two letters or digits. Anything else is refused, never dropped: invisible and
    control characters, spaces that NFKC does not turn into the ordinary space, letters
    and digits of other scripts (Cyrillic "а", Arabic-Indic "١"), loose marks, symbols.
    Leading zeros count ("04" is not "4"), as they are seen on the screen and the notes.
    """
    text = unicodedata.normalize("NFC", value)
    for char in text:
        if not all(_readable(c) for c in _fold(char)):
            reason, what = _refused_kind(char)
            raise CeremonyInputError(
                f"Ceremony input {number} contains {describe_character(char)}, {what}. An "
                f"input may hold only {ALLOWED}, so that everybody can read it aloud and "
                "check it by eye.",
                reason,
                number,
                char,
            )
    canonical = " ".join(_fold(text).split())
    if not canonical:
        raise CeremonyInputError(f"Ceremony input {number} is empty.", "empty", number)
    if any(part == "" for word in canonical.split(" ") for part in word.split("-")):
        raise CeremonyInputError(
            f"Ceremony input {number}: a hyphen (U+002D) must stand between two letters or digits.",
            "hyphen",
            number,
            "-",
        )
    if len(canonical) > MAX_INPUT_LENGTH:
        raise CeremonyInputError(
            f"Ceremony input {number} is longer than {MAX_INPUT_LENGTH} characters.",
            "too_long",
            number,
        )
    return canonical


def check_recorded_inputs(inputs: Sequence[str]) -> None:
    """Refuse recorded inputs that are not exactly in their canonical form: what a bundle
    shows must be what was hashed, character for character."""
    for number, (given, canonical) in enumerate(
        zip(inputs, clean_inputs(inputs), strict=True), start=1
    ):
        if given != canonical:
            raise CeremonyInputError(
                f"Ceremony input {number} is recorded as {given!r}, not in its canonical form "
                f"{canonical!r}: a draw records its inputs exactly as they were hashed.",
                "not_canonical",
                number,
            )


def describe_character(char: str) -> str:
    """How an error names a character that may not be visible: "U+200B ZERO WIDTH SPACE"."""
    name = unicodedata.name(char, f"(no name; Unicode category {unicodedata.category(char)})")
    return f"U+{ord(char):04X} {name}"


def _fold(text: str) -> str:
    # NFKC once more after lower case, as Unicode's NFKC_Casefold: lower case can undo it.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _readable(char: str) -> bool:
    """One character of folded text: a digit, a letter a-z (with accents), space, hyphen."""
    if char in _PLAIN:
        return True
    base, *marks = list(unicodedata.normalize("NFD", char))
    return base in _LETTERS and bool(marks) and set(marks) <= ACCENTS


def _refused_kind(char: str) -> tuple[str, str]:
    """The reason code and the English words for a refused character, by its category."""
    return _KINDS.get(unicodedata.category(char)[0], _KINDS["S"])


def seed_digest(commitment_hex: str, inputs: Sequence[str]) -> str:
    """SHA-256 (hex) of the commitment and the ceremony inputs, in their order."""
    if len(commitment_hex) != 64 or any(c not in "0123456789abcdef" for c in commitment_hex):
        raise SortitionInputError("The commitment must be a SHA-256 in hexadecimal (64 chars).")
    message = canonical_json({"commitment": commitment_hex, "inputs": clean_inputs(inputs)})
    return hashlib.sha256(message).hexdigest()


def chosen_index(digest_hex: str, m: int) -> int:
    """The panel number (0 .. m-1) the seed picks: the 256-bit seed modulo m.

    The bias of the modulo is below m / 2**256: nothing anyone could measure.
    """
    if m < 1:
        raise SortitionInputError("The lottery needs at least one panel.")
    return int(digest_hex, 16) % m


def generator(digest_hex: str) -> np.random.Generator:
    """A numpy Generator seeded with all 256 bits of the seed (for reserve lists and
    other draws that follow from the ceremony)."""
    words = [int(digest_hex[i : i + 8], 16) for i in range(0, 64, 8)]
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(words)))


def ceremony_differences(
    commitment_hex: str, ceremony: dict[str, Any], lottery_size: int
) -> tuple[list[str], str | None, int | None]:
    """What a recorded ceremony gets wrong: its seed against the commitment and inputs,
    and its panel number against the seed. Returns the differences, the seed and the panel
    number the inputs give (None when the inputs cannot be used or there are no panels)."""
    try:
        seed = seed_digest(commitment_hex, ceremony["inputs"])
    except (SortitionError, KeyError, TypeError) as exc:
        return [f"ceremony inputs: not usable ({exc})"], None, None
    differences = []
    if ceremony.get("seed") != seed:
        differences.append(f"seed: the bundle says {ceremony.get('seed')}, the inputs give {seed}")
    index = chosen_index(seed, lottery_size) if lottery_size else None
    if ceremony.get("chosen_index") != index:
        differences.append(
            f"chosen panel number: the bundle says {ceremony.get('chosen_index')}, "
            f"the seed gives {index}"
        )
    return differences, seed, index
