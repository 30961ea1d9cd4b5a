"""The Interaction Log's page source: newest first, keyset pages both ways, filters, counts."""
import datetime

import pytest
from tests.support.crm import LOGGED_ENTRY
from tests.support.documents import docx, letter_segment

from segtui.domain.journal import interaction_log
from segtui.domain.segments import log_segment
from segtui.domain.errors import DomainError
from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.journal.interaction_log_pages import (
    EntryRow, InteractionLogPageSource, export_as_sent, filter_errors)
from segtui.domain.documents.template_documents import import_document
from segtui.store.models import InteractionLogEntry

ALL = list(range(8, 0, -1))  # the crm's entries 1…8, newest first


@pytest.fixture
def many(crm):
    """The crm plus entries 9…40 for P-GUS (template MEETING, dated 2026-04-01)."""
    InteractionLogEntry.insert_many([dict(
        entry_no=number, contact_no="P-GUS", date=datetime.date(2026, 4, 1),
        description=f"Call {number}", interaction_template_code="MEETING",
        salesperson_code="PS", user_id="TESTER") for number in range(9, 41)]).execute()
    return crm


def numbers(rows: list[EntryRow]) -> list[int]:
    return [row.entry_no for row in rows]


def test_first_page_is_the_newest_entries_as_plain_values(crm):
    rows = InteractionLogPageSource().first(10)
    assert numbers(rows) == ALL
    anna = rows[-1]
    assert anna == EntryRow(1, "2025-10-01", "P-ANNA", "Anna Berg", "Letter to P-ANNA", "LETTER",
                            "", "AH", "SEG00090", LOGGED_ENTRY, "", False, "")
    assert rows[-2].canceled is True and rows[2].evaluation == "Positive"


def test_pages_both_ways_meet_without_gaps(many):
    source = InteractionLogPageSource()
    page = source.first(7)
    seen = numbers(page)
    while page:
        page = source.after(source.key(page[-1]), 7)
        seen += numbers(page)
    assert seen == list(range(40, 0, -1))
    page = source.last(7)
    assert numbers(page) == list(range(7, 0, -1))
    back = numbers(page)
    while page:
        page = source.before(source.key(page[0]), 7)
        back = numbers(page) + back
    assert back == seen
    assert numbers(source.before(20, 3)) == [23, 22, 21]
    assert source.count() == 40


@pytest.mark.parametrize(("entry_filter", "expected"), [
    (EntryFilter(contact="P-GUS"), [8, 6]),
    (EntryFilter(contact="p-anna|P-BERT"), [5, 1]),
    (EntryFilter(company="C-ACME"), [5, 1]),
    (EntryFilter(segment="SEG00090"), [5, 4, 3, 2, 1]),
    (EntryFilter(logged_segment=str(LOGGED_ENTRY), canceled="no"), [5, 4, 3, 1]),
    (EntryFilter(template="EMAIL|MEETING"), [7, 6]),
    (EntryFilter(campaign="CP-SPRING"), [5, 3, 1]),
    (EntryFilter(date="2026-01-01..2026-02-28"), [8, 6]),
    (EntryFilter(canceled="yes"), [2]),
    (EntryFilter(salesperson="PS"), []),
])
def test_filters_narrow_pages_and_count(crm, entry_filter, expected):
    source = InteractionLogPageSource(entry_filter)
    assert numbers(source.first(10)) == expected
    assert source.count() == len(expected)


def test_filtered_pages_both_ways(many):
    source = InteractionLogPageSource(EntryFilter(contact="P-GUS", template="MEETING"))
    assert numbers(source.first(3)) == [40, 39, 38]
    assert numbers(source.after(10, 5)) == [9]
    assert numbers(source.last(2)) == [10, 9]
    assert numbers(source.before(38, 5)) == [40, 39]
    assert source.count() == 32


def test_a_bad_filter_is_refused_and_named_per_field(crm):
    with pytest.raises(DomainError):
        InteractionLogPageSource(EntryFilter(date="2026-13-01"))
    errors = filter_errors(EntryFilter(contact="P-ANNA", date="2026-13-01",
                                       logged_segment="abc"))
    assert set(errors) == {"date", "logged_segment"}
    assert "abc" in errors["logged_segment"] and not errors["date"].startswith("date=")
    assert filter_errors(EntryFilter(segment="SEG*", canceled="no")) == {}


def test_export_as_sent_writes_the_docx(crm, tmp_path):
    import_document("LETTER", "SVE", docx("Hej «Contact_Name»"), replace=True)
    segment_no = letter_segment("P-ANNA")
    log_segment.log_segment(segment_no, user="TESTER")
    entry_no = max(numbers(InteractionLogPageSource(EntryFilter(segment=segment_no)).first(1)))
    path = export_as_sent(entry_no, tmp_path)
    assert path.parent == tmp_path and path.name == f"{entry_no} Anna Berg.docx"
    assert path.read_bytes()[:2] == b"PK"
    with pytest.raises(DomainError):
        export_as_sent(1, tmp_path)  # the crm's entries kept no document


def test_canceling_shows_in_the_rows(crm):
    interaction_log.set_canceled([1], True, user="TESTER", reason="wrong list")
    assert InteractionLogPageSource(EntryFilter(canceled="yes")).count() == 2
