"""The `segtui` entry point: the cycle collector is off for the TUI's start-up only."""
import gc
import sys

import pytest

from segtui import launch
from segtui.cli import segment_commands
from segtui.tui.app import SegtuiApp


@pytest.fixture
def collector_restored():
    yield
    gc.enable()


def test_a_sub_command_runs_with_the_cycle_collector(
        tmp_path, monkeypatch, collector_restored):
    seen = []

    def run(args, settings) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(segment_commands, "run", run)
    monkeypatch.setattr(sys, "argv", ["segtui", "--db", str(tmp_path / "x.db"), "segment",
                                      "list"])
    assert launch.main() == 0
    assert seen == [True]


def test_the_tui_starts_with_the_collector_off(tmp_path, monkeypatch, collector_restored):
    """…and SegtuiApp switches it on after its first frame (tests/tui/test_start_up.py)."""
    seen = []
    def run(app) -> None:
        seen.append(gc.isenabled())
        app.take_first_segments().result()  # the first screen's read, done before closing

    monkeypatch.setattr(SegtuiApp, "run", run)
    monkeypatch.setattr(sys, "argv", ["segtui", "--db", str(tmp_path / "x.db")])
    assert launch.main() == 0
    assert seen == [False]
