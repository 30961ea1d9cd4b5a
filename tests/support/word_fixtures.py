"""Real Word-authored documents (Word 2010 and Mac Word 2011 mail-merge letters), when present.

They are not kept in this repository (their licence travels with them); a machine that has them
names their folder in SEGTUI_WORD_FIXTURES, and `.ci/run` does. Tests that read them skip with
the reason when the variable is unset or the file is absent.
"""
import os
from pathlib import Path

import pytest


def word_fixture(name: str) -> Path:
    """The path of the real Word document `name`, or the test is skipped saying why."""
    folder = os.environ.get("SEGTUI_WORD_FIXTURES", "")
    if not folder:
        pytest.skip("real Word documents: SEGTUI_WORD_FIXTURES is not set")
    path = Path(folder) / name
    if not path.is_file():
        pytest.skip(f"real Word documents: {name} is not in SEGTUI_WORD_FIXTURES ({folder})")
    return path
