"""`segtui segment log`, `segtui logged …` and `segtui interactions …` run as real processes on
a database holding the known CRM of tests/domain (SQLite, and PostgreSQL when SEGTUI_TEST_PG is
set).

Happy path from a dry run to deleted entries, then bad input: every refusal is exit status 1 with
one clear line on stderr, bad usage exit status 2, and the database is left exactly as it was.
"""
import csv
import io
import json
import re

import pytest

from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.crm import LOGGED_ENTRY, USER

from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments import log_segment
from segtui.domain.segments import headers as segments
from segtui.domain.segments.selection import add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.models import (
    Attachment, CampaignEntry, CancelJournal, Contact, InteractionLogEntry,
    InterLogEntryCommentLine, LoggedSegment, NoSeries, SegmentCriteriaLine, SegmentHeader,
    SegmentHistory, SegmentInteractionLanguage, SegmentLine)

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
WATCHED = [SegmentHeader, SegmentLine, SegmentCriteriaLine, SegmentHistory,
           SegmentInteractionLanguage, Attachment, LoggedSegment, CampaignEntry,
           InteractionLogEntry, InterLogEntryCommentLine, CancelJournal, NoSeries]
CRM_ENTRIES = 8


def segtui(target, *args):
    return run_segtui(target, USER, *args)


def ok(target, *args):
    """Run a command that must succeed; its completed process."""
    result = segtui(target, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def as_json(target, *args):
    return json.loads(ok(target, *args, "--format", "json").stdout)


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def state() -> dict:
    """Every row of the segment and log tables (and the number series)."""
    return {model.__name__: sorted(repr(tuple(_plain(v) for v in row))
                                   for row in model.select().tuples())
            for model in WATCHED}


def spring_segment() -> str:
    """SEG00001: P-GUS, P-ANNA, P-BERT, P-DORA (CP-SPRING) and the excluded P-EMIL by hand;
    P-GUS has no e-mail address."""
    Contact.update(email="").where(Contact.no == "P-GUS").execute()
    segment_no = segments.create_segment(user=USER, description="Spring letter",
                                         template="LETTER", salesperson="AH",
                                         campaign="CP-SPRING")
    add_contacts(segment_no, parse_criteria(["contact.no=P-ANNA|P-BERT|P-DORA|P-GUS"]),
                 user=USER)
    segment_lines.add_line(segment_no, "P-EMIL", user=USER)
    return segment_no


def test_log_dry_run_then_log_with_follow_up(crm_db):
    segment_no = spring_segment()
    before = state()
    dry = ok(crm_db, "segment", "log", segment_no, "--dry-run")
    assert dry.stdout == ""
    assert "line 10000 (P-GUS) is downgraded: prefers E-mail, has no e-mail address" \
           in dry.stderr
    assert "line 50000 (P-EMIL) warning: contact is marked Exclude from Segment" in dry.stderr
    assert f"segment {segment_no}: would write 5 interaction entries" in dry.stderr
    report = as_json(crm_db, "segment", "log", segment_no, "--dry-run")
    assert report == {"segment_no": segment_no, "entries": 5, "queued_for_delivery": 0,
                      "blocking": [], "downgraded": [{
                          "line_no": 10000, "contact_no": "P-GUS", "reason":
                          "prefers E-mail, has no e-mail address"}],
                      "warnings": [{"line_no": 50000, "contact_no": "P-EMIL",
                                    "reason": "contact is marked Exclude from Segment"}],
                      "document_warnings": [], "without_address": 1,
                      "logged_segment_entry_no": 0, "follow_up_segment_no": ""}
    deliver = ok(crm_db, "segment", "log", segment_no, "--dry-run", "--deliver")
    assert "line 10000 (P-GUS) blocks the log: prefers E-mail, has no e-mail address" \
           in deliver.stderr
    assert f"segment {segment_no}: would be refused 5 interaction entries, 5 queued for " \
           "delivery" in deliver.stderr
    assert state() == before

    logged = ok(crm_db, "segment", "log", segment_no, "--follow-up")
    assert logged.stdout.strip() == str(LOGGED_ENTRY + 1)
    assert f"segment {segment_no} has been logged as logged segment {LOGGED_ENTRY + 1}: 5 " \
           "interaction entries" in logged.stderr
    assert "follow-up segment SEG00002 created" in logged.stderr
    assert not SegmentHeader.select().where(SegmentHeader.no == segment_no).exists()
    follow_up = json.loads(ok(crm_db, "segment", "show", "SEG00002", "--format", "json").stdout)
    assert follow_up["segment"]["description"] == f"Follow-up on segment {segment_no}"
    assert [line["contact_no"] for line in follow_up["lines"]] \
        == ["P-GUS", "P-ANNA", "P-BERT", "P-DORA", "P-EMIL"]


def test_log_deliver_json_report(crm_db):
    segment_no = spring_segment()
    Contact.update(email="gus@example.com").where(Contact.no == "P-GUS").execute()
    logged = segtui(crm_db, "segment", "log", segment_no, "--deliver", "--format", "json")
    # logged, with the report on stdout, but no entry delivered: status 1, the count on stderr
    assert logged.returncode == 1 and "Traceback" not in logged.stderr, logged.stderr
    assert "5 deliveries failed" in logged.stderr
    report = json.loads(logged.stdout)
    assert (report["entries"], report["queued_for_delivery"], report["logged_segment_entry_no"]) \
        == (5, 5, LOGGED_ENTRY + 1)
    entries = as_json(crm_db, "interactions", "list", "--logged-segment", str(LOGGED_ENTRY + 1))
    # The log stays; the CRM's documents are no Word files, so each delivery fails with why.
    assert {entry["delivery_status"] for entry in entries} == {"Error"}
    assert all("attachment" in entry["delivery_error"] for entry in entries)


@pytest.fixture
def logged_db(crm_db):
    """The CRM with SEG00001 logged as logged segment 2 (entries 9-13)."""
    segment_no = spring_segment()
    log_segment.log_segment(segment_no, user=USER)
    return crm_db


def test_segment_log_list_cancel_uncancel_journal(logged_db):
    listed = as_json(logged_db, "logged", "list")
    assert all(SNAKE.match(key) for row in listed for key in row)
    assert listed[-1] == {"entry_no": 2, "creation_date": listed[-1]["creation_date"],
                          "user_id": USER, "segment_no": "SEG00001",
                          "description": "Spring letter", "no_of_interactions": 5,
                          "no_of_campaign_entries": 1, "canceled": False}
    table = ok(logged_db, "logged", "list").stdout
    assert table.splitlines()[0].split() == [
        "entry_no", "creation_date", "user_id", "segment_no", "description",
        "no_of_interactions", "no_of_campaign_entries", "canceled"]

    result = ok(logged_db, "logged", "cancel", "2", "--reason", "sent twice")
    assert "logged segment 2: canceled with 5 interaction entries" in result.stderr
    assert as_json(logged_db, "logged", "list")[-1]["canceled"] is True
    entries = as_json(logged_db, "interactions", "list", "--logged-segment", "2")
    assert {entry["canceled"] for entry in entries} == {True}
    assert CampaignEntry.get().canceled
    result = ok(logged_db, "logged", "uncancel", "2", "--reason", "it was fine")
    assert "logged segment 2: uncanceled with 5 interaction entries" in result.stderr
    assert as_json(logged_db, "interactions", "list", "--canceled", "yes") \
        == [entry for entry in as_json(logged_db, "interactions", "list") if entry["canceled"]]
    journal = as_json(logged_db, "logged", "journal")
    assert [(row["action"], row["logged_segment_entry_no"], row["no_of_entries"],
             row["reason"], row["user_id"]) for row in journal] == [
        ("cancel segment", 2, 5, "sent twice", USER),
        ("uncancel segment", 2, 5, "it was fine", USER)]
    assert all(SNAKE.match(key) for row in journal for key in row)


def test_interaction_log_filters_and_formats(logged_db):
    rows = list(csv.DictReader(io.StringIO(
        ok(logged_db, "interactions", "list", "--contact", "P-GUS", "--format", "csv").stdout)))
    assert [row["entry_no"] for row in rows] == ["6", "8", "9"]
    assert {"entry_no", "contact_no", "logged_segment_entry_no", "canceled", "segment_no",
            "delivery_status", "evaluation", "campaign_no"} <= set(rows[0])
    assert rows[-1]["correspondence_type"] == ""           # downgraded: no e-mail address
    entries = as_json(logged_db, "interactions", "list", "--date", "2026-01-01..2026-03-31",
                      "--canceled", "no")
    assert [entry["entry_no"] for entry in entries] == [6, 7, 8]
    assert [entry["entry_no"] for entry in as_json(
        logged_db, "interactions", "list", "--segment", "SEG00001", "--company", "C-ACME")] \
        == [10, 11]
    assert [entry["entry_no"] for entry in as_json(
        logged_db, "interactions", "list", "--template", "MEETING", "--salesperson", "AH")] == [7]
    assert [entry["entry_no"] for entry in as_json(
        logged_db, "interactions", "list", "--campaign", "CP-SPRING", "--logged-segment", "1")] \
        == [1, 3, 5]
    table = ok(logged_db, "interactions", "list", "--logged-segment", "2").stdout.splitlines()
    assert table[0].split()[:3] == ["entry_no", "date", "contact_no"] and len(table) == 6
    assert ok(logged_db, "interactions", "list", "--contact", "NOBODY", "--format",
              "json").stdout.strip() == "[]"


def test_evaluate_comment_cancel_and_delete_entries(logged_db):
    result = ok(logged_db, "interactions", "evaluate", "9", "10", "very positive")
    assert "evaluated 2 entries" in result.stderr
    assert [entry["evaluation"] for entry in as_json(
        logged_db, "interactions", "list", "--logged-segment", "2")][:3] \
        == ["Very Positive", "Very Positive", ""]
    ok(logged_db, "interactions", "comment", "9", "Called back")
    ok(logged_db, "interactions", "comment", "9", "Wants a visit")
    comments = as_json(logged_db, "interactions", "comments", "9")
    assert [(row["line_no"], row["comment"]) for row in comments] \
        == [(10000, "Called back"), (20000, "Wants a visit")]

    result = ok(logged_db, "interactions", "cancel", "9", "10", "--reason", "bounced")
    assert "canceled 2 entries" in result.stderr
    result = ok(logged_db, "interactions", "uncancel", "10", "--reason", "arrived")
    assert "uncanceled 1 entries" in result.stderr
    result = ok(logged_db, "interactions", "delete", "9", "--reason", "clean-up")
    assert "deleted 1 entries" in result.stderr
    assert not InteractionLogEntry.select().where(InteractionLogEntry.entry_no == 9).exists()
    assert InterLogEntryCommentLine.select().count() == 0
    assert [(row["action"], row["entry_nos"], row["no_of_entries"]) for row in as_json(
        logged_db, "logged", "journal")] == [("cancel entries", "9-10", 2),
                                             ("uncancel entries", "10", 1),
                                             ("delete entries", "9", 1)]

    # P-ANNA's Swedish letter is hers alone; P-BERT shares the English one with others.
    documents = {entry["entry_no"]: entry["attachment_no"] for entry in as_json(
        logged_db, "interactions", "list", "--logged-segment", "2")}
    ok(logged_db, "interactions", "cancel", "10", "11", "--reason", "wrong letter",
       "--remove-attachments")
    after = {entry["entry_no"]: entry["attachment_no"] for entry in as_json(
        logged_db, "interactions", "list", "--logged-segment", "2")}
    assert (after[10], after[11]) == (0, documents[11])
    assert not Attachment.select().where(Attachment.no == documents[10]).exists()
    assert Attachment.select().where(Attachment.no == documents[11]).exists()


def test_follow_up_and_delete_of_a_logged_segment(logged_db):
    result = ok(logged_db, "logged", "follow-up", "2")
    assert result.stdout.strip() == "SEG00002"
    shown = json.loads(ok(logged_db, "segment", "show", "SEG00002", "--format", "json").stdout)
    assert (shown["segment"]["description"], shown["segment"]["campaign_no"]) \
        == ("Follow-up on segment SEG00001", "CP-SPRING")
    # C14: the excluded P-EMIL, added by hand, is skipped and said so
    assert len(shown["lines"]) == 4
    assert "skipped 1 of its 5 entries: 1 Exclude from Segment" in result.stderr

    # a second follow-up of the same logged segment: refused in one line, nothing written …
    before = state()
    again = segtui(logged_db, "logged", "follow-up", "2")
    assert_refused_in_one_line(again, ["logged segment 2 already has a follow-up segment "
                                       "(SEG00002)", "--yes"])
    assert state() == before
    # … made when the user says so
    result = ok(logged_db, "logged", "follow-up", "2", "--yes", "--ignore-exclusion")
    assert result.stdout.strip() == "SEG00003"
    shown = json.loads(ok(logged_db, "segment", "show", "SEG00003", "--format", "json").stdout)
    assert shown["segment"]["description"] == "Follow-up on segment SEG00001"
    assert len(shown["lines"]) == 5
    ok(logged_db, "logged", "cancel", "2", "--reason", "void")
    result = ok(logged_db, "logged", "delete", "2", "--reason", "tidy")
    assert "deleted 1 logged segments" in result.stderr
    assert [row["entry_no"] for row in as_json(logged_db, "logged", "list")] == [LOGGED_ENTRY]
    assert {entry["logged_segment_entry_no"] for entry in as_json(
        logged_db, "interactions", "list", "--segment", "SEG00001")} == {0}


BAD_INPUT = [
    (["segment", "log", "SEG99999"], ["segment SEG99999 does not exist"]),
    (["segment", "log", "SEG99999", "--dry-run"], ["segment SEG99999 does not exist"]),
    (["segment", "log", "SEG00001"],
     ["Logged Segment for Segment No. SEG00001 already exists (logged segment 2)"]),
    (["segment", "log", "SEG00002"], ["Segment SEG00002 is empty"]),
    (["logged", "cancel", "2", "--reason", ""], ["a reason is required"]),
    (["logged", "cancel", "2", "--reason", "   "], ["a reason is required"]),
    (["logged", "cancel", "99", "--reason", "r"], ["logged segment 99 does not exist"]),
    (["logged", "uncancel", "2", "--reason", "r"], ["logged segment 2 is already not canceled"]),
    (["logged", "follow-up", "99"], ["logged segment 99 does not exist"]),
    (["logged", "delete", "2", "--reason", "r"],
     ["logged segment 2 is not canceled; only canceled logged segments can be deleted"]),
    (["interactions", "list", "--date", "2026-13-01.."],
     ["date=2026-13-01..", "'2026-13-01' is not a date"]),
    (["interactions", "list", "--canceled", "maybe"], ["canceled=maybe"]),
    (["interactions", "list", "--logged-segment", "two"], ["logged_segment=two"]),
    (["interactions", "cancel", "9", "999", "--reason", "r"],
     ["interaction log entry 999 does not exist"]),
    (["interactions", "cancel", "9", "--reason", ""], ["a reason is required"]),
    (["interactions", "evaluate", "9", "10", "superb"],
     ["Evaluation: 'superb' is not one of: Very Positive, Positive, Neutral, Negative, "
      "Very Negative"]),
    (["interactions", "evaluate", "nine", "Positive"], ["'nine' is not an entry number"]),
    (["interactions", "evaluate", "Positive"], ["name the entries and then the evaluation"]),
    (["interactions", "evaluate", "999", "Positive"], ["interaction log entry 999 does not exist"]),
    (["interactions", "comment", "999", "hello"], ["interaction log entry 999 does not exist"]),
    (["interactions", "comment", "9", "  "], ["Comment: write some text"]),
    (["interactions", "comments", "999"], ["interaction log entry 999 does not exist"]),
    (["interactions", "delete", "9", "--reason", "r"],
     ["entry 9 is not canceled; only canceled entries can be deleted"]),
]


@pytest.mark.parametrize("args, words", BAD_INPUT, ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_is_refused_with_one_line_and_changes_nothing(logged_db, args, words):
    segments.create_segment(user=USER, description="Empty")                # SEG00002
    before = state()
    result = segtui(logged_db, *args)
    assert_refused_in_one_line(result, words)
    assert state() == before


def test_uncancel_refused_while_the_logged_segment_is_canceled(logged_db):
    ok(logged_db, "logged", "cancel", "2", "--reason", "stop")
    before = state()
    result = segtui(logged_db, "interactions", "uncancel", "9", "--reason", "r")
    assert result.returncode == 1
    assert result.stderr.strip() == ("segtui: entry 9 cannot be un-canceled: Canceled must be "
                                     "equal to No in its Logged Segment")
    assert state() == before


def test_blocked_log_lists_the_lines_and_changes_nothing(crm_db):
    segment_no = spring_segment()
    SegmentLine.update(date=None).where(SegmentLine.contact.in_(["P-ANNA", "P-DORA"])).execute()
    before = state()
    result = segtui(crm_db, "segment", "log", segment_no)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert "line 20000 (P-ANNA) blocks the log: no date" in lines
    assert "line 40000 (P-DORA) blocks the log: no date" in lines
    assert lines[-1] == (f"segtui: segment {segment_no} cannot be logged: 2 lines block it, the "
                         "first is line 20000 (P-ANNA): no date")
    assert state() == before


@pytest.mark.parametrize("args", [
    ["logged", "cancel", "2"], ["logged", "uncancel", "2"], ["logged", "delete", "2"],
    ["interactions", "cancel", "9"], ["interactions", "uncancel", "9"],
    ["interactions", "delete", "9"], ["logged", "cancel", "two", "--reason", "r"],
    ["interactions", "list", "--format", "xml"], ["interactions", "evaluate"],
    ["interactions", "list", "--colour", "red"], ["logged"], ["interactions"],
    ["segment", "log"], ["segment", "log", "SEG00001", "--send"],
], ids=" ".join)
def test_bad_usage_is_exit_status_2_and_changes_nothing(logged_db, args):
    before = state()
    result = segtui(logged_db, *args)
    assert result.returncode == 2, (args, result.stderr)
    assert "Traceback" not in result.stderr and result.stdout == ""
    if "--reason" not in args and args[-1] in ("2", "9"):
        assert "--reason" in result.stderr
    assert state() == before


def test_no_address_lists_then_switches_to_hard_copy_or_removes(crm_db):
    segment_no = spring_segment()
    listed = ok(crm_db, "segment", "no-address", segment_no)
    assert listed.stdout == "10000\tP-GUS\tprefers E-mail, has no e-mail address\n"
    before = state()
    segtui(crm_db, "segment", "no-address", segment_no, "--hard-copy", "--remove")
    assert state() == before                                  # one fix at a time
    switched = ok(crm_db, "segment", "no-address", segment_no, "--hard-copy")
    assert f"segment {segment_no}: 1 lines switched to Hard Copy" in switched.stderr
    assert ok(crm_db, "segment", "no-address", segment_no).stdout == ""
    assert SegmentLine.get((SegmentLine.segment == segment_no)
                           & (SegmentLine.contact == "P-GUS")).correspondence_type == 1
    SegmentLine.update(correspondence_type=2).where(SegmentLine.contact == "P-GUS").execute()
    removed = ok(crm_db, "segment", "no-address", segment_no, "--remove")
    assert f"segment {segment_no}: 1 lines removed" in removed.stderr
    assert not SegmentLine.select().where(SegmentLine.contact == "P-GUS").exists()
    assert ok(crm_db, "segment", "log", segment_no, "--dry-run", "--deliver").returncode == 0
