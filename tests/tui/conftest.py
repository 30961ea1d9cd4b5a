"""TUI fixtures: a SQLite database holding 1,000 deterministic contacts, and settings for it."""
import pytest
from tests.support.crm import build_crm
from tests.support.tui import insert_contacts, sample_contacts

from segtui.config import Settings


@pytest.fixture
def contacts_database(sqlite_database):
    insert_contacts(sample_contacts())
    return sqlite_database


@pytest.fixture
def settings(contacts_database):
    """Settings naming a fixed file, so the header (and the snapshot) never shows tmp paths."""
    return Settings(db_target="contacts.db", is_default_db=False, user="TESTER")


@pytest.fixture
def crm_settings(sqlite_database):
    """Settings for a SQLite file holding the small CRM of tests/domain/crm.py."""
    build_crm()
    return Settings(db_target="crm.db", is_default_db=False, user="TESTER")
