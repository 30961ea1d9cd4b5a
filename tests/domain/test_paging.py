"""The keyset paging base: pages from both ends and next to a row, ascending and descending, one
statement a page and never OFFSET — and every page source of the application keeps to it.

Runs on the CRM of `crm.py` on every backend of `database`. Orders of text keys are taken from
the database itself, as its collation decides them.
"""
import datetime

import pytest
from tests.support.crm import USER
from tests.support.statements import statements

from segtui.domain.contacts.cards import ProfileAnswerPageSource
from segtui.domain.contacts.contact_list import ContactPageSource
from segtui.domain.journal.interaction_log_pages import InteractionLogPageSource
from segtui.domain.journal.logged_segment_pages import LoggedSegmentPageSource
from segtui.domain.paging import KeysetPages
from segtui.domain.segments import headers
from segtui.domain.segments import selection
from segtui.domain.segments.criteria_sources import CriteriaSet
from segtui.domain.segments.line_pages import SegmentLinePageSource
from segtui.domain.segments.saved_criteria import save_criteria
from segtui.domain.segments.saved_criteria_pages import SavedCriteriaPageSource
from segtui.domain.setup.lookups import CodePageSource
from segtui.domain.setup.tables import RecordPageSource
from segtui.store.models import Contact, InteractionLogEntry, LoggedSegment


class ContactNumbers(KeysetPages):
    """The smallest source: contact numbers, optionally only persons."""

    order_key = Contact.no
    key_attribute = "no"

    def __init__(self, persons_only: bool = False, descending: bool = False) -> None:
        self.persons_only = persons_only
        self.descending = descending

    def query(self):
        query = Contact.select(Contact.no)
        return query.where(Contact.no.startswith("P-")) if self.persons_only else query

    def row(self, values):
        return Contact(no=values[0])


class EntryNumbers(KeysetPages):
    """Interaction log entry numbers, newest first."""

    order_key = InteractionLogEntry.entry_no
    key_attribute = "entry_no"
    descending = True

    def query(self):
        return InteractionLogEntry.select(InteractionLogEntry.entry_no)

    def row(self, values):
        return InteractionLogEntry(entry_no=values[0])


def numbers(rows) -> list:
    return [row.no for row in rows]


def entries(rows) -> list[int]:
    return [row.entry_no for row in rows]


def walk_forward(source, size: int) -> list:
    """Every row, read from the first page on with `after`."""
    rows, page = [], source.first(size)
    while page:
        rows += page
        page = source.after(source.key(page[-1]), size)
    return rows


def walk_backward(source, size: int) -> list:
    """Every row, read from the last page back with `before`, in the list's order."""
    rows, page = [], source.last(size)
    while page:
        rows = page + rows
        page = source.before(source.key(page[0]), size)
    return rows


@pytest.fixture
def contact_order(crm) -> list[str]:
    """The contact numbers in the database's own order."""
    return [no for (no,) in Contact.select(Contact.no).order_by(Contact.no).tuples()]


def test_ascending_pages_from_both_ends_and_next_to_a_row(contact_order):
    source = ContactNumbers()
    assert numbers(source.first(3)) == contact_order[:3]
    assert numbers(source.after(contact_order[2], 3)) == contact_order[3:6]
    assert numbers(source.after(contact_order[-2], 3)) == contact_order[-1:]
    assert source.after(contact_order[-1], 3) == []
    assert numbers(source.before(contact_order[5], 3)) == contact_order[2:5]
    assert numbers(source.before(contact_order[1], 3)) == contact_order[:1]
    assert source.before(contact_order[0], 3) == []
    assert numbers(source.last(3)) == contact_order[-3:]
    assert numbers(source.last(100)) == contact_order
    assert source.count() == len(contact_order) == 10


def test_descending_pages_run_in_the_order_shown(crm):
    source = EntryNumbers()  # the CRM has entries 1 … 8
    assert entries(source.first(3)) == [8, 7, 6]
    assert entries(source.after(6, 3)) == [5, 4, 3]
    assert entries(source.after(2, 3)) == [1]
    assert source.after(1, 3) == []
    assert entries(source.before(3, 3)) == [6, 5, 4]
    assert entries(source.before(7, 3)) == [8]
    assert source.before(8, 3) == []
    assert entries(source.last(3)) == [3, 2, 1]
    assert source.count() == 8


def test_a_descending_source_is_the_ascending_one_turned_round(contact_order):
    down = ContactNumbers(descending=True)
    assert numbers(walk_forward(down, 4)) == contact_order[::-1]
    assert numbers(walk_backward(down, 4)) == contact_order[::-1]
    assert numbers(down.after(contact_order[5], 2)) == [contact_order[4], contact_order[3]]


def test_the_query_filter_holds_on_every_page(contact_order):
    persons = [no for no in contact_order if no.startswith("P-")]
    source = ContactNumbers(persons_only=True)
    assert numbers(walk_forward(source, 2)) == persons
    assert numbers(walk_backward(source, 2)) == persons
    assert source.count() == len(persons) == 7
    # a key outside the filter still places the page: the persons after C-BOLT
    assert numbers(source.after("C-BOLT", 100)) == [no for no in persons
                                                    if contact_order.index(no)
                                                    > contact_order.index("C-BOLT")]


def test_each_page_is_one_limited_statement_without_offset(contact_order):
    source = ContactNumbers(persons_only=True)
    middle = contact_order[4]
    for read in (lambda: source.first(3), lambda: source.after(middle, 3),
                 lambda: source.before(middle, 3), lambda: source.last(3)):
        with statements() as sent:
            read()
        assert sent.count == 1, sent.sql
        (sql,) = sent.sql
        assert "LIMIT" in sql and "OFFSET" not in sql and "ORDER BY" in sql
    with statements() as sent:
        source.count()
    assert sent.count == 1


# --- every page source of the application --------------------------------------------------

@pytest.fixture
def sources(crm) -> dict:
    """One of each page source over the CRM, each with a few rows at least."""
    segment_no = headers.create_segment(user=USER, description="Paging")
    selection.add_contacts(segment_no, CriteriaSet.of([]), user=USER, all_contacts=True)
    for code in ("PAGE1", "PAGE2", "PAGE3", "PAGE4"):
        save_criteria(segment_no, code, user=USER, description=f"Criteria {code}")
    LoggedSegment.insert_many([dict(entry_no=entry_no, segment_no=f"SEG0009{entry_no}",
                                    description="Paged", creation_date=datetime.date(2026, 1, 1),
                                    user_id=USER) for entry_no in (2, 3, 4)]).execute()
    return {
        "contacts": ContactPageSource(),
        "contacts filtered": ContactPageSource("acme"),
        "interaction log": InteractionLogPageSource(),
        "segment log": LoggedSegmentPageSource(),
        "segment lines": SegmentLinePageSource(segment_no),
        "pick list": CodePageSource("contact"),
        "numeric pick list": CodePageSource("logged_segment"),
        "setup table": RecordPageSource("salespeople"),
        "profile answers": ProfileAnswerPageSource("CUSTOMER"),
        "saved criteria": SavedCriteriaPageSource(),
        "saved criteria filtered": SavedCriteriaPageSource("page3"),
    }


SOURCE_NAMES = ["contacts", "contacts filtered", "interaction log", "segment log",
                "segment lines", "pick list", "numeric pick list", "setup table",
                "profile answers", "saved criteria", "saved criteria filtered"]


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_every_page_source_reads_the_same_list_either_way(sources, name):
    source = sources[name]
    whole = source.first(1000)
    assert whole, "each source has rows to page through"
    keys = [source.key(row) for row in whole]
    assert len(set(keys)) == len(keys)
    assert walk_forward(source, 2) == whole
    assert walk_backward(source, 2) == whole
    assert source.last(1000) == whole
    assert source.count() == len(whole)


@pytest.mark.parametrize("name", SOURCE_NAMES)
def test_every_page_source_reads_a_page_in_one_statement(sources, name):
    source = sources[name]
    whole = source.first(1000)  # a source may read what it shows with every page once, first
    middle = source.key(whole[len(whole) // 2])
    for read in (lambda: source.first(2), lambda: source.after(middle, 2),
                 lambda: source.before(middle, 2), lambda: source.last(2)):
        with statements() as sent:
            read()
        assert sent.count == 1, sent.sql
        assert "OFFSET" not in sent.sql[0]
