"""CSV import of 1,000,000 contacts into a fresh database vs a raw sqlite3 load of the same rows.

Usage: python benchmarks/bench_contact_import.py [--db benchmarks/data/demo-1m.db] [--rows]
The CSV is every contact of the demo database as `segtui` exports it
(benchmarks/data/contacts-1m.csv, made once and reused). segtui's side is `import_contacts` into
a new database holding the demo's codes but no contacts (`load_demo(contacts=0)`): every row
read, checked, staged and written set-based in one transaction. The reference reads the same
file with `csv.reader` and inserts the rows with one `executemany` into a bare table of the
file's columns, in one transaction: it checks nothing, so the ratio is for information. The bar
is the import's own goal (issue 8: a million rows "in about a minute"): ≤ 90 s on this machine.
"""
import csv
import sqlite3
import sys
import tempfile
from pathlib import Path

from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.contacts.export import contact_export_rows
from segtui.domain.contacts.importing.import_file import import_contacts
from segtui.domain.demo.build import load_demo
from segtui.domain.output.export_files import export_to_file
from segtui.store.connection import SQLITE_PRAGMAS, close_database, open_database
from bench_common import DEMO_1M, Row, bench_parser, report, start_bench, timed

CSV_1M = DEMO_1M.with_name("contacts-1m.csv")
IMPORT_LIMIT = 90  # seconds: "about a minute" for a million rows


def ensure_csv(source: str, target: Path) -> None:
    """Export every contact of `source` to `target` once."""
    if target.exists():
        return
    print(f"making {target} …", file=sys.stderr)
    open_database(source)
    try:
        export_to_file(contact_export_rows(), EXPORT_NAMES, "csv", target)
    finally:
        close_database()


def segtui_import(path: Path, folder: Path) -> tuple[float, int]:
    """Seconds of importing `path` into a fresh database with the demo's codes; rows created."""
    open_database(str(folder / "import.db"))
    try:
        load_demo(contacts=0)
        seconds, result = timed(lambda: import_contacts(path))
    finally:
        close_database()
    if result.rejected_rows:
        print(f"{result.rejected_rows:,} rows refused, e.g. {result.rejected[0]}", file=sys.stderr)
    return seconds, result.created


def raw_load(path: Path, folder: Path) -> float:
    """Seconds of reading `path` with csv.reader and executemany-ing it into a bare table."""
    connection = sqlite3.connect(folder / "raw.db", isolation_level=None)
    for name in ("journal_mode", "synchronous"):
        connection.execute(f"PRAGMA {name} = {SQLITE_PRAGMAS[name]}")

    def load() -> None:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            records = csv.reader(handle)
            headers = next(records)
            columns = ", ".join(f'"c{number}" TEXT' for number in range(len(headers)))
            connection.execute(f"CREATE TABLE contact ({columns})")
            connection.execute("BEGIN")
            connection.executemany(f"INSERT INTO contact VALUES "
                                   f"({', '.join('?' * len(headers))})", records)
            connection.execute("COMMIT")

    seconds, _ = timed(load)
    connection.close()
    return seconds


def main() -> int:
    args = start_bench(bench_parser(__doc__))
    ensure_csv(args.db, CSV_1M)
    with tempfile.TemporaryDirectory(prefix="segtui-bench-import-") as folder:
        ours, created = segtui_import(CSV_1M, Path(folder))
        theirs = raw_load(CSV_1M, Path(folder))
    work = f"CSV import: {created:,} contacts into a fresh database"
    return report([Row(work, ours, theirs, f"≤ {IMPORT_LIMIT:g} s", ours <= IMPORT_LIMIT)],
                  args.rows)


if __name__ == "__main__":
    sys.exit(main())
