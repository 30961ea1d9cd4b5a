"""Start-up to the first screen against a bare Textual "hello" app, in fresh processes.

Usage: python benchmarks/bench_startup.py [--db benchmarks/data/demo-1m.db] [--runs 15] [--rows]
Each run is a new process, timed from its launch to the moment its first screen has been drawn
(headless, 80×24). segtui's child does what the `segtui` command does before its first screen
(`segtui.launch.main`): switch the cycle collector off, import the command's module, prepare the
TUI as the command does (`cli.prepare_tui`: open the database, start reading the first screen's
rows, make the app) and show the Segments list with its rows. The reference is a Textual app
showing one Static. Both run from compiled modules, as an installed package does (segtui's are
compiled first: the checkout's may have no .pyc). Runs alternate; medians are compared (bar:
≤ 1.5×, Q8 of docs/rules.md).
"""
import argparse
import asyncio
import compileall
import gc
from importlib import import_module
import os
from pathlib import Path
import statistics
import subprocess
import sys
import time

from bench_common import DEMO_1M, ensure_demo_database, ratio_row, report, stop_cleanly_on_sigterm

SIZE = (80, 24)
SOURCE = Path(__file__).resolve().parent.parent / "segtui"


async def _painted(app) -> float:
    """The wall-clock time at which the screen, as it is now, has been drawn."""
    drawn = asyncio.Event()
    app.screen.call_after_refresh(drawn.set)
    await drawn.wait()
    return time.time()


async def _show_hello() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        def compose(self):
            yield Static("Hello")

    app = Hello()
    async with app.run_test(size=SIZE):
        print(await _painted(app))


async def _show_segtui(target: str) -> None:
    gc.disable()  # as segtui.launch.main does; the app switches it on after its first screen
    cli = import_module("segtui.cli")  # what the `segtui` command imports first
    from segtui.config import Settings

    app = cli.prepare_tui(Settings(target, False, "BENCH"))  # what it does before app.run()
    async with app.run_test(size=SIZE):
        while not app.screen.table.row_count:
            await asyncio.sleep(0.001)
        print(await _painted(app))


def startup_seconds(kind: str, target: str) -> float:
    """Seconds from launching a child process to its first screen."""
    started = time.time()
    result = subprocess.run([sys.executable, __file__, "--child", kind, "--db", target],
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "TEXTUAL_ANIMATIONS": "none"})
    return float(result.stdout.split()[-1]) - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEMO_1M))
    parser.add_argument("--runs", type=int, default=15,
                        help="start-ups of each app (median: the machine is shared and noisy)")
    parser.add_argument("--rows", action="store_true", help="print JSON rows for run_all.py")
    parser.add_argument("--child", choices=["hello", "segtui"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    stop_cleanly_on_sigterm()
    if args.child:
        asyncio.run(_show_hello() if args.child == "hello" else _show_segtui(args.db))
        return 0
    ensure_demo_database(args.db)
    compileall.compile_dir(SOURCE, quiet=1)
    startup_seconds("segtui", args.db)  # one unmeasured run: compiled files, warm disk cache
    times: dict[str, list[float]] = {"hello": [], "segtui": []}
    for _run in range(args.runs):
        for kind in times:
            times[kind].append(startup_seconds(kind, args.db))
    return report([ratio_row("start-up to the first screen (vs bare Textual app)",
                             statistics.median(times["segtui"]),
                             statistics.median(times["hello"]), 1.5)], args.rows)


if __name__ == "__main__":
    sys.exit(main())
