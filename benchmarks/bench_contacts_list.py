"""The contact list on a 1,000,000-contact database: page moves by key, against raw sqlite3.

Usage: python benchmarks/bench_contacts_list.py [--db benchmarks/data/demo-1m.db] [--rows]
The database is made with `segtui demo --contacts 1000000` when it does not exist yet. In one
running (headless, 80×24) app on the Contacts section, each move is timed from the key's action
to the new rows in the table (median of --moves); bar ≤ 0.2 s a move (a page query alone takes
about 0.1 ms in raw `sqlite3`: the time is Textual's). Start-up is bench_startup.py.
"""
import asyncio
import os
import statistics
import sys
import time
from bench_common import bench_parser, limit_row, report, start_bench

os.environ["TEXTUAL_ANIMATIONS"] = "none"

SIZE = (80, 24)


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
        await app.switch_mode("contacts")
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


def count_seconds(db_path: str) -> float:
    from segtui.domain.contacts.contact_list import ContactPageSource
    from segtui.store.connection import close_database, open_database

    open_database(db_path)
    started = time.perf_counter()
    ContactPageSource().count()
    elapsed = time.perf_counter() - started
    close_database()
    return elapsed


def main() -> int:
    parser = bench_parser(__doc__)
    parser.add_argument("--moves", type=int, default=20, help="page moves of each kind")
    args = start_bench(parser)
    figures = asyncio.run(page_moves(args.db, args.moves))
    rows = [limit_row(f"contact list: {name} (median of {args.moves})", statistics.median(times),
                      0.2) for name, times in figures.items()]
    rows.append(limit_row("contact list: count of all contacts (a worker)",
                          count_seconds(args.db), 0.5))
    return report(rows, args.rows)


if __name__ == "__main__":
    sys.exit(main())
