"""Checklist M-25 … M-32, M-37 … M-40, S-07, S-08, S-15: logging a segment, the
Segment Log and the Interaction Log, against the known CRM of `crm.py`.

Each test is named by the checklist item it proves and runs on SQLite and (with SEGTUI_TEST_PG)
on PostgreSQL. A refusal must leave every table exactly as it was (`state()`).
"""
import datetime
from decimal import Decimal

import pytest
from tests.support.crm import LOGGED_ENTRY, TEMPLATE_BYTES, USER

from segtui.domain.journal import cancel_journal
from segtui.domain.segments import selection
from segtui.domain.journal import interaction_log
from segtui.domain.journal import logged_segments
from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments import log_segment
from segtui.domain.segments import headers as segments
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.errors import DomainError
from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.segments.queries import line_rows
from segtui.store.connection import write_transaction
from segtui.store.enums import (
    ActionOrigin, CorrespondenceType, DeliveryStatus, Evaluation, InformationFlow, InitiatedBy)
from segtui.store.models import (
    Attachment, CampaignEntry, CancelJournal, Contact, InteractionLogEntry,
    InteractionTmplLanguage, InterLogEntryCommentLine, LoggedSegment, MarketingSetup, NoSeries,
    SegmentCriteriaLine, SegmentHeader, SegmentHistory, SegmentInteractionLanguage, SegmentLine,
    SegmentLineRemoved)

TODAY = datetime.date.today()
SPRING = datetime.date(2026, 4, 1)
BLANK, HARD_COPY, EMAIL, FAX = (CorrespondenceType.BLANK, CorrespondenceType.HARD_COPY,
                                CorrespondenceType.EMAIL, CorrespondenceType.FAX)
IN_PROGRESS = DeliveryStatus.IN_PROGRESS
LOG_TABLES = [SegmentHeader, SegmentLine, SegmentLineRemoved, SegmentCriteriaLine, SegmentHistory,
              SegmentInteractionLanguage, Attachment, LoggedSegment, CampaignEntry,
              InteractionLogEntry, InterLogEntryCommentLine, CancelJournal, NoSeries, Contact]
CRM_ENTRIES = 8
"""Interaction log entries of the CRM before any test logs: 1-5 logged segment 1, 6-8 single."""
ALL_CONTACTS = ["P-FRIDA", "P-GUS", "C-ACME", "P-ANNA", "P-BERT", "P-CARL", "C-BOLT", "P-DORA",
                "C-CRAFT"]


# --- helpers ---------------------------------------------------------------------------------

def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def state() -> dict:
    """Every row of every table a log or a cancel may touch (and the number series)."""
    return {model.__name__: sorted(repr(tuple(_plain(v) for v in row))
                                   for row in model.select().tuples())
            for model in LOG_TABLES}


def letter_segment(*criteria, description="Spring letter", campaign="CP-SPRING",
                   template="LETTER", salesperson="AH", date=SPRING) -> str:
    """A segment with a template, salesperson, campaign and date; all contacts unless criteria."""
    segment_no = segments.create_segment(user=USER, description=description, template=template,
                                         salesperson=salesperson, campaign=campaign, date=date)
    selection.add_contacts(segment_no, parse_criteria(list(criteria)), user=USER,
                                   all_contacts=not criteria)
    return segment_no


def line_no_of(segment_no, contact_no) -> int:
    return next(row["line_no"] for row in line_rows(segment_no) if row["contact_no"] == contact_no)


def set_line(segment_no, contact_no, **values) -> None:
    """Change line fields as a user would (parsed like typed text)."""
    line_no = line_no_of(segment_no, contact_no)
    for attr, text in values.items():
        segment_lines.set_line_field(segment_no, line_no, attr,
                                     segment_lines.parse_line_value(attr, text))


def raw_line_update(segment_no, contact_no, **values) -> None:
    """Fields no screen edits (time, attempt failed, alt. address, opportunity) set directly."""
    SegmentLine.update(**values).where((SegmentLine.segment == segment_no)
                                       & (SegmentLine.contact == contact_no)).execute()


def lines_of(segment_no) -> list[dict]:
    return list(SegmentLine.select().where(SegmentLine.segment == segment_no)
                .order_by(SegmentLine.line_no).dicts())


def entries_of(logged_no) -> list[dict]:
    return list(InteractionLogEntry.select()
                .where(InteractionLogEntry.logged_segment_entry_no == logged_no)
                .order_by(InteractionLogEntry.entry_no).dicts())


def log(segment_no, **options) -> log_segment.LogReport:
    return log_segment.log_segment(segment_no, user=USER, **options)


def refused(function, *args, match, **kwargs):
    """`function` raises DomainError matching `match` and leaves every table as it was."""
    before = state()
    with pytest.raises(DomainError, match=match):
        function(*args, **kwargs)
    assert state() == before


def notes(report_notes) -> list[tuple[str, str]]:
    return [(note.contact_no, note.reason) for note in report_notes]


def read_only(attachment_no) -> bool:
    return Attachment.get_by_id(attachment_no).read_only


def attachment_exists(attachment_no) -> bool:
    return Attachment.select().where(Attachment.no == attachment_no).exists()


def journal() -> list[tuple]:
    return [(row["action"], row["user_id"], row["logged_segment_entry_no"], row["entry_nos"],
             row["no_of_entries"], row["reason"]) for row in cancel_journal.journal_rows()]


def rows(**filters) -> list[int]:
    return [row["entry_no"] for row in interaction_log.entry_rows(EntryFilter(**filters))]


# Entry fields that are copies of the line field of the same meaning (M-26).
ENTRY_FROM_LINE = {
    "contact_no": "contact", "contact_company_no": "contact_company_no", "date": "date",
    "description": "description", "information_flow": "information_flow",
    "initiated_by": "initiated_by", "cost": "cost", "duration": "duration",
    "interaction_group_code": "interaction_group",
    "interaction_template_code": "interaction_template",
    "interaction_language_code": "language_code", "subject": "subject",
    "campaign_response": "campaign_response", "campaign_target": "campaign_target",
    "evaluation": "evaluation", "time_of_interaction": "time_of_interaction",
    "attempt_failed": "attempt_failed", "salesperson_code": "salesperson",
    "correspondence_type": "correspondence_type",
    "contact_alt_address_code": "contact_alt_address_code",
    "send_word_docs_as_attmt": "send_word_doc_as_attmt", "opportunity_no": "opportunity_no",
}


@pytest.fixture
def varied(crm):
    """A 9-line segment whose lines differ in every field a line can carry.

    P-GUS has its own texts, amounts, flags and a later date; P-DORA another campaign, an
    earlier date and salesperson PS; P-BERT no campaign; C-ACME an override template MEETING
    (no document); P-FRIDA the fields no screen edits; P-CARL a blank correspondence type.
    """
    segment_no = letter_segment()
    set_line(segment_no, "P-GUS", description="Just for Gus", cost="7.5", duration="3",
             evaluation="Positive", subject="Hello Gus", campaign_response="yes",
             campaign_target="yes", send_word_doc_as_attmt="yes", date="2026-04-03")
    set_line(segment_no, "P-DORA", campaign="CP-MAIL", date="2026-03-30", salesperson="PS")
    set_line(segment_no, "P-BERT", campaign="")
    set_line(segment_no, "C-ACME", interaction_template="MEETING")
    set_line(segment_no, "P-CARL", correspondence_type="")
    raw_line_update(segment_no, "P-FRIDA", time_of_interaction=datetime.time(10, 30),
                    attempt_failed=True, contact_alt_address_code="HOME", opportunity_no="OP001")
    return segment_no


# --- M-25 refusals ---------------------------------------------------------------------------

def test_M25_blank_description_is_refused(crm):
    segment_no = letter_segment(description="")
    refused(log, segment_no, match=f"segment {segment_no} needs a description")
    segments.change_header(segment_no, "description", "   ", user=USER)
    refused(log, segment_no, match="needs a description")
    refused(log_segment.preflight, segment_no, match="needs a description")


def test_M25_segment_without_contact_lines_is_refused(crm):
    empty = letter_segment("contact.no=NOBODY")
    refused(log, empty, match=f"Segment {empty} is empty")
    # A line without a contact does not count (and is ignored by the log).
    SegmentLine.insert(segment=empty, line_no=10000, description="note").execute()
    refused(log, empty, match=f"Segment {empty} is empty")


def test_M25_lines_without_contact_are_ignored(crm):
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT")
    SegmentLine.insert(segment=segment_no, line_no=5000, description="a note").execute()
    report = log(segment_no)
    assert report.entries == 2
    assert [entry["contact_no"] for entry in entries_of(report.logged_segment_entry_no)] \
        == ["P-ANNA", "P-BERT"]
    assert SegmentLine.select().count() == 0


def test_M25_already_logged_segment_no_is_refused(crm):
    # SEG00090 is the CRM's logged segment; a header with that number cannot be logged again.
    SegmentHeader.insert(no="SEG00090", description="Again", date=SPRING).execute()
    segment_lines.add_line("SEG00090", "P-ANNA", user=USER)
    message = f"Logged Segment for Segment No. SEG00090 already exists \\(logged segment " \
              f"{LOGGED_ENTRY}\\)"
    refused(log, "SEG00090", match=message)
    refused(log_segment.preflight, "seg00090", match=message)


def test_M25_logging_twice_is_refused(crm):
    segment_no = letter_segment("contact.no=P-ANNA")
    log(segment_no)
    refused(log, segment_no, match=f"Logged Segment for Segment No. {segment_no} already exists")


def test_M25_unknown_segment_is_refused(crm):
    refused(log, "SEG99999", match="segment SEG99999 does not exist")


@pytest.mark.parametrize("field, value, reason", [
    ("date", "", "no date"),
    ("salesperson", "", "no salesperson"),
    ("interaction_template", "", "no interaction template"),
])
def test_M25_line_without_date_salesperson_or_template_blocks(crm, field, value, reason):
    segment_no = letter_segment()
    line_no = line_no_of(segment_no, "P-BERT")
    set_line(segment_no, "P-BERT", **{field: value})
    assert notes(log_segment.preflight(segment_no).blocking) == [("P-BERT", reason)]
    refused(log, segment_no, match=f"segment {segment_no} cannot be logged: 1 lines block it, "
                                   f"the first is line {line_no} \\(P-BERT\\): {reason}")


def test_M25_every_blocking_line_is_listed_in_line_order(crm):
    segment_no = letter_segment()
    set_line(segment_no, "P-DORA", date="")
    set_line(segment_no, "P-GUS", salesperson="")
    set_line(segment_no, "P-ANNA", interaction_template="")
    raw_line_update(segment_no, "P-ANNA", date=None)
    report = log_segment.preflight(segment_no)
    assert [(note.line_no, note.contact_no, note.reason) for note in report.blocking] == [
        (20000, "P-GUS", "no salesperson"), (40000, "P-ANNA", "no date"),
        (40000, "P-ANNA", "no interaction template"), (80000, "P-DORA", "no date")]
    refused(log, segment_no, match="4 lines block it, the first is line 20000")


@pytest.mark.parametrize("field, value, message", [
    ("salesperson", "XX", "salesperson XX does not exist"),
    ("interaction_template", "NOSUCH", "template NOSUCH does not exist"),
    ("campaign", "NOPE", "campaign NOPE does not exist"),
])
def test_M25_unknown_salesperson_template_or_campaign_never_reach_a_line(crm, field, value,
                                                                        message):
    """L5-L7: a line can only name known codes (checked on entry, enforced by foreign keys), so
    the log never meets an unknown one."""
    segment_no = letter_segment("contact.no=P-ANNA")
    refused(set_line, segment_no, "P-ANNA", match=message, **{field: value})
    before = state()
    with pytest.raises(Exception) as caught:
        with write_transaction():
            raw_line_update(segment_no, "P-ANNA", **{field: value})
    assert "foreign key" in str(caught.value).lower()
    assert state() == before


def test_M25_follow_up_without_segment_series_is_refused_before_logging(crm):
    """L15: checked before anything is written, not after."""
    segment_no = letter_segment("contact.no=P-ANNA")
    MarketingSetup.update(segment_nos=None).execute()
    refused(log, segment_no, follow_up=True, match="no number series for segments")
    assert log(segment_no).entries == 1


# --- M-26 logged segment and one entry per line ----------------------------------------------

def test_M26_logged_segment_and_one_entry_per_contact_line(crm):
    segment_no = letter_segment()
    report = log(segment_no)
    assert (report.segment_no, report.entries, report.logged_segment_entry_no) \
        == (segment_no, 9, LOGGED_ENTRY + 1)
    logged = LoggedSegment.get_by_id(report.logged_segment_entry_no)
    assert (logged.segment_no, logged.description, logged.creation_date, logged.user_id,
            logged.canceled) == (segment_no, "Spring letter", TODAY, USER, False)
    entries = entries_of(logged.entry_no)
    assert [entry["entry_no"] for entry in entries] \
        == list(range(CRM_ENTRIES + 1, CRM_ENTRIES + 10))
    assert [entry["contact_no"] for entry in entries] == ALL_CONTACTS
    assert (NoSeries.get_by_id("INTERACT").last_no, NoSeries.get_by_id("LOGSEG").last_no,
            NoSeries.get_by_id("CAMPENTRY").last_no) == (CRM_ENTRIES + 9, LOGGED_ENTRY + 1, 1)


def test_M26_every_line_field_is_copied_to_its_entry(varied):
    lines = lines_of(varied)
    report = log(varied)
    entries = entries_of(report.logged_segment_entry_no)
    assert len(entries) == len(lines) == 9
    campaign_entry_of = {row.campaign: row.entry_no for row in CampaignEntry.select()
                         .where(CampaignEntry.register_no == report.logged_segment_entry_no)}
    for line, entry in zip(lines, entries):
        for entry_field, line_field in ENTRY_FROM_LINE.items():
            assert entry[entry_field] == line[line_field], (line["contact"], entry_field)
        assert entry["attachment_no"] == (line["attachment"] or 0)
        assert entry["campaign_no"] == (line["campaign"] or "")
        assert entry["campaign_entry_no"] == campaign_entry_of.get(line["campaign"], 0)
        assert (entry["segment_no"], entry["logged_segment_entry_no"], entry["user_id"]) \
            == (varied, report.logged_segment_entry_no, USER)
        assert (entry["delivery_status"], entry["canceled"], entry["postponed"]) \
            == (DeliveryStatus.BLANK, False, False)
    by_contact = {entry["contact_no"]: entry for entry in entries}
    # The varied values really are there (the comparison above is not vacuous).
    gus = by_contact["P-GUS"]
    assert (gus["description"], gus["cost"], gus["duration"], gus["evaluation"], gus["subject"],
            gus["campaign_response"], gus["campaign_target"], gus["send_word_docs_as_attmt"],
            gus["date"]) == ("Just for Gus", Decimal("7.50"), Decimal("3.00"),
                             Evaluation.POSITIVE, "Hello Gus", True, True, True,
                             datetime.date(2026, 4, 3))
    frida = by_contact["P-FRIDA"]
    assert (frida["time_of_interaction"], frida["attempt_failed"],
            frida["contact_alt_address_code"], frida["opportunity_no"]) \
        == (datetime.time(10, 30), True, "HOME", "OP001")
    acme = by_contact["C-ACME"]
    assert (acme["interaction_template_code"], acme["interaction_group_code"],
            acme["attachment_no"], acme["cost"], acme["information_flow"],
            acme["initiated_by"]) == ("MEETING", "MEETING", 0, Decimal("100.00"),
                                      InformationFlow.INBOUND, InitiatedBy.THEM)
    assert (by_contact["P-ANNA"]["interaction_language_code"],
            by_contact["P-BERT"]["interaction_language_code"]) == ("SVE", "ENU")
    assert by_contact["P-CARL"]["correspondence_type"] == BLANK
    assert (by_contact["P-DORA"]["salesperson_code"], by_contact["P-BERT"]["campaign_no"]) \
        == ("PS", "")


def test_M26_entry_numbers_continue_the_series_across_logs(crm):
    first = log(letter_segment("contact.no=P-ANNA|P-BERT"))
    second = log(letter_segment("contact.no=P-GUS"))
    assert second.logged_segment_entry_no == first.logged_segment_entry_no + 1
    assert [entry["entry_no"] for entry in entries_of(second.logged_segment_entry_no)] \
        == [CRM_ENTRIES + 3]
    numbers = [row[0] for row in InteractionLogEntry.select(InteractionLogEntry.entry_no).tuples()]
    assert len(numbers) == len(set(numbers)) == CRM_ENTRIES + 3


# --- M-27 campaign entries -------------------------------------------------------------------

def test_M27_one_campaign_entry_per_campaign_dated_by_its_first_line(varied):
    report = log(varied)
    logged_no = report.logged_segment_entry_no
    campaign_entries = list(CampaignEntry.select().order_by(CampaignEntry.entry_no).dicts())
    assert [(row["entry_no"], row["campaign"], row["date"], row["salesperson_code"],
             row["register_no"], row["segment_no"], row["description"], row["user_id"],
             row["document_type"], row["canceled"]) for row in campaign_entries] == [
        (1, "CP-MAIL", datetime.date(2026, 3, 30), "PS", logged_no, varied, "Spring letter",
         USER, 0, False),
        (2, "CP-SPRING", SPRING, "AH", logged_no, varied, "Spring letter", USER, 0, False)]
    links = {(entry["contact_no"], entry["campaign_no"], entry["campaign_entry_no"])
             for entry in entries_of(logged_no)}
    assert ("P-DORA", "CP-MAIL", 1) in links and ("P-BERT", "", 0) in links
    assert {link for link in links if link[1] == "CP-SPRING"} == {
        (contact, "CP-SPRING", 2) for contact in ALL_CONTACTS if contact not in ("P-DORA",
                                                                                 "P-BERT")}
    assert logged_segments.list_logged_segments()[-1]["no_of_campaign_entries"] == 2


def test_M27_campaign_entry_date_is_the_earliest_line_of_that_campaign(crm):
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT|P-GUS")
    set_line(segment_no, "P-GUS", date="2026-03-15", salesperson="PS")
    set_line(segment_no, "P-ANNA", date="2026-05-01")
    log(segment_no)
    entry = CampaignEntry.get()
    assert (entry.date, entry.salesperson_code) == (datetime.date(2026, 3, 15), "PS")


def test_M27_no_campaign_no_campaign_entry(crm):
    report = log(letter_segment("contact.no=P-ANNA", campaign=None))
    assert CampaignEntry.select().count() == 0
    assert {(entry["campaign_no"], entry["campaign_entry_no"])
            for entry in entries_of(report.logged_segment_entry_no)} == {("", 0)}


# --- M-28 documents read-only, segment gone --------------------------------------------------

def test_M28_used_documents_become_read_only_and_the_segment_is_gone(varied):
    other = letter_segment("contact.no=P-GUS", description="Other")
    other_state = (lines_of(other), list(SegmentHeader.select().where(SegmentHeader.no == other)
                                         .dicts()))
    used = {line["attachment"] for line in lines_of(varied) if line["attachment"]}
    header_docs = {row.language_code: row.attachment for row in SegmentInteractionLanguage
                   .select().where((SegmentInteractionLanguage.segment == varied)
                                   & (SegmentInteractionLanguage.segment_line_no == 0))}
    assert set(header_docs) == {"ENU", "SVE"} and set(header_docs.values()) == used
    template_docs = {row.attachment for row in InteractionTmplLanguage.select()}
    assert not any(read_only(no) for no in used | template_docs)
    log(varied)
    assert all(read_only(no) for no in used)
    assert not any(read_only(no) for no in template_docs)
    for attachment_no in used:      # the bytes as sent survive
        assert bytes(Attachment.get_by_id(attachment_no).file) in TEMPLATE_BYTES.values()
    for model in (SegmentLine, SegmentLineRemoved, SegmentCriteriaLine, SegmentHistory,
                  SegmentInteractionLanguage):
        assert not model.select().where(model.segment == varied).exists(), model.__name__
    assert not SegmentHeader.select().where(SegmentHeader.no == varied).exists()
    assert (lines_of(other), list(SegmentHeader.select().where(SegmentHeader.no == other)
                                  .dicts())) == other_state


def test_M28_unused_documents_of_the_segment_are_removed(crm):
    # Only English speakers: the Swedish header document is never used and goes with the segment.
    segment_no = letter_segment("contact.no=P-BERT|P-GUS")
    docs = {row.language_code: row.attachment for row in SegmentInteractionLanguage.select()
            .where(SegmentInteractionLanguage.segment == segment_no)}
    # An override line that a Reduce removed keeps its own document only for Go Back.
    segment_lines.add_line(segment_no, "P-CARL", user=USER)
    set_line(segment_no, "P-CARL", interaction_template="EMAIL")
    own = SegmentInteractionLanguage.get(segment=segment_no, segment_line_no=line_no_of(
        segment_no, "P-CARL")).attachment
    selection.remove_contacts(segment_no, selection.CriteriaAction.REDUCE,
                                      parse_criteria(["contact.no=P-CARL"]), user=USER)
    log(segment_no)
    assert read_only(docs["ENU"])
    assert not attachment_exists(docs["SVE"])
    assert not attachment_exists(own)
    assert SegmentInteractionLanguage.select().count() == 0


def test_M28_a_document_shared_with_an_open_segment_line_is_kept(crm):
    """Read-only shared documents survive even when the segment's own rows go."""
    segment_no = letter_segment("contact.no=P-ANNA")
    attachment_no = lines_of(segment_no)[0]["attachment"]
    report = log(segment_no)
    assert entries_of(report.logged_segment_entry_no)[0]["attachment_no"] == attachment_no
    assert read_only(attachment_no)


# --- M-29 follow-up segment ------------------------------------------------------------------

def test_M29_follow_up_segment_has_the_same_campaign_and_contacts(crm):
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT|P-GUS")
    segment_lines.add_line(segment_no, "P-EMIL", user=USER)      # excluded, added by hand
    report = log(segment_no, follow_up=True)
    follow_up = report.follow_up_segment_no
    assert follow_up == "SEG00002"
    header = segments.get_segment(follow_up)
    assert (header.description, header.campaign, header.date, header.interaction_template,
            header.salesperson) == (f"Follow-up on segment {segment_no}", "CP-SPRING", TODAY,
                                    None, None)
    assert [(row["contact_no"], row["campaign_no"]) for row in line_rows(follow_up)] == [
        (entry["contact_no"], "CP-SPRING")
        for entry in entries_of(report.logged_segment_entry_no)]
    assert [row["contact_no"] for row in line_rows(follow_up)] \
        == ["P-GUS", "P-ANNA", "P-BERT", "P-EMIL"]
    action = SegmentCriteriaLine.get(segment=follow_up, line_no=1)
    assert (action.origin, action.origin_ref, action.allow_existing_contacts) \
        == (ActionOrigin.LOGGED_SEGMENT, str(report.logged_segment_entry_no), True)
    assert not SegmentHeader.select().where(SegmentHeader.no == segment_no).exists()


def test_M29_follow_up_of_a_segment_without_campaign(crm):
    report = log(letter_segment("contact.no=P-ANNA", campaign=None), follow_up=True)
    header = segments.get_segment(report.follow_up_segment_no)
    assert header.campaign is None
    assert [row["contact_no"] for row in line_rows(header.no)] == ["P-ANNA"]


def test_M29_no_follow_up_unless_asked(crm):
    report = log(letter_segment("contact.no=P-ANNA"))
    assert report.follow_up_segment_no == ""
    assert SegmentHeader.select().count() == 0


# --- M-30 deliver: In Progress ---------------------------------------------------------------

def test_M30_deliver_marks_lines_with_a_correspondence_type_in_progress(crm):
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT|P-DORA|P-GUS")
    set_line(segment_no, "P-BERT", correspondence_type="")        # the template's Hard Copy
    set_line(segment_no, "P-DORA", interaction_template="MEETING")  # no type, no document
    lines = {line["contact"]: line for line in lines_of(segment_no)}
    assert (lines["P-BERT"]["correspondence_type"], lines["P-DORA"]["correspondence_type"],
            lines["P-DORA"]["attachment"]) == (BLANK, BLANK, None)
    preflight = log_segment.preflight(segment_no, deliver=True)
    assert (preflight.queued_for_delivery, preflight.blocking) == (2, [])
    report = log(segment_no, deliver=True)
    assert report.queued_for_delivery == 2
    status = {entry["contact_no"]: entry["delivery_status"]
              for entry in entries_of(report.logged_segment_entry_no)}
    # D1: an entry without a correspondence type is never queued, even when its
    # template has a default type (NAV would leave it "In Progress" for ever).
    assert status == {"P-ANNA": IN_PROGRESS, "P-BERT": DeliveryStatus.BLANK,
                      "P-GUS": IN_PROGRESS, "P-DORA": DeliveryStatus.BLANK}


def test_M30_without_deliver_nothing_is_in_progress(crm):
    report = log(letter_segment(), deliver=False)
    assert report.queued_for_delivery == 0
    assert {entry["delivery_status"] for entry in entries_of(report.logged_segment_entry_no)} \
        == {DeliveryStatus.BLANK}


def test_M30_deliver_has_nothing_to_queue_without_any_correspondence_type(crm):
    """What a log dialog needs to default Send Attachments off and disable it (L16)."""
    segment_no = letter_segment("contact.no=P-DORA|P-FRIDA", template="MEETING")
    assert {line["correspondence_type"] for line in lines_of(segment_no)} == {BLANK}
    assert log_segment.preflight(segment_no, deliver=True).queued_for_delivery == 0
    assert log_segment.preflight(segment_no).queued_for_delivery == 0


# --- M-31 queued without a document ----------------------------------------------------------

def test_M31_line_queued_for_delivery_without_a_document_is_refused(crm):
    segment_no = letter_segment("contact.no=P-ANNA|P-DORA")
    set_line(segment_no, "P-DORA", interaction_template="MEETING",
             correspondence_type="Hard Copy")
    line_no = line_no_of(segment_no, "P-DORA")
    assert notes(log_segment.preflight(segment_no, deliver=True).blocking) \
        == [("P-DORA", "queued for delivery but has no document")]
    refused(log, segment_no, deliver=True,
            match=f"the first is line {line_no} \\(P-DORA\\): queued for delivery but has no "
                  "document")
    assert log(segment_no).entries == 2        # without delivery nothing needs a document


# --- M-32 e-mail / fax without an address ----------------------------------------------------

@pytest.fixture
def no_address(crm):
    """P-GUS (Email) without an e-mail address, P-CARL on Fax without a fax number."""
    Contact.update(email="").where(Contact.no == "P-GUS").execute()
    segment_no = letter_segment("contact.no=P-ANNA|P-CARL|P-GUS")
    set_line(segment_no, "P-CARL", correspondence_type="Fax")
    return segment_no


def test_M32_email_without_address_is_downgraded_with_a_warning(no_address):
    preflight = log_segment.preflight(no_address)
    assert notes(preflight.downgraded) == [
        ("P-GUS", "prefers E-mail, has no e-mail address"),
        ("P-CARL", "Fax line, the contact has no fax number")]
    assert preflight.blocking == []
    report = log(no_address)
    assert notes(report.downgraded) == notes(preflight.downgraded)
    types = {entry["contact_no"]: entry["correspondence_type"]
             for entry in entries_of(report.logged_segment_entry_no)}
    assert types == {"P-ANNA": EMAIL, "P-GUS": BLANK, "P-CARL": BLANK}


def test_M32_with_deliver_a_line_without_address_blocks(no_address):
    preflight = log_segment.preflight(no_address, deliver=True)
    assert notes(preflight.blocking) == [
        ("P-GUS", "prefers E-mail, has no e-mail address"),
        ("P-CARL", "Fax line, the contact has no fax number")]
    assert preflight.downgraded == []
    refused(log, no_address, deliver=True, match="2 lines block it")


def test_M32_address_present_keeps_the_type(crm):
    Contact.update(fax_no="+46 8 123").where(Contact.no == "P-CARL").execute()
    segment_no = letter_segment("contact.no=P-CARL")
    set_line(segment_no, "P-CARL", correspondence_type="Fax")
    report = log(segment_no, deliver=True)
    entry = entries_of(report.logged_segment_entry_no)[0]
    assert (entry["correspondence_type"], entry["delivery_status"]) == (FAX, IN_PROGRESS)
    assert report.downgraded == []


def test_M32_excluded_and_privacy_blocked_contacts_are_warned_about_but_logged(crm):
    Contact.update(privacy_blocked=True).where(Contact.no == "P-ANNA").execute()
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT")
    segment_lines.add_line(segment_no, "P-EMIL", user=USER)
    report = log(segment_no)
    assert notes(report.warnings) == [("P-ANNA", "contact is privacy blocked"),
                                      ("P-EMIL", "contact is marked Exclude from Segment")]
    assert report.entries == 3


# --- pre-flight ------------------------------------------------------------------------------

@pytest.mark.parametrize("deliver", [False, True])
def test_preflight_writes_nothing_and_foretells_the_log(varied, deliver):
    Contact.update(email="").where(Contact.no == "P-GUS").execute()
    Contact.update(exclude_from_segment=True).where(Contact.no == "P-BERT").execute()
    if deliver:  # these would block a delivery: no e-mail address, no document
        set_line(varied, "P-GUS", correspondence_type="Hard Copy")
        set_line(varied, "C-ACME", correspondence_type="")
    before = state()
    preflight = log_segment.preflight(varied, deliver=deliver, follow_up=True)
    assert state() == before
    report = log(varied, deliver=deliver, follow_up=True)
    assert (report.entries, report.queued_for_delivery, report.blocking, report.downgraded,
            report.warnings) == (preflight.entries, preflight.queued_for_delivery,
                                 preflight.blocking, preflight.downgraded, preflight.warnings)
    assert report.entries == len(entries_of(report.logged_segment_entry_no)) == 9
    queued = [entry for entry in entries_of(report.logged_segment_entry_no)
              if entry["delivery_status"] == IN_PROGRESS]
    # C-ACME has no correspondence type with deliver, so it is not queued (D1).
    assert len(queued) == report.queued_for_delivery == (7 if deliver else 0)
    assert notes(report.warnings) == [("P-BERT", "contact is marked Exclude from Segment")]
    assert notes(report.downgraded) == ([] if deliver else [
        ("P-GUS", "prefers E-mail, has no e-mail address")])


def test_preflight_lists_blocking_lines_without_raising(crm):
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT")
    set_line(segment_no, "P-BERT", date="")
    before = state()
    report = log_segment.preflight(segment_no)
    assert (report.entries, notes(report.blocking)) == (2, [("P-BERT", "no date")])
    assert state() == before


# --- M-37 Segment Log list -------------------------------------------------------------------

def test_M37_logged_segments_list(crm):
    report = log(letter_segment("contact.no=P-ANNA|P-BERT|P-GUS"))
    assert logged_segments.list_logged_segments() == [
        {"entry_no": LOGGED_ENTRY, "creation_date": "2025-10-01", "user_id": USER,
         "segment_no": "SEG00090", "description": "Autumn letter", "no_of_interactions": 4,
         "no_of_campaign_entries": 0, "canceled": False},
        {"entry_no": report.logged_segment_entry_no, "creation_date": str(TODAY),
         "user_id": USER, "segment_no": "SEG00001", "description": "Spring letter",
         "no_of_interactions": 3, "no_of_campaign_entries": 1, "canceled": False}]
    assert [row["entry_no"] for row in logged_segments.list_logged_segments(newest_first=True)] \
        == [report.logged_segment_entry_no, LOGGED_ENTRY]


def test_M37_counts_follow_the_canceled_value_of_the_logged_segment(crm):
    report = log(letter_segment("contact.no=P-ANNA|P-BERT|P-GUS"))
    logged_no = report.logged_segment_entry_no
    first = entries_of(logged_no)[0]["entry_no"]
    interaction_log.set_canceled([first], True, user=USER, reason="wrong address")
    assert logged_segments.list_logged_segments()[-1]["no_of_interactions"] == 2
    logged_segments.set_canceled(logged_no, True, user=USER, reason="mailing stopped")
    row = logged_segments.list_logged_segments()[-1]
    assert (row["no_of_interactions"], row["no_of_campaign_entries"], row["canceled"]) \
        == (3, 1, True)


# --- M-38 cancel / un-cancel a logged segment ------------------------------------------------

def test_M38_cancel_cascades_to_entries_and_campaign_entries(varied):
    report = log(varied)
    logged_no = report.logged_segment_entry_no
    others = [row for row in InteractionLogEntry.select().where(
        InteractionLogEntry.logged_segment_entry_no != logged_no).tuples()]
    assert logged_segments.set_canceled(logged_no, True, user=USER, reason="sent twice") == 9
    assert LoggedSegment.get_by_id(logged_no).canceled
    assert {entry["canceled"] for entry in entries_of(logged_no)} == {True}
    assert {row.canceled for row in CampaignEntry.select()} == {True}
    assert [row for row in InteractionLogEntry.select().where(
        InteractionLogEntry.logged_segment_entry_no != logged_no).tuples()] == others
    assert logged_segments.set_canceled(logged_no, False, user="BOSS", reason="was right") == 9
    assert not LoggedSegment.get_by_id(logged_no).canceled
    assert {entry["canceled"] for entry in entries_of(logged_no)} == {False}
    assert {row.canceled for row in CampaignEntry.select()} == {False}
    assert journal() == [("cancel segment", USER, logged_no, "", 9, "sent twice"),
                         ("uncancel segment", "BOSS", logged_no, "", 9, "was right")]


def test_M38_uncancel_reaches_entries_canceled_one_by_one(crm):
    """NAV: the new value goes to every entry of the logged segment (no real undo)."""
    assert [entry["canceled"] for entry in entries_of(LOGGED_ENTRY)] \
        == [False, True, False, False, False]
    logged_segments.set_canceled(LOGGED_ENTRY, True, user=USER, reason="stop")
    assert logged_segments.set_canceled(LOGGED_ENTRY, False, user=USER, reason="go") == 5
    assert {entry["canceled"] for entry in entries_of(LOGGED_ENTRY)} == {False}


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_M38_a_reason_is_required(crm, reason):
    refused(logged_segments.set_canceled, LOGGED_ENTRY, True, user=USER, reason=reason,
            match="a reason is required")


@pytest.mark.parametrize("reason, message", [
    ("x" * 251, "longer than 250 characters"), ("line\nbreak", "control characters")])
def test_M38_unreadable_reasons_are_refused(crm, reason, message):
    refused(logged_segments.set_canceled, LOGGED_ENTRY, True, user=USER, reason=reason,
            match=message)


def test_M38_cancel_twice_or_unknown_is_refused(crm):
    refused(logged_segments.set_canceled, LOGGED_ENTRY, False, user=USER, reason="r",
            match=f"logged segment {LOGGED_ENTRY} is already not canceled")
    logged_segments.set_canceled(LOGGED_ENTRY, True, user=USER, reason="r")
    refused(logged_segments.set_canceled, LOGGED_ENTRY, True, user=USER, reason="r",
            match="is already canceled")
    refused(logged_segments.set_canceled, 99, True, user=USER, reason="r",
            match="logged segment 99 does not exist")


def test_M38_journal_is_append_only_and_ordered(crm):
    report = log(letter_segment("contact.no=P-ANNA|P-BERT"))
    logged_no = report.logged_segment_entry_no
    logged_segments.set_canceled(logged_no, True, user=USER, reason="one")
    first = entries_of(logged_no)[0]["entry_no"]
    interaction_log.set_canceled([CRM_ENTRIES - 1, CRM_ENTRIES], True, user=USER, reason="two")
    logged_segments.delete_canceled_logged_segments([logged_no], user=USER, reason="three")
    interaction_log.delete_canceled_entries([first], user=USER, reason="four")
    rows_ = cancel_journal.journal_rows()
    assert [row["no"] for row in rows_] == [1, 2, 3, 4]
    assert journal() == [
        ("cancel segment", USER, logged_no, "", 2, "one"),
        ("cancel entries", USER, 0, f"{CRM_ENTRIES - 1}-{CRM_ENTRIES}", 2, "two"),
        ("delete segment", USER, logged_no, "", 2, "three"),
        ("delete entries", USER, 0, str(first), 1, "four")]
    assert all(row["created_at"] for row in rows_)


# --- M-39 Interaction Log: list, filters, cancel ---------------------------------------------

@pytest.fixture
def logged(crm):
    """The CRM's log plus a logged segment SEG00001 (entries 9-12, CP-SPRING, 2026-04-01)."""
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT|P-DORA|P-GUS")
    set_line(segment_no, "P-DORA", salesperson="PS", campaign="CP-MAIL")
    return log(segment_no).logged_segment_entry_no


def test_M39_list_shows_every_non_postponed_entry_with_names(logged):
    assert rows() == list(range(1, CRM_ENTRIES + 5))
    InteractionLogEntry.update(postponed=True).where(InteractionLogEntry.entry_no == 7).execute()
    assert 7 not in rows()
    row = interaction_log.entry_rows(EntryFilter(logged_segment=str(logged)))[0]
    assert {key: row[key] for key in (
        "entry_no", "date", "contact_no", "contact_name", "contact_company_no",
        "contact_company_name", "interaction_template_code", "salesperson_code", "campaign_no",
        "segment_no", "logged_segment_entry_no", "correspondence_type", "cost", "evaluation",
        "delivery_status", "canceled", "user_id", "comment")} == {
        "entry_no": 9, "date": "2026-04-01", "contact_no": "P-GUS", "contact_name": "Gus Hale",
        "contact_company_no": "", "contact_company_name": "", "interaction_template_code":
        "LETTER", "salesperson_code": "AH", "campaign_no": "CP-SPRING", "segment_no":
        "SEG00001", "logged_segment_entry_no": logged, "correspondence_type": "Email",
        "cost": "2.50", "evaluation": "", "delivery_status": "", "canceled": False,
        "user_id": USER, "comment": False}
    assert interaction_log.entry_rows(EntryFilter(contact="P-ANNA"))[-1][
        "contact_company_name"] == "Acme Retail AB"


@pytest.mark.parametrize("filters, expected", [
    ({"contact": "P-GUS"}, [6, 8, 9]),
    ({"contact": "P-A*|P-B*"}, [1, 5, 10, 11]),
    ({"company": "C-ACME"}, [1, 5, 10, 11]),
    ({"segment": "SEG00090"}, [1, 2, 3, 4, 5]),
    ({"logged_segment": "2"}, [9, 10, 11, 12]),
    ({"logged_segment": "0"}, [6, 7, 8]),
    ({"template": "MEETING|EMAIL"}, [6, 7]),
    ({"salesperson": "PS"}, [12]),
    ({"campaign": "CP-MAIL"}, [12]),
    ({"campaign": "''"}, [2, 4, 6, 7, 8]),
    ({"date": "2026-01-01..2026-03-31"}, [6, 7, 8]),
    ({"date": "2026-04-01.."}, [9, 10, 11, 12]),
    ({"canceled": "yes"}, [2]),
    ({"canceled": "no", "logged_segment": "1"}, [1, 3, 4, 5]),
    ({"contact": "P-GUS", "date": "..2026-01-31"}, [8]),
])
def test_M39_filters(logged, filters, expected):
    assert rows(**filters) == expected


@pytest.mark.parametrize("filters, words", [
    ({"date": "2026-13-01.."}, "date=2026-13-01..: '2026-13-01' is not a date"),
    ({"logged_segment": "abc"}, "logged_segment=abc"),
    ({"canceled": "maybe"}, "canceled=maybe"),
    ({"canceled": "yes..no"}, "cannot take a range"),
])
def test_M39_bad_filters_are_refused_naming_the_filter(logged, filters, words):
    with pytest.raises(DomainError) as caught:
        rows(**filters)
    assert words in str(caught.value)


def test_M39_list_is_read_a_page_at_a_time(logged):
    first = interaction_log.entry_rows(limit=5)
    second = interaction_log.entry_rows(after=first[-1]["entry_no"], limit=5)
    third = interaction_log.entry_rows(after=second[-1]["entry_no"], limit=5)
    assert [row["entry_no"] for row in first + second + third] == list(range(1, 13))


def test_M39_cancel_and_uncancel_entries_with_the_journal(logged):
    assert interaction_log.set_canceled([9, 10, 6], True, user=USER, reason="bounced") == 3
    assert rows(canceled="yes") == [2, 6, 9, 10]
    assert interaction_log.set_canceled([9, 10, 2], True, user=USER, reason="again") == 0
    assert interaction_log.set_canceled([10, 9], False, user=USER, reason="found them") == 2
    assert rows(canceled="yes") == [2, 6]
    assert journal() == [("cancel entries", USER, 0, "6,9-10", 3, "bounced"),
                         ("cancel entries", USER, 0, "2,9-10", 0, "again"),
                         ("uncancel entries", USER, 0, "9-10", 2, "found them")]


def test_M39_uncancel_refused_while_the_logged_segment_is_canceled(logged):
    logged_segments.set_canceled(logged, True, user=USER, reason="stop")
    refused(interaction_log.set_canceled, [8, 10], False, user=USER, reason="r",
            match="entry 10 cannot be un-canceled: Canceled must be equal to No in its Logged "
                  "Segment")


def test_M39_uncancel_refused_while_the_campaign_entry_is_canceled(logged):
    interaction_log.set_canceled([12], True, user=USER, reason="r")
    CampaignEntry.update(canceled=True).where(CampaignEntry.campaign == "CP-MAIL").execute()
    refused(interaction_log.set_canceled, [12], False, user=USER, reason="r",
            match="entry 12 cannot be un-canceled: Canceled must be equal to No in its Campaign "
                  "Entry")
    CampaignEntry.update(canceled=False).execute()
    assert interaction_log.set_canceled([12], False, user=USER, reason="r") == 1


@pytest.mark.parametrize("entry_nos, message", [
    ([], "name at least one interaction log entry"),
    ([9, 999, 998], "interaction log entry 998, 999 does not exist"),
])
def test_M39_cancel_needs_existing_entries(logged, entry_nos, message):
    refused(interaction_log.set_canceled, entry_nos, True, user=USER, reason="r", match=message)


def test_M39_cancel_needs_a_reason(logged):
    refused(interaction_log.set_canceled, [9], True, user=USER, reason=" ",
            match="a reason is required")


@pytest.fixture
def own_document(crm):
    """A logged segment where P-CARL has a unique document (override template EMAIL) and
    P-ANNA / P-BERT share the header's documents with P-GUS."""
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT|P-CARL|P-GUS")
    set_line(segment_no, "P-CARL", interaction_template="EMAIL")
    report = log(segment_no)
    return {entry["contact_no"]: entry for entry in entries_of(report.logged_segment_entry_no)}


def test_M39_cancel_may_remove_unique_attachments(own_document):
    carl, bert, gus = own_document["P-CARL"], own_document["P-BERT"], own_document["P-GUS"]
    assert bert["attachment_no"] == gus["attachment_no"] != carl["attachment_no"]
    interaction_log.set_canceled([carl["entry_no"], bert["entry_no"]], True, user=USER,
                                 reason="wrong letter", remove_unique_attachments=True)
    assert not attachment_exists(carl["attachment_no"])
    assert attachment_exists(bert["attachment_no"])            # P-GUS still uses it
    attachments = {row.entry_no: row.attachment_no for row in InteractionLogEntry.select()}
    assert (attachments[carl["entry_no"]], attachments[bert["entry_no"]]) \
        == (0, bert["attachment_no"])


def test_M39_cancel_keeps_attachments_unless_asked(own_document):
    carl = own_document["P-CARL"]
    interaction_log.set_canceled([carl["entry_no"]], True, user=USER, reason="r")
    assert attachment_exists(carl["attachment_no"])
    assert InteractionLogEntry.get_by_id(carl["entry_no"]).attachment_no \
        == carl["attachment_no"]


def test_M39_attachment_shared_only_within_the_selection_is_unique_to_it(own_document):
    anna = own_document["P-ANNA"]      # the Swedish document: P-ANNA is its only user
    bert, gus = own_document["P-BERT"], own_document["P-GUS"]
    interaction_log.set_canceled([bert["entry_no"], gus["entry_no"], anna["entry_no"]], True,
                                 user=USER, reason="r", remove_unique_attachments=True)
    assert not attachment_exists(anna["attachment_no"])
    assert not attachment_exists(bert["attachment_no"])


# --- M-40 evaluate ---------------------------------------------------------------------------

def test_M40_evaluate_sets_one_value_on_all_the_entries(logged):
    assert interaction_log.evaluate([9, 10, 12], "very negative") == 3
    evaluation = {row.entry_no: row.evaluation for row in InteractionLogEntry.select()}
    assert [evaluation[no] for no in (9, 10, 11, 12)] == [
        Evaluation.VERY_NEGATIVE, Evaluation.VERY_NEGATIVE, Evaluation.BLANK,
        Evaluation.VERY_NEGATIVE]
    assert evaluation[6] == Evaluation.POSITIVE
    assert [row["evaluation"] for row in interaction_log.entry_rows(
        EntryFilter(logged_segment=str(logged)))] == ["Very Negative", "Very Negative", "",
                                                       "Very Negative"]
    assert interaction_log.evaluate([9], "Positive") == 1
    assert InteractionLogEntry.get_by_id(9).evaluation == Evaluation.POSITIVE


@pytest.mark.parametrize("entry_nos, value, message", [
    ([9, 10], "superb", "Evaluation: 'superb' is not one of: Very Positive, Positive"),
    ([9, 999], "Positive", "interaction log entry 999 does not exist"),
    ([], "Positive", "name at least one"),
])
def test_M40_bad_evaluation_changes_nothing(logged, entry_nos, value, message):
    refused(interaction_log.evaluate, entry_nos, value, match=message)


# --- S-07 comments ---------------------------------------------------------------------------

def test_S07_comments_per_entry(logged):
    assert interaction_log.add_comment(9, "Called back", code="call") == 10000
    assert interaction_log.add_comment(9, "Wants a visit") == 20000
    assert interaction_log.comments(9) == [
        {"entry_no": 9, "line_no": 10000, "date": str(TODAY), "code": "CALL",
         "comment": "Called back", "last_date_modified": str(TODAY)},
        {"entry_no": 9, "line_no": 20000, "date": "", "code": "", "comment": "Wants a visit",
         "last_date_modified": str(TODAY)}]
    assert interaction_log.comments(10) == []
    assert [row["comment"] for row in interaction_log.entry_rows(
        EntryFilter(logged_segment=str(logged)))] == [True, False, False, False]


@pytest.mark.parametrize("entry_no, text, message", [
    (9, "   ", "Comment: write some text"),
    (9, "x" * 81, "longer than 80 characters"),
    (999, "hello", "interaction log entry 999 does not exist"),
])
def test_S07_bad_comments_are_refused(logged, entry_no, text, message):
    refused(interaction_log.add_comment, entry_no, text, match=message)


# --- S-08 delete canceled entries and logged segments ----------------------------------------

def test_S08_delete_canceled_entries_with_comments_and_unique_attachments(own_document):
    carl, bert, gus = own_document["P-CARL"], own_document["P-BERT"], own_document["P-GUS"]
    interaction_log.add_comment(carl["entry_no"], "wrong person")
    interaction_log.add_comment(gus["entry_no"], "keep me")
    interaction_log.set_canceled([carl["entry_no"], bert["entry_no"]], True, user=USER,
                                 reason="r")
    assert interaction_log.delete_canceled_entries([carl["entry_no"], bert["entry_no"]],
                                                   user=USER, reason="clean-up") == 2
    remaining = {row.entry_no for row in InteractionLogEntry.select()}
    assert carl["entry_no"] not in remaining and bert["entry_no"] not in remaining
    assert not attachment_exists(carl["attachment_no"])
    assert attachment_exists(bert["attachment_no"])            # still used by P-GUS
    assert [row.entry for row in InterLogEntryCommentLine.select()] == [gus["entry_no"]]
    assert journal()[-1] == ("delete entries", USER, 0,
                             cancel_journal.number_ranges([carl["entry_no"], bert["entry_no"]]),
                             2, "clean-up")


def test_S08_only_canceled_entries_are_deleted(logged):
    refused(interaction_log.delete_canceled_entries, [2, 9], user=USER, reason="r",
            match="entry 9 is not canceled; only canceled entries can be deleted")
    refused(interaction_log.delete_canceled_entries, [2], user=USER, reason="",
            match="a reason is required")
    refused(interaction_log.delete_canceled_entries, [2, 999], user=USER, reason="r",
            match="interaction log entry 999 does not exist")


def test_S08_delete_canceled_logged_segment_unlinks_its_entries(logged):
    entry_nos = [entry["entry_no"] for entry in entries_of(logged)]
    logged_segments.set_canceled(logged, True, user=USER, reason="void")
    assert logged_segments.delete_canceled_logged_segments([logged], user=USER,
                                                           reason="tidy") == 1
    assert not LoggedSegment.select().where(LoggedSegment.entry_no == logged).exists()
    kept = {row.entry_no: (row.logged_segment_entry_no, row.canceled, row.segment_no)
            for row in InteractionLogEntry.select().where(
                InteractionLogEntry.entry_no.in_(entry_nos))}
    assert kept == {no: (0, True, "SEG00001") for no in entry_nos}
    assert {(row.register_no, row.canceled) for row in CampaignEntry.select()} == {(0, True)}
    assert journal()[-1] == ("delete segment", USER, logged, "", 4, "tidy")
    # The entries stay in the log (canceled), no longer counted against any logged segment.
    assert rows(segment="SEG00001") == entry_nos
    assert [row["entry_no"] for row in logged_segments.list_logged_segments()] == [LOGGED_ENTRY]


def test_S08_only_canceled_logged_segments_are_deleted(logged):
    logged_segments.set_canceled(logged, True, user=USER, reason="void")
    refused(logged_segments.delete_canceled_logged_segments, [logged, LOGGED_ENTRY], user=USER,
            reason="r", match=f"logged segment {LOGGED_ENTRY} is not canceled")
    refused(logged_segments.delete_canceled_logged_segments, [logged, 99], user=USER,
            reason="r", match="logged segment 99 does not exist")
    refused(logged_segments.delete_canceled_logged_segments, [logged], user=USER, reason="",
            match="a reason is required")


def test_S08_each_logged_segment_is_deleted_and_journaled_once(logged):
    logged_segments.set_canceled(logged, True, user=USER, reason="void")
    logged_segments.set_canceled(LOGGED_ENTRY, True, user=USER, reason="void")
    assert logged_segments.delete_canceled_logged_segments(
        [logged, LOGGED_ENTRY, logged], user=USER, reason="tidy") == 2
    assert journal()[2:] == [("delete segment", USER, LOGGED_ENTRY, "", 5, "tidy"),
                             ("delete segment", USER, logged, "", 4, "tidy")]
    refused(logged_segments.delete_canceled_logged_segments, [], user=USER, reason="r",
            match="name at least one logged segment")


def test_S08_deleted_logged_segment_frees_its_entries_for_uncancel(logged):
    logged_segments.set_canceled(logged, True, user=USER, reason="void")
    logged_segments.delete_canceled_logged_segments([logged], user=USER, reason="tidy")
    CampaignEntry.update(canceled=False).execute()
    assert interaction_log.set_canceled([9], False, user=USER, reason="after all") == 1


# --- S-15 follow-up from a logged segment ----------------------------------------------------

def test_S15_follow_up_from_a_logged_segment(logged):
    segment_no = logged_segments.create_follow_up(logged, user=USER).segment_no
    header = segments.get_segment(segment_no)
    assert (header.description, header.campaign, header.date) \
        == ("Follow-up on segment SEG00001", "CP-SPRING", TODAY)
    assert [(row["contact_no"], row["campaign_no"]) for row in line_rows(segment_no)] == [
        ("P-GUS", "CP-SPRING"), ("P-ANNA", "CP-SPRING"), ("P-BERT", "CP-SPRING"),
        ("P-DORA", "CP-MAIL")]
    action = SegmentCriteriaLine.get(segment=segment_no, line_no=1)
    assert (action.origin, action.origin_ref) == (ActionOrigin.LOGGED_SEGMENT, str(logged))


def test_S15_follow_up_skips_canceled_entries(crm):
    segment_no = logged_segments.create_follow_up(LOGGED_ENTRY, user=USER).segment_no
    header = segments.get_segment(segment_no)
    # Three of its five entries carry CP-SPRING: that is the campaign it was logged with.
    assert (header.description, header.campaign) == ("Follow-up on segment SEG00090",
                                                     "CP-SPRING")
    # C14: P-FRIDA's interaction is canceled and P-EMIL is excluded: both skipped, as by a
    # reuse (--ignore-exclusion takes P-EMIL)
    assert [row["contact_no"] for row in line_rows(segment_no)] \
        == ["P-ANNA", "C-CRAFT", "P-BERT"]


def test_S15_follow_up_takes_the_campaign_most_entries_carry(crm):
    segment_no = letter_segment("contact.no=P-ANNA|P-BERT|P-GUS", campaign=None)
    set_line(segment_no, "P-GUS", campaign="CP-MAIL")
    follow_up = logged_segments.create_follow_up(log(segment_no).logged_segment_entry_no,
                                                 user=USER).segment_no
    assert segments.get_segment(follow_up).campaign is None
    assert [(row["contact_no"], row["campaign_no"]) for row in line_rows(follow_up)] \
        == [("P-GUS", "CP-MAIL"), ("P-ANNA", ""), ("P-BERT", "")]


def test_S15_unknown_logged_segment_creates_nothing(crm):
    refused(logged_segments.create_follow_up, 99, user=USER,
            match="logged segment 99 does not exist")
