"""Fixtures of the CLI tests: the known CRM dataset in a database the commands then open."""
import pytest
from tests.support.crm import build_crm

from segtui.store.connection import close_database, open_database


@pytest.fixture
def crm_db(db_target):
    """A database (SQLite file, or PostgreSQL when set) filled with the CRM; stays open here."""
    open_database(db_target)
    build_crm()
    yield db_target
    close_database()
