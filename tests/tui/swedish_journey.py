"""The journey of test_journey.py in Swedish. Not collected with the others (its name does not
start with test_): test_journey.py runs it in a process of its own with SEGTUI_TEST_LANG=sv, the
language being chosen before the TUI is imported."""
import os

import pytest

from tests.tui.test_journey import journey


@pytest.mark.skipif(os.environ.get("SEGTUI_TEST_LANG") != "sv", reason="run with Swedish chosen")
async def test_the_swedish_run(letters, tmp_path, snapshot):
    await journey(letters, tmp_path, snapshot)
