"""What the benchmark scripts share: the 1,000,000-contact demo database, a stopwatch, and the
rows every script reports (printed as a table alone, or as JSON lines for `run_all.py`)."""
import argparse
import json
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

DEMO_1M = Path(__file__).resolve().parent / "data" / "demo-1m.db"
ROW_PREFIX = "BENCH-ROW "


@dataclass
class Row:
    """One line of the results table; `reference` is None when the bar is absolute."""
    work: str
    segtui: float
    reference: float | None
    bar: str
    passed: bool
    unit: str = "s"

    @property
    def ratio(self) -> float | None:
        if self.reference is None:
            return None
        return self.segtui / self.reference if self.reference else float("inf")


def ratio_row(work: str, segtui: float, reference: float, limit: float, unit: str = "s") -> Row:
    """A row whose bar is segtui ≤ `limit` × the reference."""
    row = Row(work, segtui, reference, f"≤ {limit:g}×", False, unit)
    row.passed = row.ratio <= limit
    return row


def limit_row(work: str, segtui: float, limit: float, unit: str = "s") -> Row:
    """A row whose bar is an absolute figure."""
    return Row(work, segtui, None, f"≤ {limit:g} {unit}", segtui <= limit, unit)


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def ensure_demo_database(target: str | Path) -> None:
    """Make the database with `segtui demo --contacts 1000000` when it does not exist yet (a
    file that is missing, or a PostgreSQL database without contacts)."""
    target = str(target)
    if is_postgres(target):
        from segtui.store.connection import close_database, open_database
        from segtui.store.models import Contact

        open_database(target)
        empty = not Contact.select().exists()
        close_database()
        if not empty:
            return
    elif Path(target).exists():
        return
    else:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    print(f"making {target} (segtui demo --contacts 1000000) …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "segtui", "--db", target, "demo", "--contacts",
                    "1000000"], check=True)


def copy_database(source: str | Path, target: Path) -> None:
    """Copy an SQLite file, folding its write-ahead log in first so the copy is complete."""
    import sqlite3

    with sqlite3.connect(source) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(source, target)


def bench_parser(doc: str) -> argparse.ArgumentParser:
    """The arguments of a benchmark on the demo database: `--db` (default: the 1M demo) and
    `--rows` (JSON rows for run_all.py); a script adds its own before `start_bench`."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--db", default=str(DEMO_1M))
    parser.add_argument("--rows", action="store_true", help="print JSON rows for run_all.py")
    return parser


def start_bench(parser: argparse.ArgumentParser) -> argparse.Namespace:
    """Read the arguments, stop cleanly when run_all.py gives up, make sure the demo exists."""
    args = parser.parse_args()
    stop_cleanly_on_sigterm()
    ensure_demo_database(args.db)
    return args


def stop_cleanly_on_sigterm() -> None:
    """Turn SIGTERM (run_all's time limit) into SystemExit, so `finally` blocks and temporary
    folders clean up and open transactions roll back."""
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(143))


def timed(function):
    """(seconds, result) of calling `function`."""
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s" and value < 1:
        return f"{value * 1000:,.1f} ms"
    return f"{value:,.2f} {unit}"


def table_lines(rows: list[Row]) -> list[str]:
    """The rows as a Markdown table."""
    lines = ["| work | segtui | reference | ratio | bar | result |",
             "|---|---:|---:|---:|---|---|"]
    for row in rows:
        ratio = "–" if row.ratio is None else f"{row.ratio:.2f}×"
        lines.append(f"| {row.work} | {format_value(row.segtui, row.unit)} | "
                     f"{format_value(row.reference, row.unit)} | {ratio} | {row.bar} | "
                     f"{'pass' if row.passed else '**FAIL**'} |")
    return lines


def report(rows: list[Row], as_json: bool) -> int:
    """Print the rows (a table, or JSON lines for run_all); exit status 1 when one fails."""
    if as_json:
        for row in rows:
            print(ROW_PREFIX + json.dumps(asdict(row)), flush=True)
    else:
        print("\n".join(table_lines(rows)))
    return 0 if all(row.passed for row in rows) else 1


def read_rows(output: str) -> list[Row]:
    """The rows a benchmark printed with `report(rows, as_json=True)`."""
    return [Row(**json.loads(line[len(ROW_PREFIX):])) for line in output.splitlines()
            if line.startswith(ROW_PREFIX)]
