"""One-time voting codes in the style of the draw's letter codes: 'K7QM-2XHD'.

Eight characters from 32 that cannot be mixed up when read aloud or typed (no 0/O, 1/I),
in two groups of four: 40 bits, so with 20,000 codes handed out a guess hits one in about
55 million tries. The randomness comes from the caller: `secrets.SystemRandom()` for codes
that are handed out (unguessable), a seeded `random.Random` in tests. The same alphabet as
the draw's letters (dashboard/services/draws/invitations.py), which this package may not
import.
"""

from __future__ import annotations

import random
from collections.abc import Collection

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 8
_BITS = 5 * LENGTH


def new_codes(n: int, rng: random.Random, taken: Collection[str] = ()) -> list[str]:
    """`n` different codes, none of them in `taken` (codes already handed out)."""
    if n < 0:
        raise ValueError("n must be 0 or more")
    if n + len(taken) > 2 ** (_BITS - 1):
        raise ValueError("too many codes for 40 bits")
    seen = set(taken)
    codes: list[str] = []
    while len(codes) < n:
        code = _code(rng.getrandbits(_BITS))
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes


def _code(bits: int) -> str:
    chars = [ALPHABET[(bits >> (5 * i)) & 31] for i in range(LENGTH)]
    return "".join(chars[:4]) + "-" + "".join(chars[4:])


def is_code(text: str) -> bool:
    """Whether `text` is written as a code (after trimming and upper case)."""
    cleaned = text.strip().upper()
    return (
        len(cleaned) == LENGTH + 1
        and cleaned[4] == "-"
        and all(ch in ALPHABET for ch in cleaned[:4] + cleaned[5:])
    )
