"""The quick start: Streamlit starts without plotly, and charts still get its theme."""

from __future__ import annotations

import subprocess
import sys

from tests.e2e.harness import REPO

PROBE = """
import sys
from dashboard.web.serve import import_streamlit_without_plotly
import_streamlit_without_plotly()
assert "streamlit.web.cli" in sys.modules
assert not any(name == "plotly" or name.startswith("plotly.") for name in sys.modules)
import plotly.io as pio
assert "streamlit" not in pio.templates
from dashboard.components import charts
assert "streamlit" in pio.templates
print("ok")
"""


def test_streamlit_starts_without_plotly_and_charts_register_the_theme() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok")
