"""The groups residents are counted in, the same in the register, the quotas and every
table: age bands by birthday on a reference day."""

from __future__ import annotations

AGE_BANDS: list[tuple[str, int, int]] = [
    ("0-15", 0, 15),
    ("16-24", 16, 24),
    ("25-44", 25, 44),
    ("45-64", 45, 64),
    ("65+", 65, 200),
]
