"""TUI fixtures: a SQLite database holding 1,000 deterministic contacts, and settings for it."""
import pytest
from tui_support import insert_contacts, sample_contacts

from segtui.config import Settings


@pytest.fixture
def contacts_database(sqlite_database):
    insert_contacts(sample_contacts())
    return sqlite_database


@pytest.fixture
def settings(contacts_database):
    """Settings naming a fixed file, so the header (and the snapshot) never shows tmp paths."""
    return Settings(db_target="contacts.db", is_default_db=False, user="TESTER")
