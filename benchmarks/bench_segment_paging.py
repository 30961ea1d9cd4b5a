"""Opening a 100,000-line segment in the TUI and paging through it to its end.

Usage: python benchmarks/bench_segment_paging.py [--db benchmarks/data/demo-1m.db] [--rows]
Two segments are made by Add Contacts (about 100,000 and 10,000 lines; deleted at the end). In a
headless app (80×24) the Segment form is opened on each: time to its first screen (lines on
screen; bar ≤ 0.5 s, Q5 of docs/rules.md), then page down, end, page up, each timed from the key's
action to its rows on screen (bar ≤ 0.2 s a move; Pilot's own per-key overhead, about 0.1 s
whatever the key, is left out). Memory is Python's peak allocation (tracemalloc) over the same
walk, for the 10k and the 100k segment: it must not grow with the line count (bar: the 100k peak
≤ 1.25× the 10k one).
"""
import asyncio
import os
import statistics
import sys
import time
import tracemalloc

from segtui.config import Settings
from segtui.domain.segments import selection
from segtui.domain.segments import headers as segments
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.connection import close_database, open_database
from segtui.tui.app import SegtuiApp
from segtui.tui.screens.segment_form import SegmentFormScreen
from bench_common import Row, bench_parser, limit_row, report, start_bench

os.environ["TEXTUAL_ANIMATIONS"] = "none"
SIZE = (80, 24)
SEGMENTS = {"100k": ["industry=RETAIL", "contact.no=..CT0420000"],
            "10k": ["industry=RETAIL", "contact.no=..CT0042000"]}
PAGES = 30


async def _settled(table) -> None:
    """Wait until the table has its rows and the screen has drawn them."""
    while table.source is None or table.is_loading or not table.window:
        await asyncio.sleep(0.0005)
    drawn = asyncio.Event()
    table.screen.call_after_refresh(drawn.set)
    await drawn.wait()


async def walk(target: str, segment: str) -> dict[str, list[float]]:
    """Open the segment, page down, jump to the end, page up; seconds of each step."""
    app = SegtuiApp(Settings(target, False, "BENCH"))
    figures: dict[str, list[float]] = {"open": [], "page down": [], "end": [], "page up": []}
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        started = time.perf_counter()
        await app.push_screen(SegmentFormScreen(segment))
        table = app.screen.lines
        await _settled(table)
        figures["open"].append(time.perf_counter() - started)
        table.focus()
        for name, action, count in (("page down", table.action_page_down, PAGES),
                                    ("end", table.action_last, 1),
                                    ("page up", table.action_page_up, PAGES)):
            for _press in range(count):
                started = time.perf_counter()
                action()
                await _settled(table)
                figures[name].append(time.perf_counter() - started)
        assert table.status_text().endswith("from the end") or table.total is not None
    return figures


def peak_mib(target: str, segment: str) -> float:
    """Python's peak allocation (MiB) while walking the segment."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    asyncio.run(walk(target, segment))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def make_segments(target: str) -> dict[str, tuple[str, int]]:
    made = {}
    for size, criteria in SEGMENTS.items():
        segment = segments.create_segment(user="BENCH", description=f"bench paging {size}",
                                          template="LETTER")
        made[size] = (segment, selection.add_contacts(
            segment, parse_criteria(criteria), user="BENCH").count)
    return made


def main() -> int:
    args = start_bench(bench_parser(__doc__))
    open_database(args.db)
    made = make_segments(args.db)
    try:
        big, lines = made["100k"]
        figures = asyncio.run(walk(args.db, big))
        small_peak = peak_mib(args.db, made["10k"][0])
        big_peak = peak_mib(args.db, big)
    finally:
        for segment, _lines in made.values():
            segments.delete_segment(segment)
        close_database()
    limit = 1.25
    rows = [
        limit_row(f"open a {lines:,}-line segment: first screen", figures["open"][0], 0.5),
        limit_row(f"  page down ×{PAGES} (median)", statistics.median(figures["page down"]), 0.2),
        limit_row("  end (last page)", figures["end"][0], 0.5),
        limit_row(f"  page up ×{PAGES} from the end (median)",
                  statistics.median(figures["page up"]), 0.2),
        Row(f"  peak memory, {lines:,} lines vs {made['10k'][1]:,} lines", big_peak, small_peak,
            f"≤ {limit:g}×", big_peak <= limit * small_peak, "MiB"),
    ]
    return report(rows, args.rows)


if __name__ == "__main__":
    sys.exit(main())
