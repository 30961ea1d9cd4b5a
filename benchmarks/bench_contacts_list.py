"""The contact list on a 1,000,000-contact database: start-up to the first page, and page moves.

Usage: python benchmarks/bench_contacts_list.py [--db benchmarks/data/demo-1m.db] [--runs 5]
The database is made with `segtui demo --contacts 1000000` when it does not exist yet.
Start-up is measured in fresh processes, from launch to the first page of contacts on the
(headless, 80×24) screen, against a bare Textual "hello" app measured the same way (bar:
≤ 1.5×, DESIGN.md §5). Page moves are measured in one running app, from the key's action to the
new rows in the table, next to the same keyset query in raw `sqlite3`.
"""
import argparse
import asyncio
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from bench_common import DEMO_1M, ensure_demo_database

os.environ["TEXTUAL_ANIMATIONS"] = "none"

SIZE = (80, 24)


# --- start-up, in a child process ----------------------------------------------------------

async def _painted(app) -> float:
    """The time at which the screen, as it is now, has been drawn."""
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


async def _show_contacts(db_path: str) -> None:
    from segtui.config import Settings
    from segtui.store.connection import open_database
    from segtui.tui.app import SegtuiApp
    from segtui.tui.widgets.paged_table import PagedTable

    open_database(db_path)
    app = SegtuiApp(Settings(db_path, False, "BENCH"))
    async with app.run_test(size=SIZE):
        table = app.screen.query_one(PagedTable)
        while table.source is None or table.is_loading:
            await asyncio.sleep(0.001)
        print(await _painted(app))


def child(kind: str, db_path: str) -> None:
    asyncio.run(_show_hello() if kind == "hello" else _show_contacts(db_path))


def startup_seconds(kind: str, db_path: str) -> float:
    started = time.time()
    result = subprocess.run([sys.executable, __file__, "--child", kind, "--db", db_path],
                            capture_output=True, text=True, check=True)
    return float(result.stdout.split()[-1]) - started


# --- page moves, in one app ----------------------------------------------------------------

async def _timed(table, action) -> float:
    started = time.perf_counter()
    action()
    while table.is_loading:
        await asyncio.sleep(0.0005)
    return time.perf_counter() - started


async def page_moves(db_path: str, moves: int) -> dict[str, list[float]]:
    from segtui.config import Settings
    from segtui.store.connection import close_database, open_database
    from segtui.tui.app import SegtuiApp
    from segtui.tui.widgets.paged_table import PagedTable

    open_database(db_path)
    app = SegtuiApp(Settings(db_path, False, "BENCH"))
    figures: dict[str, list[float]] = {"down past the window": [], "up past the window": [],
                                       "end (last page)": [], "home (first page)": []}
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(PagedTable)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _move in range(moves):
            table.move_cursor(row=table.row_count - 1)
            figures["down past the window"].append(await _timed(table, table.action_cursor_down))
        for _move in range(moves):
            figures["end (last page)"].append(await _timed(table, table.action_last))
            figures["home (first page)"].append(await _timed(table, table.action_first))
        await _timed(table, table.action_last)
        for _move in range(moves):
            table.move_cursor(row=0)
            figures["up past the window"].append(await _timed(table, table.action_cursor_up))
        assert table.highlighted_row is not None
    close_database()
    return figures


def raw_keyset_seconds(db_path: str, moves: int) -> float:
    """The same page query (101 rows after a key) in hand-written sqlite3, for comparison."""
    connection = sqlite3.connect(db_path)
    keys = [row[0] for row in connection.execute(
        "SELECT no FROM contact ORDER BY no LIMIT ? OFFSET 500000", (moves,))]
    started = time.perf_counter()
    for key in keys:
        connection.execute("SELECT no, name, company_name, city, country_code, email FROM contact"
                           " WHERE no > ? ORDER BY no LIMIT 101", (key,)).fetchall()
    elapsed = (time.perf_counter() - started) / len(keys)
    connection.close()
    return elapsed


def count_seconds(db_path: str) -> float:
    from segtui.domain.contacts import ContactPageSource
    from segtui.store.connection import close_database, open_database

    open_database(db_path)
    started = time.perf_counter()
    ContactPageSource().count()
    elapsed = time.perf_counter() - started
    close_database()
    return elapsed


# --- report --------------------------------------------------------------------------------

def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEMO_1M))
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each app (median)")
    parser.add_argument("--moves", type=int, default=20, help="page moves of each kind")
    parser.add_argument("--child", choices=["hello", "contacts"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db)
        return 0
    ensure_demo_database(args.db)

    contacts = sqlite3.connect(args.db).execute("SELECT COUNT(*) FROM contact").fetchone()[0]
    print(f"database: {args.db} ({contacts:,} contacts)")
    hello = statistics.median(startup_seconds("hello", args.db) for _run in range(args.runs))
    first = statistics.median(startup_seconds("contacts", args.db) for _run in range(args.runs))
    print(f"start-up to first screen, median of {args.runs} fresh processes:")
    print(f"  bare Textual hello app      {ms(hello)}")
    print(f"  segtui, first contact page  {ms(first)}   ratio {first / hello:.2f}× (bar ≤ 1.5×)")

    figures = asyncio.run(page_moves(args.db, args.moves))
    print(f"page moves in the running app, {args.moves} of each (median / max):")
    for name, times in figures.items():
        print(f"  {name:<26}  {ms(statistics.median(times))} / {ms(max(times))}")
    print(f"  raw sqlite3 keyset page query  {ms(raw_keyset_seconds(args.db, args.moves))}")
    print(f"count of all contacts (worker)   {ms(count_seconds(args.db))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
