"""The TUI on a database its user may not write: it opens, the lists show, and a write action
gets the one-line refusal "the database is read-only", with nothing changed."""
import datetime
import hashlib

from tests.support.crm import build_crm
from tests.support.tui import settle

from segtui.config import Settings
from segtui.domain.segments.headers import create_segment
from segtui.store.connection import close_database, is_read_only, open_database
from segtui.tui.app import SegtuiApp

USER = "TESTER"


async def test_the_screens_read_and_a_write_is_refused(tmp_path):
    path = tmp_path / "crm.db"
    open_database(str(path))
    build_crm()
    create_segment(user=USER, description="Read only", template="LETTER", salesperson="AH",
                   date=datetime.date(2026, 1, 15))
    close_database()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    path.chmod(0o444)
    try:
        assert is_read_only(open_database(str(path)))
        app = SegtuiApp(Settings(db_target=str(path), is_default_db=False, user=USER))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.screen.table.row_count == 1
            await pilot.press("n")  # a new segment: refused by the database
            await settle(pilot)
            messages = [str(notice.message) for notice in app._notifications]
            assert "the database is read-only: nothing was changed (ask someone who may " \
                   "write to it)" in messages, messages
            assert app.screen.table.row_count == 1
            await app.switch_mode("contacts")
            await settle(pilot)
            assert app.screen.query_one("#contacts-table").row_count > 0
    finally:
        close_database()
        path.chmod(0o644)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
