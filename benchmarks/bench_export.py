"""Export every contact of the 1,000,000-contact demo database to CSV and xlsx.

Usage: python benchmarks/bench_export.py [--db benchmarks/data/demo-1m.db] [--formats csv xlsx]
The database is made with `segtui demo --contacts 1000000` when it does not exist yet. Each
format is exported by `contact_export_rows` + `export_to_file` into a temporary folder; the table
prints rows, seconds, rows per second, the file size and the process's peak memory (max RSS,
which only grows: tracemalloc would slow the run) after each export.
"""
import argparse
import resource
import tempfile
from pathlib import Path

from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.contacts.export import contact_export_rows
from segtui.domain.output.export_files import export_to_file
from segtui.store.connection import close_database, open_database
from bench_common import DEMO_1M, ensure_demo_database, timed


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEMO_1M))
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"],
                        choices=["csv", "json", "xlsx"])
    args = parser.parse_args()
    if Path(args.db) == DEMO_1M:
        ensure_demo_database(args.db)
    open_database(args.db)
    print(f"database {args.db}; max RSS before: {max_rss_mb():.0f} MB")
    print(f"{'format':<7}{'rows':>10}{'seconds':>10}{'rows/s':>10}{'MB file':>10}"
          f"{'max RSS MB':>12}")
    try:
        with tempfile.TemporaryDirectory() as folder:
            for fmt in args.formats:
                path = Path(folder) / f"contacts.{fmt}"
                seconds, rows = timed(lambda fmt=fmt, path=path: export_to_file(
                    contact_export_rows(), EXPORT_NAMES, fmt, path))
                print(f"{fmt:<7}{rows:>10}{seconds:>10.1f}{rows / seconds:>10.0f}"
                      f"{path.stat().st_size / 2**20:>10.1f}{max_rss_mb():>12.0f}", flush=True)
    finally:
        close_database()


if __name__ == "__main__":
    main()
