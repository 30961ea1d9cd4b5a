"""How long `segtui demo` takes, phase by phase, against a raw sqlite3 load of the same contacts.

Usage: python benchmarks/bench_demo_load.py [--contacts 1000000] [--db benchmarks/data/demo.db]

The database file is made anew. The reference generates the same contact rows (same seed) and
inserts them with a bare `executemany` into a table with the same columns but no keys, indexes
or foreign keys, on the same pragmas; segtui's contacts phase also loads the classification rows
into the real, indexed tables. Peak memory is the process's maximum resident set size after the
demo load (the reference runs afterwards).
"""
import argparse
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from segtui.domain.demo import CONTACT_BATCH, load_demo
from segtui.domain.demo_contacts import CONTACT_FIELDS, contact_batches
from segtui.store.connection import SQLITE_PRAGMAS, close_database, open_database

ROOT = Path(__file__).resolve().parent
PHASES = (("setup", "setup, master data, templates"), ("contacts", "contacts + classification"),
          ("logged", "logged segments + interactions"), ("open", "open segments, commit"))
PHASE_STARTS = (("setup", "setup"), ("generating", "contacts"), ("logged", "logged"),
                ("open", "open"))


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


def raw_reference(contacts: int, seed: int) -> float:
    """Generate the same contact rows and executemany them into a bare table."""
    columns = ", ".join(f'"{field.column_name}" {field.field_type}' for field in CONTACT_FIELDS)
    marks = ", ".join("?" * len(CONTACT_FIELDS))
    with tempfile.TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "reference.db", isolation_level=None)
        for name in ("journal_mode", "synchronous"):
            connection.execute(f"PRAGMA {name} = {SQLITE_PRAGMAS[name]}")
        connection.execute(f"CREATE TABLE contact ({columns})")
        started = time.perf_counter()
        connection.execute("BEGIN")
        for batch in contact_batches(random.Random(seed), contacts, CONTACT_BATCH):
            connection.executemany(f"INSERT INTO contact VALUES ({marks})", batch.contacts)
        connection.execute("COMMIT")
        elapsed = time.perf_counter() - started
        connection.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "demo.db")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)

    phases, total, summary = timed_demo(args.db, args.contacts, args.seed)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reference = raw_reference(args.contacts, args.seed)

    print(f"demo load of {args.contacts:,} contacts into {args.db}: {summary}")
    print(f"{'work':<40} {'segtui s':>9} {'reference s':>12} {'ratio':>7}")
    for key, label in PHASES:
        if key == "contacts":
            ratio = phases[key] / reference
            print(f"{label:<40} {phases[key]:>9.1f} {reference:>12.1f} {ratio:>6.1f}x")
        else:
            print(f"{label:<40} {phases[key]:>9.1f} {'-':>12} {'-':>7}")
    print(f"{'full demo load (one transaction)':<40} {total:>9.1f} {'-':>12} {'-':>7}")
    print(f"peak memory (max RSS) after the demo load: {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
