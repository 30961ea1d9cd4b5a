"""The Segment Log's page source: newest first by keyset from both ends and around a row, the
counts of entries with the logged segment's Canceled, the filter."""
import datetime

import pytest

from segtui.domain.journal.logged_segment_pages import LoggedSegmentPageSource, LoggedSegmentRow
from segtui.domain.journal.logged_segments import list_logged_segments, set_canceled
from segtui.store.models import LoggedSegment

DAY = datetime.date(2026, 2, 1)


@pytest.fixture
def logged(crm):
    """The crm's entry 1, then entries 2…25 without interactions (entry 13 described in markup)."""
    LoggedSegment.insert_many([
        {"entry_no": number, "segment_no": f"SEG{number:05d}",
         "description": "[bold]x" if number == 13 else f"Letter {number}",
         "creation_date": DAY, "user_id": "TESTER"} for number in range(2, 26)]).execute()
    return list(range(25, 0, -1))


def numbers(rows):
    return [row.entry_no for row in rows]


def test_pages_run_newest_first(logged):
    source = LoggedSegmentPageSource()
    assert numbers(source.first(10)) == logged[:10]
    assert numbers(source.after(16, 10)) == logged[10:20]
    assert numbers(source.after(6, 10)) == logged[20:]
    assert source.after(1, 10) == []
    assert numbers(source.before(6, 10)) == logged[9:19]
    assert numbers(source.before(20, 10)) == logged[:5]
    assert numbers(source.last(10)) == logged[-10:]
    assert source.count() == 25


def test_rows_are_plain_values_with_the_counts_of_the_list(logged):
    oldest = LoggedSegmentPageSource().last(1)[0]
    listed = list_logged_segments()[0]
    assert oldest == LoggedSegmentRow(1, datetime.date(2025, 10, 1), "TESTER", "SEG00090",
                                      "Autumn letter", 4, 0, False)
    assert (str(oldest.creation_date), oldest.no_of_interactions) == (
        listed["creation_date"], listed["no_of_interactions"])


def test_a_canceled_logged_segment_counts_its_canceled_entries(logged):
    set_canceled(1, True, user="TESTER", reason="wrong list")
    oldest = LoggedSegmentPageSource().last(1)[0]
    assert (oldest.canceled, oldest.no_of_interactions) == (True, 5)


def test_the_filter_takes_segment_no_or_description_ignoring_case(logged):
    assert numbers(LoggedSegmentPageSource("autumn").first(10)) == [1]
    assert numbers(LoggedSegmentPageSource("seg0001").first(10)) == list(range(19, 9, -1))
    markup = LoggedSegmentPageSource("[BOLD]")
    assert numbers(markup.first(10)) == [13]
    assert markup.count() == 1
    assert LoggedSegmentPageSource("  ").count() == 25
