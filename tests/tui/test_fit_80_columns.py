"""Swedish fits 80 columns: every screen (each field of it focused in turn) and the dialogs its
keys open, at 80×24 over the demo data — no menu item wraps, no key of a key bar is cut, no
dialog's hint or button wraps, and no text of the help or a key bar is left in English
(tests/support/fit_probe.py, run in a process of its own as the language is chosen before the
TUI is imported)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PROBE = ROOT / "tests" / "support" / "fit_probe.py"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("fit") / "demo.db"
    subprocess.run([sys.executable, "-m", "segtui", "--db", str(path), "demo", "--contacts",
                    "60"], check=True, capture_output=True, timeout=120, cwd=ROOT)
    return str(path)


def test_every_screen_and_dialog_fits_80_columns_in_swedish(demo_db):
    environment = os.environ | {"PYTHONPATH": str(ROOT)}  # this checkout's segtui
    result = subprocess.run([sys.executable, str(PROBE), "sv", demo_db],
                            capture_output=True, text=True, timeout=300, env=environment,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "", "does not fit 80 columns:\n" + result.stdout
