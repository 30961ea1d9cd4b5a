"""What the benchmark scripts share: the 1,000,000-contact demo database and a stopwatch."""
import subprocess
import sys
import time
from pathlib import Path

DEMO_1M = Path(__file__).resolve().parent / "data" / "demo-1m.db"


def ensure_demo_database(path: str | Path) -> None:
    """Make the database with `segtui demo --contacts 1000000` when it does not exist yet."""
    path = Path(path)
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"making {path} (segtui demo --contacts 1000000) …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "segtui", "--db", str(path), "demo", "--contacts",
                    "1000000"], check=True)


def timed(function):
    """(seconds, result) of calling `function`."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result
