"""`segtui` with no --db opens the default database in the data folder, made with demo data."""
import os
import stat

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
