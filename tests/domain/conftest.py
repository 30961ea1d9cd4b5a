"""Domain fixtures: the known CRM dataset of `crm.py` on every backend of `database`."""
import pytest
from tests.support.crm import build_crm


@pytest.fixture
def crm(database):
    """The database holding the small CRM of `crm.py` (SQLite, and PostgreSQL when set)."""
    build_crm()
    return database
