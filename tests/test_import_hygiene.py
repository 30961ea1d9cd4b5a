"""What loads when: the domain and the store never import Textual (they serve the CLI and scripts
too), and the TUI starts without what only later screens and the sub-commands need."""
import subprocess
import sys

CHECK = """
import importlib, pkgutil, sys
import segtui.domain, segtui.store
for package in (segtui.domain, segtui.store):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not module.name.split(".")[-1][0].isdigit():
            importlib.import_module(module.name)
import segtui.cli
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
assert not loaded, loaded
print("clean")
"""


def test_domain_and_store_do_not_import_textual():
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"


START = """
import sys
from segtui import cli
from segtui.config import Settings
app = cli.prepare_tui(Settings(sys.argv[1], False, "TESTER"))
app.take_first_segments().result()
later = ["segtui.cli.segment_commands", "segtui.domain.segments.headers",
         "segtui.domain.segments.queries", "segtui.tui.dialogs.export_list",
         "segtui.tui.screens.segment_form", "segtui.tui.screens.contacts",
         "playhouse.migrations", "playhouse.db_url"]
print(" ".join(name for name in later if name in sys.modules) or "clean")
"""


def test_the_tui_starts_without_what_only_later_screens_and_commands_need(tmp_path):
    """Start-up time (benchmarks/bench_startup.py): the first screen's imports only, and none of
    the schema migration runner when the database is up to date."""
    target = str(tmp_path / "segtui.db")
    made = subprocess.run([sys.executable, "-m", "segtui", "--db", target, "segment", "list"],
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    result = subprocess.run([sys.executable, "-c", START, target], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"
