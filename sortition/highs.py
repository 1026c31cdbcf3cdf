"""HiGHS prints a banner on standard output when its first instance is made; programs
whose output people read (the CLI, the demo generator) make that first instance quietly."""

from __future__ import annotations

import os
import sys

import highspy


def silence_banner() -> None:
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
