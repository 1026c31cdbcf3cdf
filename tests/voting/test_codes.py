"""One-time voting codes: distinct, unguessable when the randomness is, in the letters'
style."""

from __future__ import annotations

import random
import re
import secrets
import time

from voting import new_codes
from voting.codes import ALPHABET, is_code


def test_codes_look_like_the_letter_codes() -> None:
    codes = new_codes(500, random.Random(1))
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", c) for c in codes)
    assert len(set(codes)) == 500
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)  # every character is used
    assert all(is_code(c) and is_code(f" {c.lower()} ") for c in codes)
    assert not is_code("K7QM2XHD") and not is_code("K7QM-2XH0")


def test_seeded_codes_repeat_and_taken_ones_are_skipped() -> None:
    first = new_codes(50, random.Random(7))
    assert new_codes(50, random.Random(7)) == first
    again = new_codes(50, random.Random(7), taken=first[:10])
    assert not set(again) & set(first[:10])
    assert new_codes(0, random.Random(1)) == []


def test_twenty_thousand_from_the_system_generator() -> None:
    started = time.perf_counter()
    codes = new_codes(20_000, secrets.SystemRandom())
    assert time.perf_counter() - started < 5  # the bench measures it: about 0.1 s
    assert len(set(codes)) == 20_000
