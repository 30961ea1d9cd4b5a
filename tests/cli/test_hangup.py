"""segtui ends when its terminal ends, however it was started, and leaves nothing half written.

Each test starts the TUI on a pseudo-terminal over a copy of a 100,000-contact database, starts an
Add Contacts of some 83,000 lines with the keys (several seconds of work), and takes the terminal
away in the middle: its master side closed, or SIGHUP sent to the process group. Every process
of the terminal's session must then be gone within `GONE_WITHIN` seconds, and the segment must
hold exactly the lines it had before or exactly those after the complete Add, in a database
that passes SQLite's integrity check.
"""
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg2
import pytest
from tests.support.processes import USER
from tests.support.terminal import Terminal

pytestmark = pytest.mark.slow

SEGMENT = "SEG00005"   # the first segment of the demo data's list
GONE_WITHIN = 2.0      # seconds: the app's promise is one; a loaded test machine gets another


@pytest.fixture(scope="session")
def big_demo(tmp_path_factory) -> Path:
    """A 100,000-contact demo database, made once, its WAL folded in so a copy holds it all."""
    path = tmp_path_factory.mktemp("hangup") / "big.db"
    made = subprocess.run([sys.executable, "-m", "segtui", "--db", str(path), "--user", USER,
                           "demo", "--contacts", "100000"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=600)
    assert made.returncode == 0, made.stderr
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


@pytest.fixture
def database(big_demo, tmp_path) -> str:
    target = tmp_path / "segtui.db"
    shutil.copyfile(big_demo, target)
    return str(target)


def lines_on_segment(target: str) -> int:
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return connection.execute("SELECT COUNT(*) FROM segment_line WHERE segment_no = ?",
                                  (SEGMENT,)).fetchone()[0]
    finally:
        connection.close()


def segtui_argv(target: str) -> list[str]:
    return [sys.executable, "-m", "segtui", "--db", target, "--user", USER]


def console_script() -> str:
    script = Path(sys.executable).with_name("segtui")
    if not script.exists():
        pytest.skip("no segtui console script next to this Python")
    return str(script)


def start_long_add(terminal: Terminal) -> int:
    """Open the first segment and start an Add Contacts of every contact; returns how many
    lines the complete Add makes, as the criteria dialog announced."""
    terminal.wait_for(r"New segment")
    terminal.press("enter")
    terminal.wait_for(r"Add contacts")
    terminal.press("a")
    count = terminal.wait_for(r"Would add ([\d,]+) contacts")
    terminal.press("ctrl+s")
    terminal.wait_for(r"Add every contact")
    terminal.press("y")
    terminal.wait_for(r"Escape cancels")   # the work dialog: the Add is running
    return int(count.group(1).replace(",", ""))


RESTORED = b"\x1b[?1049l"   # Textual leaves the alternate screen as the app ends


def run_and_take_terminal_away(argv, target, *, controlling=True, how="close", cwd=None,
                               env=None):
    """Run `argv` on a terminal, start the long Add and take the terminal away (`how`: "close"
    it, or "sighup" to its process group, the terminal left open); returns the terminal and
    what the program wrote to it from the hang-up on."""
    before = lines_on_segment(target)
    terminal = Terminal(argv, controlling=controlling, cwd=cwd, env=env)
    try:
        added = start_long_add(terminal)
        assert terminal.survivors(), "segtui ended before the terminal went away"
        shown = len(terminal.raw())
        if how == "close":
            terminal.close()
        else:
            terminal.hang_up_group()
        terminal.wait_gone(GONE_WITHIN)
        after_hangup = terminal.raw()[shown:]
    finally:
        terminal.kill()
    assert added > 10_000
    assert lines_on_segment(target) in (before, before + added)
    return terminal, after_hangup


def test_closing_the_terminal_ends_python_m_segtui(database):
    """As the session leader, segtui gets the kernel's SIGHUP and reads end of file; it ends
    itself (the hang-up status), not killed by the signal."""
    terminal, _ = run_and_take_terminal_away(segtui_argv(database), database)
    assert terminal.process.returncode == 128 + signal.SIGHUP


def test_sighup_ends_the_console_script_and_gives_the_terminal_back(database):
    """The terminal stays open: the signal alone ends the app, which leaves the terminal as it
    found it."""
    argv = [console_script(), "--db", database, "--user", USER]
    terminal, after_hangup = run_and_take_terminal_away(argv, database, how="sighup")
    assert terminal.process.returncode == 128 + signal.SIGHUP
    assert RESTORED in after_hangup


def test_sighup_ends_segtui_under_a_shell(database):
    """The shell waits for segtui (the command after it keeps the shell from becoming segtui);
    the hang-up ends the shell, and segtui ends itself."""
    command = " ".join(f"'{part}'" for part in segtui_argv(database)) + "; exit $?"
    _, after_hangup = run_and_take_terminal_away(["sh", "-c", command], database, how="sighup")
    assert RESTORED in after_hangup


def test_closing_the_terminal_ends_segtui_under_make(database, tmp_path):
    """As `make run` starts it: make takes the SIGHUP and waits for its child, which gets no
    signal at all, only end of file and I/O errors on the terminal."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    (tmp_path / "Makefile").write_text(f"run:\n\t{console_script()} $(ARGS)\n")
    run_and_take_terminal_away(["make", "run", f"ARGS=--db {database} --user {USER}"],
                               database, cwd=tmp_path)


def test_closing_a_terminal_that_is_not_the_controlling_one(database):
    """No SIGHUP anywhere: end of file on the terminal is enough."""
    terminal, _ = run_and_take_terminal_away(segtui_argv(database), database, controlling=False)
    assert terminal.process.returncode == 128 + signal.SIGHUP


def test_a_write_waiting_for_the_lock_does_not_keep_segtui_alive(database):
    """Another process holds the write lock, so the Add waits for it (for up to a minute here):
    the terminal going away still ends segtui within the time, with nothing written."""
    before = lines_on_segment(database)
    holder = sqlite3.connect(database, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        terminal, _ = run_and_take_terminal_away(
            segtui_argv(database), database, controlling=False,
            env={"SEGTUI_BUSY_TIMEOUT": "60"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert lines_on_segment(database) == before
    assert terminal.process.returncode == 128 + signal.SIGHUP


def test_on_postgresql_a_write_waiting_for_a_lock_is_cancelled(pg_target):
    """The Add waits for a table lock another session holds: the hang-up cancels its statement
    (or the process ends and the server rolls back), the process and its server session are
    gone in time, and not a line was written."""
    made = subprocess.run([*segtui_argv(pg_target), "demo", "--contacts", "2000"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
    assert made.returncode == 0, made.stderr
    holder = psycopg2.connect(pg_target)
    try:
        with holder.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM segment_line")
            before = cursor.fetchone()[0]
            cursor.execute("LOCK TABLE segment_line IN EXCLUSIVE MODE")  # reads still work
            terminal = Terminal(segtui_argv(pg_target), controlling=True)
            try:
                assert start_long_add(terminal) > 0
                terminal.close()
                terminal.wait_gone(GONE_WITHIN)
            finally:
                terminal.kill()
            assert other_sessions_end(cursor), "segtui's server session stayed"
            assert terminal.process.returncode == 128 + signal.SIGHUP
        holder.rollback()
        with holder.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM segment_line")
            assert cursor.fetchone()[0] == before
    finally:
        holder.close()


def other_sessions_end(cursor, timeout: float = 5.0) -> bool:
    """Whether the database's other sessions end within `timeout` (the server notices a
    client that is gone when its socket closes)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cursor.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid()")
        if cursor.fetchone()[0] == 0:
            return True
        time.sleep(0.02)
    return False
