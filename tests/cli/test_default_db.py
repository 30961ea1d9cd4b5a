"""`segtui` with no --db opens the default database in the data folder, made with demo data."""
import asyncio
import os
import stat

from tests.support.tui import wait_for

from segtui.cli import main
from segtui.store.connection import close_database, open_database
from segtui.store.models import Contact
from segtui.tui.app import SegtuiApp


def test_first_start_creates_the_default_database_with_demo_data(private_data_dir, monkeypatch):
    opened = []
    def run(app) -> None:
        app.take_first_segments().result()  # the first screen's read, done before closing
        opened.append(app.settings)

    monkeypatch.setattr(SegtuiApp, "run", run)
    assert main([]) == 0
    database = private_data_dir / "segtui.db"
    assert opened and opened[0].db_target == str(database) and opened[0].is_default_db
    assert stat.S_IMODE(os.stat(database).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(private_data_dir).st_mode) == 0o700
    open_database(str(database))
    try:
        assert Contact.select().count() == 1000
    finally:
        close_database()

    assert main([]) == 0                       # the second start keeps what is there
    open_database(str(database))
    try:
        assert Contact.select().count() == 1000
    finally:
        close_database()


def test_first_start_says_it_made_a_database_with_demo_data(private_data_dir, monkeypatch,
                                                           capfd):
    """The line printed before the TUI takes the terminal is hidden behind it: the app says it
    again on its message line, once its first screen is up; a later start says nothing."""
    shown = []

    async def look(app) -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.screen.query("MessageLine.shown"),
                           "the notice")
            shown.append(str(app.screen.query_one("MessageLine").render()))

    def run(app) -> None:
        asyncio.run(look(app))

    monkeypatch.setattr(SegtuiApp, "run", run)
    assert main([]) == 0
    database = private_data_dir / "segtui.db"
    assert f"segtui: creating {database} with demo data" in capfd.readouterr().err
    assert shown == [f"Made a new database with demo data at {database}"]

    shown.clear()
    monkeypatch.setattr(SegtuiApp, "run", lambda app: shown.append(app.notice))
    assert main([]) == 0
    assert shown == [None] and "demo data" not in capfd.readouterr().err
