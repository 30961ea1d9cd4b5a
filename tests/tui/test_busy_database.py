"""Another user holds SQLite's write lock (a long log, say): readers and the screens go on, a
writer retries for the busy timeout and then gets a clear message, with nothing changed."""
import os
import subprocess
import sys

import pytest
from tests.support.cli import run_segtui
from tests.support.tui import settle

from segtui.config import Settings
from segtui.store.connection import close_database, open_database
from segtui.tui.app import SegtuiApp

USER = "TESTER"
HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE contact SET city = city || '' ")
print("holding", flush=True)
time.sleep(60)
"""


@pytest.fixture
def locked_db(tmp_path):
    """A demo database whose write lock another process holds while the test runs."""
    path = str(tmp_path / "busy.db")
    assert run_segtui(path, USER, "demo", "--contacts", "200").returncode == 0
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, path], stdout=subprocess.PIPE,
                              text=True, stdin=subprocess.DEVNULL)
    assert holder.stdout.readline().strip() == "holding"
    yield path
    holder.kill()
    holder.wait()


def segtui_waiting(path: str, seconds: str, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "segtui", "--db", path, "--user", USER, *args],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "SEGTUI_BUSY_TIMEOUT": seconds})


def test_a_writer_gives_up_with_a_clear_message_and_readers_go_on(locked_db):
    listed = segtui_waiting(locked_db, "0.3", "segment", "list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    refused = segtui_waiting(locked_db, "0.3", "segment", "new", "--description", "Blocked")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().splitlines() == [
        "segtui: the database is busy: another user is writing to it (a log or an import, "
        "say) and did not finish in time; nothing was changed, try again in a moment"]
    assert "Blocked" not in segtui_waiting(locked_db, "0.3", "segment", "list").stdout


async def test_the_screens_keep_reading_while_another_user_writes(locked_db):
    open_database(locked_db, busy_timeout=0.3)
    try:
        app = SegtuiApp(Settings(db_target=locked_db, is_default_db=False, user=USER))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            segments = app.screen.table.row_count
            assert segments > 0
            await pilot.press("n")  # a new segment: the save waits, then gives up
            await settle(pilot)
            messages = [str(notice.message) for notice in app._notifications]
            assert any(message.startswith("the database is busy") for message in messages)
            await app.switch_mode("contacts")
            await settle(pilot)
            assert app.screen.query_one("#contacts-table").row_count > 0
    finally:
        close_database()
