"""The Interaction Log of 1,000,000 entries, a page at a time, with and without filters.

Usage: python benchmarks/bench_interaction_log.py [--db benchmarks/data/demo-1m.db] [--rows]
The demo database holds about 450,000 entries; the benchmark works on a copy
(benchmarks/data/log-1m.db, made once and reused) topped up to 1,000,000 entries by one
INSERT … SELECT of existing entries under new numbers. Each row is the page the screen asks
for first (`InteractionLogPageSource.first`, 101 rows, newest first; median of three) against
the same keyset query in raw `sqlite3`; bar: ≤ 0.5 s, the first-screen bar (Q12, docs/rules.md).
On a PostgreSQL URL the entries of that database are paged as they are, segtui's side only.
"""
import sqlite3
import statistics
import sys
from pathlib import Path

from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.journal.interaction_log_pages import InteractionLogPageSource
from segtui.store.connection import close_database, open_database
from segtui.store.models import InteractionLogEntry
from bench_common import (DEMO_1M, Row, bench_parser, copy_database, is_postgres, report,
                          start_bench, timed)

ENTRIES = 1_000_000
LOG_1M = DEMO_1M.with_name("log-1m.db")
PAGE = 101
FILTERS = {"no filter": EntryFilter(), "template=LETTER": EntryFilter(template="LETTER"),
           "salesperson=PS": EntryFilter(salesperson="PS"),
           "template=MEETING salesperson=AH": EntryFilter(template="MEETING", salesperson="AH")}
RAW_WHERE = {"no filter": "", "template=LETTER": "AND e.interaction_template_code = 'LETTER'",
             "salesperson=PS": "AND e.salesperson_code = 'PS'",
             "template=MEETING salesperson=AH":
                 "AND e.interaction_template_code = 'MEETING' AND e.salesperson_code = 'AH'"}
RAW_PAGE = """
SELECT e.entry_no, e.date, e.contact_no, c.name, e.description, e.interaction_template_code,
  e.correspondence_type, e.salesperson_code, e.segment_no, e.logged_segment_entry_no,
  e.evaluation, e.canceled, e.delivery_status
FROM interaction_log_entry e LEFT JOIN contact c ON c.no = e.contact_no
WHERE e.postponed = 0 {where} ORDER BY e.entry_no DESC LIMIT ?
"""


def ensure_log_database(source: Path, target: Path) -> None:
    """Make `target`: a copy of `source` (migrated) with ENTRIES interaction log entries."""
    if target.exists():
        return
    print(f"making {target} ({ENTRIES:,} interaction log entries) …", file=sys.stderr)
    partial = target.with_suffix(".part")
    copy_database(source, partial)
    open_database(str(partial))
    close_database()
    connection = sqlite3.connect(partial, isolation_level=None)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(interaction_log_entry)")
               if row[1] not in ("entry_no", "merge_data")]
    have, top = connection.execute("SELECT COUNT(*), MAX(entry_no) FROM "
                                   "interaction_log_entry").fetchone()
    listed = ", ".join(columns)
    connection.execute("BEGIN")
    while have < ENTRIES:
        added = connection.execute(
            f"INSERT INTO interaction_log_entry (entry_no, {listed}) SELECT ? + ROW_NUMBER() "
            f"OVER (ORDER BY entry_no), {listed} FROM interaction_log_entry ORDER BY entry_no "
            "LIMIT ?", (top, ENTRIES - have)).rowcount
        have, top = have + added, top + added
    connection.execute("UPDATE no_series SET last_no = ? WHERE code = 'INTERACT'", (top,))
    connection.execute("COMMIT")
    connection.close()
    partial.rename(target)


def median_seconds(function) -> float:
    return statistics.median(timed(function)[0] for _run in range(3))


def main() -> int:
    args = start_bench(bench_parser(__doc__))
    target = args.db
    if not is_postgres(args.db):
        ensure_log_database(Path(args.db), LOG_1M)
        target = str(LOG_1M)
    open_database(target)
    entries = InteractionLogEntry.select().count()
    figures = {}
    for name, entry_filter in FILTERS.items():
        source = InteractionLogPageSource(entry_filter)
        assert len(source.first(PAGE)) == PAGE
        figures[name] = median_seconds(lambda source=source: source.first(PAGE))
    close_database()
    raw = None if is_postgres(target) else sqlite3.connect(target)
    rows = []
    for name, ours in figures.items():
        theirs = None
        if raw is not None:
            query = RAW_PAGE.format(where=RAW_WHERE[name])
            theirs = median_seconds(lambda query=query: raw.execute(query, (PAGE,)).fetchall())
        rows.append(Row(f"Interaction Log, {entries:,} entries: first page, {name}", ours, theirs,
                        "≤ 0.5 s", ours <= 0.5))
    if raw is not None:
        raw.close()
    return report(rows, args.rows)


if __name__ == "__main__":
    sys.exit(main())
