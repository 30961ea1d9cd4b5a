"""Run every benchmark and print one table of the results (also written to RESULTS.md).

Usage: python benchmarks/run_all.py [--db benchmarks/data/demo-1m.db] [--only NAME…]
Each benchmark runs in its own process (so its memory figures are its own) and reports its rows
as JSON lines; this script gathers them under a heading naming the date and the machine. With
SEGTUI_BENCH_PG set to a PostgreSQL URL, the benchmarks that can run there run again on it (the
1,000,000-contact demo is loaded into it first when it holds no contacts), and a second table
sets segtui on PostgreSQL beside segtui on SQLite.
"""
import argparse
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from bench_common import DEMO_1M, ensure_demo_database, read_rows, Row, table_lines
from segtui.store.connection import describe

HERE = Path(__file__).resolve().parent
# Longest a benchmark may run before it is stopped (and fails), so the whole run stays short.
TIME_LIMIT = {"bench_contact_import.py": 150, "bench_merge.py": 420}
DEFAULT_TIME_LIMIT = 300
# On PostgreSQL a statement is stopped after this long, so a slow one fails its row instead of
# holding the run (SIGTERM cannot stop a process waiting for the server).
PG_STATEMENT_TIMEOUT = "options=-c%20statement_timeout%3D120000"
RESULTS = HERE / "RESULTS.md"
# Script, whether it runs on PostgreSQL too, whether it takes --db (the 1M demo database).
BENCHMARKS = (
    ("bench_demo_load.py", False, False),
    ("bench_contact_import.py", False, True),
    ("bench_segment_actions.py", True, True),
    ("bench_live_count.py", True, True),
    ("bench_log.py", False, True),
    ("bench_merge.py", False, False),
    ("bench_pdf.py", False, False),
    ("bench_startup.py", False, True),
    ("bench_segment_paging.py", True, True),
    ("bench_contacts_list.py", True, True),
    ("bench_interaction_log.py", True, True),
)


def machine() -> str:
    """CPU count and model, memory, Python and SQLite versions."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        memory = f", {int(memory) / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        memory = ""
    return (f"{os.cpu_count()} × {model}{memory}, {platform.system()}, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def run_benchmark(script: str, target: str | None) -> tuple[list[Row], float]:
    """The rows one benchmark reports, and its seconds; a failed run is one failing row."""
    command = [sys.executable, str(HERE / script), "--rows"]
    if target is not None:
        command += ["--db", target]
    limit = TIME_LIMIT.get(script, DEFAULT_TIME_LIMIT)
    started = time.perf_counter()
    print(f"running {script}{' on ' + target if target else ''} …", file=sys.stderr, flush=True)
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=HERE)
    try:
        output, errors = child.communicate(timeout=limit)
        why = f"exit {child.returncode}"
    except subprocess.TimeoutExpired:
        child.terminate()  # SIGTERM: the benchmarks undo their work and remove their files
        try:
            output, errors = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            child.kill()
            output, errors = child.communicate()
        why = f"stopped after {limit} s"
    elapsed = time.perf_counter() - started
    rows = read_rows(output)
    if not rows:
        sys.stderr.write(output + errors)
        rows = [Row(f"{script}: did not finish ({why})", elapsed, None, f"≤ {limit} s", False)]
    return rows, elapsed


def compared_with_sqlite(postgres: list[Row], sqlite: list[Row]) -> list[Row]:
    """One benchmark's PostgreSQL rows with its SQLite rows' times (same order) as reference;
    informative rows have no bar."""
    compared = []
    for index, row in enumerate(postgres):
        twin = sqlite[index] if index < len(sqlite) else None
        compared.append(Row(row.work, row.segtui, twin.segtui if twin else None,
                            "–" if row.bar == "–" else row.bar, row.passed, row.unit))
    return compared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEMO_1M))
    parser.add_argument("--only", nargs="+", metavar="NAME",
                        help="run only these benchmarks (e.g. bench_log.py)")
    args = parser.parse_args()
    chosen = [bench for bench in BENCHMARKS if not args.only or bench[0] in args.only]
    ensure_demo_database(args.db)
    started = time.perf_counter()
    results: dict[str, list[Row]] = {}
    for script, _on_postgres, takes_db in chosen:
        results[script] = run_benchmark(script, args.db if takes_db else None)[0]
    rows = [row for script_rows in results.values() for row in script_rows]
    heading = (f"Measured {datetime.now():%Y-%m-%d %H:%M} on {machine()}; 1,000,000-contact "
               f"demo database; whole run {time.perf_counter() - started:.0f} s.")
    lines = [heading, "", *table_lines(rows)]

    postgres = os.environ.get("SEGTUI_BENCH_PG")
    if postgres:
        ensure_demo_database(postgres)
        pg_rows = []
        for script, on_postgres, _takes_db in chosen:
            if on_postgres:
                target = postgres + ("&" if "?" in postgres else "?") + PG_STATEMENT_TIMEOUT
                pg_rows += compared_with_sqlite(run_benchmark(script, target)[0],
                                                results[script])
        lines += ["", f"The same work on PostgreSQL ({describe(postgres)}); reference: segtui "
                  "on SQLite, above:", "", *table_lines(pg_rows)]
        rows += pg_rows

    text = "\n".join(lines)
    print(text)
    RESULTS.write_text(f"# Benchmark results\n\n{text}\n")
    return 0 if all(row.passed for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
