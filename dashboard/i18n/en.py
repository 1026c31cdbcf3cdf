"""English for the public pages: Dutch sentence -> English sentence."""

from __future__ import annotations

EN: dict[str, str] = {}
