"""Logging a segment with real processes (R1, R2): two at once, and one killed mid-way.

Two `segtui segment log` processes released at the same instant on the same segment: exactly
one logs it, the other is told it is already logged or gone; never duplicates or half-written
entries (SQLite, and PostgreSQL when SEGTUI_TEST_PG is set). A log of a big segment killed with
SIGKILL at moments spread over its run leaves the database exactly as before or exactly as after
(SQLite; the other commands, and the log on PostgreSQL, are in test_crash_safety.py).
"""
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.support.processes import USER, segtui, start
from segtui.domain.segments import selection
from segtui.domain.segments import headers as segments
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.connection import close_database, open_database
from segtui.store.models import InteractionLogEntry, LoggedSegment, NoSeries, SegmentLine

# Imports first, then waits for the given moment: both processes start logging together.
LAUNCHER = """
import sys, time
from segtui.cli import main
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(main(sys.argv[2:]))
"""


# --- two processes, one segment --------------------------------------------------------------

def race(target: str, segment_no: str) -> list[subprocess.CompletedProcess]:
    start = time.time() + 1.5
    processes = [subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, str(start), "--db", target, "--user", USER, "segment",
         "log", segment_no], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        stdin=subprocess.DEVNULL) for _ in range(2)]
    results = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, stdout,
                                                   stderr))
    return results


def test_two_processes_logging_the_same_segment(db_target):
    filled = segtui(db_target, "demo", "--contacts", "20000")
    assert filled.returncode == 0, filled.stderr
    open_database(db_target)
    raced = []
    try:
        for round_no, criterion in enumerate(["industry=RETAIL", "industry=WHOLESALE",
                                              "industry=MANUFACT", "industry=SERVICES"]):
            segment_no = segments.create_segment(user=USER, description=f"Race {round_no}",
                                                 template="LETTER", salesperson="AH")
            selection.add_contacts(segment_no, parse_criteria([criterion]), user=USER)
            lines = SegmentLine.select().where(SegmentLine.segment == segment_no).count()
            assert lines > 1000
            entries_before = InteractionLogEntry.select().count()
            series_before = NoSeries.get_by_id("INTERACT").last_no

            results = race(db_target, segment_no)

            codes = sorted(result.returncode for result in results)
            assert codes == [0, 1], [result.stderr[-500:] for result in results]
            winner = next(result for result in results if result.returncode == 0)
            loser = next(result for result in results if result.returncode == 1)
            message = loser.stderr.strip().splitlines()[-1]
            assert message.startswith("segtui: ") and "Traceback" not in loser.stderr
            assert (f"Logged Segment for Segment No. {segment_no} already exists" in message
                    or f"segment {segment_no} does not exist" in message), message
            # The loser printed the pre-flight notes, so it got past the pre-flight and was
            # refused inside the log's transaction: the two really ran at once.
            def notes_of(result):
                return [line for line in result.stderr.splitlines() if line.startswith("line ")]
            raced.append(bool(notes_of(winner)) and notes_of(loser) == notes_of(winner))
            logged = list(LoggedSegment.select().where(LoggedSegment.segment_no == segment_no))
            assert len(logged) == 1
            assert winner.stdout.strip() == str(logged[0].entry_no)
            E = InteractionLogEntry
            mine = E.select().where(E.logged_segment_entry_no == logged[0].entry_no)
            assert mine.count() == lines
            assert E.select().count() == entries_before + lines
            numbers = [row[0] for row in E.select(E.entry_no).tuples()]
            assert len(numbers) == len(set(numbers))
            assert NoSeries.get_by_id("INTERACT").last_no == series_before + lines == max(numbers)
            assert not SegmentLine.select().where(SegmentLine.segment == segment_no).exists()
    finally:
        close_database()
    assert any(raced), "the two processes never overlapped"


# --- a log killed mid-way --------------------------------------------------------------------

SEGMENT = "SEG00005"
FINGERPRINT = {
    "segment_header": "SELECT COUNT(*), GROUP_CONCAT(no) FROM "
                      "(SELECT no FROM segment_header ORDER BY no)",
    "segment_lines": "SELECT COUNT(*), TOTAL(line_no), COUNT(DISTINCT contact_no) "
                     f"FROM segment_line WHERE segment_no = '{SEGMENT}'",
    "all_lines": "SELECT COUNT(*) FROM segment_line",
    "criteria": "SELECT COUNT(*) FROM segment_criteria_line",
    "history": "SELECT COUNT(*) FROM segment_history",
    "documents": "SELECT COUNT(*) FROM segment_interaction_language",
    "logged": "SELECT COUNT(*), GROUP_CONCAT(segment_no) FROM "
              "(SELECT segment_no FROM logged_segment ORDER BY entry_no)",
    "entries": "SELECT COUNT(*), COUNT(DISTINCT entry_no), MAX(entry_no), TOTAL(entry_no) "
               "FROM interaction_log_entry",
    "segment_entries": "SELECT COUNT(*), COUNT(DISTINCT contact_no) FROM interaction_log_entry "
                       f"WHERE segment_no = '{SEGMENT}'",
    "campaign_entries": "SELECT COUNT(*), MAX(entry_no) FROM campaign_entry",
    "attachments": "SELECT COUNT(*), TOTAL(read_only) FROM attachment",
    "series": "SELECT GROUP_CONCAT(code || '=' || last_no) FROM "
              "(SELECT code, last_no FROM no_series ORDER BY code)",
}


def fingerprint(path, *, killed: bool = True) -> dict:
    """What a log changes, read with plain sqlite3 (which also recovers a killed writer's WAL);
    the database of a killed process must first pass SQLite's integrity check."""
    connection = sqlite3.connect(path)
    try:
        if killed:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {name: connection.execute(sql).fetchone() for name, sql in FINGERPRINT.items()}
    finally:
        connection.close()


@pytest.fixture(scope="module")
def big_segment(tmp_path_factory):
    """A demo database whose open segment SEG00005 has about 180,000 lines (built once)."""
    folder = tmp_path_factory.mktemp("big-log")
    path = str(folder / "big.db")
    for args in (["demo", "--contacts", "300000"],
                 ["segment", "add", SEGMENT, "--allow-existing", "industry=RETAIL|WHOLESALE"]):
        result = segtui(path, *args)
        assert result.returncode == 0, result.stderr
    return folder, path


def start_log(path) -> subprocess.Popen:
    return start(path, "segment", "log", SEGMENT)


@pytest.mark.slow
def test_killed_log_leaves_the_database_as_before_or_as_after(big_segment):
    folder, pristine = big_segment
    before = fingerprint(pristine, killed=False)
    lines = before["segment_lines"][0]
    assert lines > 100_000

    # A complete log: the state after, and how long a log takes from process start.
    done = str(folder / "done.db")
    shutil.copyfile(pristine, done)
    started = time.perf_counter()
    process = start_log(done)
    assert process.wait(timeout=300) == 0
    duration = time.perf_counter() - started
    after = fingerprint(done, killed=False)
    assert after["segment_lines"][0] == 0 and after["segment_entries"][0] == lines
    assert after["logged"][0] == before["logged"][0] + 1
    assert after["entries"][0] == before["entries"][0] + lines
    assert after["entries"][0] == after["entries"][1]              # no duplicate numbers
    series_before = dict(item.split("=") for item in before["series"][0].split(","))
    series_after = dict(item.split("=") for item in after["series"][0].split(","))
    assert int(series_after["INTERACT"]) == int(series_before["INTERACT"]) + lines
    assert int(series_after["LOGSEG"]) == int(series_before["LOGSEG"]) + 1

    # Kills spread over the run: one moment drawn from each fifth of [0.25, 0.97] × duration.
    generator = random.Random()
    bands = [0.25 + 0.72 * k / 5 for k in range(6)]
    outcomes, rolled_back = [], None
    for run, (low, high) in enumerate(zip(bands, bands[1:])):
        delay = generator.uniform(low, high) * duration
        copy = folder / f"killed-{run}.db"
        shutil.copyfile(pristine, copy)
        process = start_log(str(copy))
        time.sleep(delay)
        running = process.poll() is None
        wal = folder / f"killed-{run}.db-wal"
        mid_write = running and wal.exists() and wal.stat().st_size > 0
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        state = fingerprint(str(copy))
        assert state in (before, after), (delay, state)
        outcome = "before" if state == before else "after"
        outcomes.append((round(delay, 2), mid_write, outcome))
        if rolled_back is None and mid_write and outcome == "before":
            rolled_back = copy
        else:
            for suffix in ("", "-wal", "-shm"):
                (folder / f"killed-{run}.db{suffix}").unlink(missing_ok=True)
    print(f"log of {lines} lines takes {duration:.2f} s; kills (delay s, mid-write, state): "
          f"{outcomes}")
    # At least one kill hit the write transaction and was rolled back, or the test proved little.
    assert rolled_back is not None, outcomes
    # That database logs afterwards as if nothing had happened.
    assert start_log(str(rolled_back)).wait(timeout=300) == 0
    assert fingerprint(str(rolled_back), killed=False) == after
