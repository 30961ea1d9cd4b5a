"""How long `segtui demo` takes, phase by phase, against a raw sqlite3 load of the same contacts.

Usage: python benchmarks/bench_demo_load.py [--contacts 1000000] [--db benchmarks/data/demo.db]

The database file is made anew (and removed afterwards unless --keep). The reference generates
the same contact and classification rows (same seed) and inserts them with a bare `executemany`
into the same tables and indexes (their CREATE statements read from segtui's database), on the
same pragmas; the row compares that with segtui's contacts phase (bar: ≤ 2×). Peak memory is the
process's maximum resident set size after the demo load (the reference runs afterwards).
The CSV import of 1,000,000 contacts is bench_contact_import.py.
"""
import argparse
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from segtui.domain.demo.build import CONTACT_BATCH, load_demo
from segtui.domain.demo import contacts as demo_contacts
from segtui.domain.demo.contacts import contact_batches
from segtui.store.connection import SQLITE_PRAGMAS, close_database, open_database
from bench_common import ratio_row, report, stop_cleanly_on_sigterm

ROOT = Path(__file__).resolve().parent
PHASES = (("setup", "setup, master data, templates"), ("contacts", "contacts + classification"),
          ("logged", "logged segments + interactions"), ("open", "open segments, commit"))
PHASE_STARTS = (("setup", "setup"), ("generating", "contacts"), ("logged", "logged"),
                ("open", "open"))
# The tables of the contacts phase, in the order of the fields of a contact batch.
BATCH_TABLES = (("contacts", "CONTACT_FIELDS"), ("mailing", "MAILING_FIELDS"),
                ("industry", "INDUSTRY_FIELDS"), ("jobs", "JOB_FIELDS"),
                ("relations", "RELATION_FIELDS"), ("answers", "ANSWER_FIELDS"))


def batch_inserts() -> list[tuple[str, str]]:
    """(batch field, INSERT statement) for each table the contacts phase fills."""
    inserts = []
    for field, fields_name in BATCH_TABLES:
        fields = getattr(demo_contacts, fields_name)
        table = fields[0].model._meta.table_name
        columns = ", ".join(f'"{f.column_name}"' for f in fields)
        inserts.append((field, f"INSERT INTO {table} ({columns}) VALUES "
                               f"({', '.join('?' * len(fields))})"))
    return inserts


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def timed_demo(path: Path, contacts: int, seed: int) -> tuple[dict, float, str]:
    """Run the demo load; returns seconds per phase, the total and the summary."""
    marks = []

    def progress(message: str) -> None:
        marks.append((time.perf_counter(), message))
        print(f"  {message}", file=sys.stderr, flush=True)

    remove_database(path)
    open_database(str(path))
    started = time.perf_counter()
    try:
        summary = load_demo(contacts=contacts, seed=seed, progress=progress)
    finally:
        close_database()
    ended = time.perf_counter()
    starts = {}
    for moment, message in marks:
        for prefix, key in PHASE_STARTS:
            if message.startswith(prefix):
                starts[key] = moment
    order = [key for key, _ in PHASES]
    phases = {key: (starts[order[index + 1]] if index + 1 < len(order) else ended) - starts[key]
              for index, key in enumerate(order)}
    return phases, ended - started, str(summary)


def schema_of(path: Path) -> list[str]:
    """The CREATE statements of the contacts phase's tables and their indexes in `path`."""
    connection = sqlite3.connect(path)
    names = [getattr(demo_contacts, name)[0].model._meta.table_name for _f, name in BATCH_TABLES]
    marks = ", ".join("?" * len(names))
    statements = [row[0] for row in connection.execute(
        f"SELECT sql FROM sqlite_master WHERE tbl_name IN ({marks}) AND sql IS NOT NULL "
        "ORDER BY type DESC", names)]
    connection.close()
    return statements


def raw_reference(contacts: int, seed: int, schema: list[str]) -> float:
    """Generate the same rows and executemany them into the same tables and indexes."""
    inserts = batch_inserts()
    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "reference.db", isolation_level=None)
        for name in ("journal_mode", "synchronous"):
            connection.execute(f"PRAGMA {name} = {SQLITE_PRAGMAS[name]}")
        for statement in schema:
            connection.execute(statement)
        started = time.perf_counter()
        connection.execute("BEGIN")
        for batch in contact_batches(random.Random(seed), contacts, CONTACT_BATCH):
            for field, insert in inserts:
                connection.executemany(insert, getattr(batch, field))
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - started
        connection.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "demo.db",
                        help="the file to load into (made anew)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the loaded database")
    parser.add_argument("--rows", action="store_true", help="print JSON rows for run_all.py")
    args = parser.parse_args()
    stop_cleanly_on_sigterm()
    args.db.parent.mkdir(parents=True, exist_ok=True)

    phases, total, summary = timed_demo(args.db, args.contacts, args.seed)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reference = raw_reference(args.contacts, args.seed, schema_of(args.db))
    rows = [ratio_row(f"demo load: {args.contacts:,} contacts + classification", phases["contacts"],
                      reference, 2)]
    if not args.keep:
        remove_database(args.db)

    if not args.rows:
        print(f"demo load of {args.contacts:,} contacts into {args.db}: {summary}")
        for key, label in PHASES:
            print(f"  {label:<38} {phases[key]:>7.1f} s")
        print(f"  {'full demo load (one transaction)':<38} {total:>7.1f} s")
        print(f"peak memory (max RSS) after the demo load: {peak_mib:.0f} MiB")
    return report(rows, args.rows)


if __name__ == "__main__":
    sys.exit(main())
