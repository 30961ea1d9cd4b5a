"""K6: the JSON and CSV of every list carry every column of its table, typed as the lists type
them, on SQLite and PostgreSQL. The expected columns are read from the models, so a column
added to a table and not to its list fails here."""
import datetime

import pytest
from peewee import CharField, DateTimeField, IntegerField
from tests.support.crm import LOGGED_ENTRY
from tests.support.documents import letter_segment
from tests.support.every_column import USER, criteria_segment, set_seldom_columns, table_columns

from segtui.domain.contacts.export import contact_export_rows
from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.documents.template_documents import DOCUMENT_LIST, list_documents
from segtui.domain.journal import cancel_journal, interaction_log, logged_segments
from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.journal.logged_segment_pages import LoggedSegmentPageSource
from segtui.domain.output.list_columns import ListColumns
from segtui.domain.segments import open_segments, queries
from segtui.domain.segments.line_pages import SegmentLinePageSource
from segtui.domain.output.page_export import source_export
from segtui.store.models import BaseModel, Contact, InteractionLogEntry, SegmentLine


def first_entry(contact_no: str) -> int:
    return (InteractionLogEntry.select(InteractionLogEntry.entry_no)
            .where(InteractionLogEntry.contact_no == contact_no)
            .order_by(InteractionLogEntry.entry_no).scalar())


def assert_every_column(listing: str, rows: list[dict], keys) -> None:
    """Each row, and the keys a CSV header is written from, hold every column of the table."""
    wanted = table_columns(listing)
    assert rows, listing
    for row in rows:
        assert wanted <= set(row), (listing, wanted - set(row))
        assert list(row) == list(keys), listing  # one order for the header and the rows
    assert wanted <= set(keys), (listing, wanted - set(keys))


def test_k6_interactions_list_carries_every_column_of_the_entry(crm):
    entry_no = first_entry("P-ANNA")
    set_seldom_columns(entry_no)
    rows = list(interaction_log.iter_entry_rows(EntryFilter(contact="P-ANNA")))
    assert_every_column("interactions list", rows, interaction_log.ENTRY_LIST.keys)
    row = next(row for row in rows if row["entry_no"] == entry_no)
    assert (row["information_flow"], row["initiated_by"]) == ("Inbound", "Them")
    assert row["campaign_target"] is row["campaign_response"] is row["attempt_failed"] is True
    assert row["send_word_docs_as_attmt"] is True and row["postponed"] is False
    assert (row["time_of_interaction"], row["contact_alt_address_code"],
            row["opportunity_no"]) == ("10:30:00", "HOME", "OP00042")
    # the keys scripts read before keep their values and types
    assert (row["date"], row["cost"], row["canceled"], row["delivered_at"],
            row["correspondence_type"], row["contact_name"]) == (
        "2025-10-01", "0.00", False, "", "", Contact.get_by_id("P-ANNA").name)
    assert "merge_data" not in row  # the letter's data: `interactions show` gives the letter


def test_k6_interactions_list_newest_first_pages_through_every_entry(crm):
    every = [row["entry_no"] for row in interaction_log.iter_entry_rows(page_size=3)]
    newest = [row["entry_no"] for row in interaction_log.iter_entry_rows(
        page_size=3, newest_first=True)]
    assert len(every) > 3 and newest == every[::-1]


def test_k6_comments_carry_every_column(crm):
    entry_no = first_entry("P-ANNA")
    interaction_log.add_comment(entry_no, "Called back")
    rows = interaction_log.comments(entry_no)
    assert_every_column("interactions comments", rows, interaction_log.COMMENT_LIST.keys)
    assert rows[0]["last_date_modified"] == datetime.date.today().isoformat()


def test_k6_logged_list_and_journal_carry_every_column(crm):
    rows = list(logged_segments.iter_logged_segments())
    assert_every_column("logged list", rows, logged_segments.LOGGED_LIST.keys)
    assert rows[0]["entry_no"] == LOGGED_ENTRY and rows[0]["creation_date"] == "2025-10-01"
    logged_segments.set_canceled(LOGGED_ENTRY, True, user=USER, reason="test")
    rows = cancel_journal.journal_rows()
    assert_every_column("logged journal", rows, cancel_journal.JOURNAL_LIST.keys)
    assert len(rows[0]["created_at"]) == 19  # to the second


def test_k6_segment_list_show_and_criteria_carry_every_column(crm):
    segment_no = letter_segment("P-ANNA", "C-BOLT")
    criteria_segment(segment_no)
    SegmentLine.update(attempt_failed=True, opportunity_no="OP00042").where(
        (SegmentLine.segment == segment_no) & (SegmentLine.contact == "P-ANNA")).execute()
    rows = [row for row in open_segments.list_segments() if row["segment_no"] == segment_no]
    assert_every_column("segment list", rows, open_segments.SEGMENT_LIST.keys)
    assert rows[0]["no_of_lines"] == 3 and rows[0]["modified_by"] == USER
    header = queries.header_values(segment_no)
    assert_every_column("segment show", [header], queries.HEADER_RECORD.keys)
    lines = list(queries.iter_line_rows(segment_no))
    assert_every_column("segment show lines", lines, queries.LINE_LIST.keys)
    anna = next(line for line in lines if line["contact_no"] == "P-ANNA")
    assert anna["attempt_failed"] is True and anna["opportunity_no"] == "OP00042"
    criteria = queries.criteria_rows(segment_no)
    assert_every_column("segment criteria", criteria, queries.CRITERIA_LIST.keys)
    assert header["no_of_criteria_actions"] == sum(row["type"] == "Action" for row in criteria)
    action, condition = criteria[-2:]  # the Add Contacts after the lines added by hand
    assert (action["type"], action["no_of_filters"], condition["type"]) == ("Action", 1, "Filter")
    assert condition["table_name"] == "contact_mailing_group"


def test_k6_the_segment_and_segment_log_screens_export_every_column(crm):
    segment_no = letter_segment("P-ANNA", "C-BOLT")
    columns, rows = source_export(SegmentLinePageSource(segment_no))
    assert_every_column("segment show lines", list(rows), columns)
    columns, rows = source_export(LoggedSegmentPageSource())
    assert_every_column("logged list", list(rows), columns)


def test_k6_template_documents_and_contacts_export_carry_every_column(crm):
    rows = list_documents("LETTER")
    assert_every_column("template documents", rows, DOCUMENT_LIST.keys)
    assert {(row["interaction_template_code"], row["language_code"]) for row in rows} == {
        ("LETTER", row["language"]) for row in rows}
    assert_every_column("contacts export", list(contact_export_rows()), EXPORT_NAMES)


class Probe(BaseModel):
    """A table the test makes up: a list over it takes a column the day it is added."""
    code = CharField(primary_key=True)
    kind = IntegerField(default=0)
    seen_at = DateTimeField(null=True)


def test_k6_a_column_added_to_a_table_is_in_its_list():
    listing = ListColumns(Probe, table=("probe_code",), rename={"code": "probe_code"})
    assert listing.keys == ("probe_code", "kind", "seen_at")

    class Grown(Probe):
        notes = CharField(default="")

    grown = ListColumns(Grown, table=("code",))
    assert grown.keys == ("code", "kind", "seen_at", "notes")
    assert grown.values(Grown(code="A", kind=2, seen_at=datetime.datetime(2026, 1, 2, 3, 4, 5, 6),
                              notes="n")) == {
        "code": "A", "kind": 2, "seen_at": "2026-01-02 03:04:05", "notes": "n"}


def test_k6_a_list_naming_a_column_its_table_lacks_is_refused():
    with pytest.raises(ValueError, match="no_such"):
        ListColumns(Probe, table=("no_such",))
