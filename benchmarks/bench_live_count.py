"""The live count of the criteria dialog over 1,000,000 contacts vs the same count in raw SQL.

Usage: python benchmarks/bench_live_count.py [--db benchmarks/data/demo-1m.db] [--rows]
The count is what the Add Contacts dialog shows while criteria are typed: the dialog's own
`preview` (parse every field, then a dry run of Add Contacts) on an empty segment, median of
three, against a hand-written `sqlite3` COUNT of the same contacts (bar: ≤ 2×, docs/rules.md Q4).
On a PostgreSQL URL only segtui's side runs.
"""
import sqlite3
import statistics
import sys

from segtui.domain.segments import headers as segments
from segtui.domain.segments.selection import AddOptions
from segtui.store.connection import close_database, open_database
from segtui.store.enums import CriteriaAction
from segtui.tui.dialogs.criteria import preview
from bench_common import Row, bench_parser, is_postgres, ratio_row, report, start_bench, timed

FIELDS = (("industry", "RETAIL"), ("jobresp", "PURCHASE"))
RAW_COUNT = """
SELECT COUNT(*) FROM contact c
WHERE EXISTS (SELECT 1 FROM contact_industry_group g WHERE g.contact_no = c.company_no
              AND g.industry_group_code = 'RETAIL')
  AND EXISTS (SELECT 1 FROM contact_job_responsibility j WHERE j.contact_no = c.no
              AND j.job_responsibility_code = 'PURCHASE')
  AND c.exclude_from_segment = 0
"""
RUNS = 3


def median_seconds(function) -> tuple[float, object]:
    """The median time of RUNS calls of `function`, and its (last) result."""
    results = [timed(function) for _run in range(RUNS)]
    return statistics.median(seconds for seconds, _result in results), results[-1][1]


def main() -> int:
    args = start_bench(bench_parser(__doc__))
    open_database(args.db)
    segment = segments.create_segment(user="BENCH", description="bench live count")
    try:
        ours, result = median_seconds(lambda: preview(
            segment, CriteriaAction.ADD_CONTACTS, FIELDS, AddOptions(), False, "BENCH"))
    finally:
        segments.delete_segment(segment)
        close_database()
    work = f"live count ({' '.join(f'{k}={v}' for k, v in FIELDS)}): {result.count:,}"
    if is_postgres(args.db):
        return report([Row(work, ours, None, "–", True)], args.rows)
    raw = sqlite3.connect(args.db)
    theirs, (count,) = median_seconds(lambda: raw.execute(RAW_COUNT).fetchone())
    raw.close()
    if count != result.count:
        print(f"raw count {count:,} differs from segtui's {result.count:,}", file=sys.stderr)
        return 1
    return report([ratio_row(work, ours, theirs, 2)], args.rows)


if __name__ == "__main__":
    sys.exit(main())
