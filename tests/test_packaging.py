"""An installed wheel (not only the editable checkout) carries its stylesheets, migrations and
compiled Swedish catalogue."""
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# runs `segtui ARGS` headless, prints the screen
PROBE = Path(__file__).parent / "support" / "ui_probe.py"

HEADLESS_START = """
import asyncio, sys
import segtui
from segtui.config import resolve_settings
from segtui.store.connection import open_database
from segtui.tui.app import SegtuiApp

assert segtui.__file__.startswith(sys.prefix), segtui.__file__
open_database(sys.argv[1])
app = SegtuiApp(resolve_settings(sys.argv[1], None))

async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        paths = [str(path) for path in app.css_path]
        assert paths and all(path.startswith(sys.prefix) for path in paths), paths
    print("started")

asyncio.run(main())
"""


def run(*command, cwd=None):
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                            cwd=cwd, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_wheel_installs_and_starts_headless(tmp_path):
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--wheel-dir", dist, ROOT, cwd=tmp_path)
    wheel = next(dist.glob("segtui-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "segtui/styles/app.tcss" in names
    assert "segtui/store/migrations/0001_initial.py" in names
    assert "segtui/locale/sv/LC_MESSAGES/segtui.mo" in names  # compiled by setup.py's build_py

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps", wheel)
    # The dependencies come from the test environment; segtui itself only from the wheel.
    site = Path(run(python, "-c",
                    "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip())
    (site / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    database = tmp_path / "wheel.db"
    run(venv / "bin" / "segtui", "--db", database, "demo", "--contacts", "30", cwd=tmp_path)
    assert run(python, "-c", HEADLESS_START, database, cwd=tmp_path).strip().endswith("started")
    assert run(python, "-m", "segtui", "--version", cwd=tmp_path).startswith("segtui 0.1.0")
    swedish = run(python, PROBE, "--db", database, "--lang", "sv", cwd=tmp_path)
    assert "Nytt segment" in swedish and "Beskrivning" in swedish, swedish
