"""`segment reuse-logged` and `logged follow-up` as real processes (C14–C16): one line on stderr
with the lines added and the entries skipped, the two options, the refusal of a reuse without a
line, and saved criteria that replay the same reuse.

The logged segment of the CRM holds P-ANNA, P-FRIDA (canceled), P-EMIL (Exclude from Segment),
C-CRAFT and P-BERT.
"""
import json

from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.crm import LOGGED_ENTRY, USER

from segtui.store.models import (
    InteractionLogEntry, NoSeries, SegmentCriteriaLine, SegmentHeader, SegmentHistory,
    SegmentLine)

WATCHED = [SegmentHeader, SegmentLine, SegmentCriteriaLine, SegmentHistory, NoSeries]
ENTRY = str(LOGGED_ENTRY)


def segtui(target, *args):
    return run_segtui(target, USER, *args)


def ok(target, *args):
    result = segtui(target, *args)
    assert result.returncode == 0, result.stderr
    return result


def new(target) -> str:
    return ok(target, "segment", "new", "--description", "Reuse").stdout.strip()


def lines(target, segment_no) -> list[tuple[str, str]]:
    shown = json.loads(ok(target, "segment", "show", segment_no, "--format", "json").stdout)
    return [(line["contact_no"], line["campaign_no"]) for line in shown["lines"]]


def entry_count() -> int:
    return InteractionLogEntry.select().where(
        InteractionLogEntry.logged_segment_entry_no == LOGGED_ENTRY).count()


def state() -> dict:
    return {model.__name__: sorted(repr(row) for row in model.select().tuples())
            for model in WATCHED}


def test_C14_reuse_logged_says_what_it_skipped_and_the_options_add_them(crm_db):
    total = entry_count()
    segment_no = new(crm_db)
    result = ok(crm_db, "segment", "reuse-logged", segment_no, ENTRY)
    assert result.stderr.splitlines() == [
        f"added 3 lines from logged segment 1 (criteria action 1); skipped 2 of its {total} "
        "entries: 1 canceled (--include-canceled adds them), 1 Exclude from Segment "
        "(--ignore-exclusion adds them)"]
    assert [contact for contact, _campaign in lines(crm_db, segment_no)] \
        == ["P-ANNA", "C-CRAFT", "P-BERT"]

    every = new(crm_db)
    result = ok(crm_db, "segment", "reuse-logged", every, ENTRY, "--include-canceled",
                "--ignore-exclusion")
    assert result.stderr.splitlines() == [
        f"added {total} lines from logged segment 1 (criteria action 1); none of its {total} "
        "entries skipped"]
    assert [contact for contact, _campaign in lines(crm_db, every)] \
        == ["P-ANNA", "P-FRIDA", "P-EMIL", "C-CRAFT", "P-BERT"]
    swedish = ok(crm_db, "--lang", "sv", "segment", "reuse-logged", new(crm_db), ENTRY,
                 "--ignore-exclusion")
    assert "logged segment" not in swedish.stderr and "--include-canceled" in swedish.stderr


def test_C15_follow_up_of_an_all_canceled_logged_segment_says_why(crm_db):
    ok(crm_db, "logged", "cancel", ENTRY, "--reason", "sent by mistake")
    before = state()
    refused = segtui(crm_db, "logged", "follow-up", ENTRY)
    assert_refused_in_one_line(refused, [
        f"no follow-up segment created: all {entry_count()} entries of logged segment 1 are "
        "canceled; --include-canceled adds them"])
    assert state() == before
    refused = segtui(crm_db, "segment", "reuse-logged", new(crm_db), ENTRY)
    assert_refused_in_one_line(refused, ["no line: all", "are canceled", "--include-canceled"])

    made = ok(crm_db, "logged", "follow-up", ENTRY, "--include-canceled")
    segment_no = made.stdout.strip()
    assert made.stderr.splitlines() == [
        f"follow-up segment {segment_no}: added 4 lines from logged segment 1 (criteria action "
        f"1); skipped 1 of its {entry_count()} entries: 1 Exclude from Segment "
        "(--ignore-exclusion adds them)"]
    assert "P-EMIL" not in dict(lines(crm_db, segment_no))


def test_C16_save_criteria_then_reuse_criteria_gives_the_same_lines(crm_db):
    source = new(crm_db)
    ok(crm_db, "segment", "reuse-logged", source, ENTRY, "--include-canceled")
    ok(crm_db, "segment", "save-criteria", source, "REUSED")
    criteria = json.loads(ok(crm_db, "segment", "criteria", source, "--format", "json").stdout)
    assert criteria[1]["filter"] == ("reuse of logged segment 1 (canceled entries included; "
                                     "excluded and privacy-blocked contacts skipped)")
    target = new(crm_db)
    ok(crm_db, "segment", "reuse-criteria", target, "REUSED")
    assert lines(crm_db, target) == lines(crm_db, source)
    assert ("P-FRIDA", "") in lines(crm_db, target)
