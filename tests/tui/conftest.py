"""TUI fixtures: a SQLite database holding 1,000 deterministic contacts, and settings for it;
no typing pauses."""
import pytest
from tests.support.crm import build_crm
from tests.support.tui import insert_contacts, sample_contacts

from segtui import i18n
from segtui.config import Settings
from segtui.tui.dialogs import criteria, lookup
from segtui.tui.screens import contacts, segment_log
from segtui.tui.screens.setup_pages import base as setup_base

# The waits for a pause in typing before a filter narrows or a live count is asked for
TYPING_DELAYS = [(criteria, "COUNT_DELAY"), (lookup, "FILTER_DELAY"), (contacts, "FILTER_DELAY"),
                 (segment_log, "FILTER_DELAY"), (setup_base, "FILTER_DELAY")]


@pytest.fixture(autouse=True)
def no_typing_delays(monkeypatch):
    """Filters and counts act on each key at once, so a test waits on what it expects to see,
    not on a clock; a test of the pause itself sets its delay back (monkeypatch.setattr)."""
    for module, name in TYPING_DELAYS:
        monkeypatch.setattr(module, name, 0)


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


@pytest.fixture
def swedish():
    """The user interface in Swedish for what is drawn after this (compose, messages); the
    bindings keep the language they were imported in. English again afterwards."""
    i18n.setup("sv")
    yield
    i18n.setup("en")


@pytest.fixture
def letters(crm_settings):
    """The small CRM with the demo's Word documents for LETTER in English and Swedish."""
    from segtui.domain.demo import documents as demo_documents
    from segtui.domain.documents.template_documents import import_document

    for language in ("ENU", "SVE"):
        import_document("LETTER", language, demo_documents.letter_docx(language), replace=True)
    return crm_settings
