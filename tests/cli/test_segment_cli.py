"""`segtui segment …` run as a real process on a database holding the known CRM of tests/domain.

Happy path from `new` to reused criteria, then bad input: every refusal is exit status 1 with one
clear line on stderr naming what is wrong, and the database is left exactly as it was.
"""
import json
import re

import pytest

from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.crm import LOGGED_ENTRY, USER

from segtui.domain.segments import headers as segments
from segtui.domain.segments.selection import add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.saved_criteria import save_criteria
from segtui.store.models import (
    NoSeries, SavedSegmentCriteria, SavedSegmentCriteriaLine, SegmentCriteriaLine, SegmentHeader,
    SegmentHistory, SegmentInteractionLanguage, SegmentLine, SegmentLineRemoved)

SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
WATCHED = [SegmentHeader, SegmentLine, SegmentLineRemoved, SegmentCriteriaLine, SegmentHistory,
           SegmentInteractionLanguage, SavedSegmentCriteria, SavedSegmentCriteriaLine, NoSeries]


def segtui(target, *args):
    return run_segtui(target, USER, "segment", *args)


def ok(target, *args) -> str:
    result = segtui(target, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def show(target, segment_no) -> dict:
    return json.loads(ok(target, "show", segment_no, "--format", "json"))


def state() -> dict:
    """Every row of the segment tables (and the number series), to prove nothing changed."""
    return {model.__name__: sorted(repr(row) for row in model.select().tuples())
            for model in WATCHED}


def test_happy_path_from_new_to_reused_criteria(crm_db):
    segment_no = ok(crm_db, "new", "--description", "Spring letter", "--template", "letter",
                    "--salesperson", "AH", "--date", "2026-04-01").strip()
    assert segment_no == "SEG00001"
    result = segtui(crm_db, "add", segment_no, "industry=RETAIL", "contact.type=PERSON")
    assert result.returncode == 0 and "add 3 lines (criteria action 1)" in result.stderr
    dry = json.loads(ok(crm_db, "add", segment_no, "--dry-run", "--format", "json",
                        "mailing=NEWSLETTER"))
    assert dry == {"would_add": 1, "contact_nos": ["P-FRIDA"]}
    assert ok(crm_db, "add", segment_no, "--dry-run", "mailing=NEWSLETTER").strip() \
        == "would add 1 lines"

    shown = show(crm_db, segment_no)
    assert set(shown) == {"segment", "lines"}
    header, lines = shown["segment"], shown["lines"]
    assert {key: header[key] for key in ("segment_no", "description", "salesperson_code", "date",
                                         "interaction_template_code", "no_of_lines",
                                         "no_of_criteria_actions", "unit_cost")} == {
        "segment_no": "SEG00001", "description": "Spring letter", "salesperson_code": "AH",
        "date": "2026-04-01", "interaction_template_code": "LETTER", "no_of_lines": 3,
        "no_of_criteria_actions": 1, "unit_cost": "2.50"}
    assert [(line["line_no"], line["contact_no"]) for line in lines] \
        == [(10000, "P-ANNA"), (20000, "P-BERT"), (30000, "P-CARL")]
    assert all(SNAKE.match(key) for key in header)
    assert all(SNAKE.match(key) for line in lines for key in line)
    assert lines[0]["provenance"] == "#1: contact.type=PERSON industry.code=RETAIL"
    assert (lines[0]["language_code"], lines[0]["document"], lines[0]["correspondence_type"]) \
        == ("SVE", "Inherited", "Email")

    ok(crm_db, "reduce", segment_no, "--entire-companies", "jobresp=IT")
    assert show(crm_db, segment_no)["lines"] == []
    criteria = json.loads(ok(crm_db, "criteria", segment_no, "--format", "json"))
    assert [(row["type"], row["action"], row["filter"]) for row in criteria] == [
        ("Action", "Add Contacts", ""), ("Filter", "Add Contacts", "contact.type=PERSON"),
        ("Filter", "Add Contacts", "industry.code=RETAIL"),
        ("Action", "Remove Contacts (Reduce)", ""),
        ("Filter", "Remove Contacts (Reduce)", "jobresp.code=IT")]
    assert criteria[3]["options"] == "entire companies"
    ok(crm_db, "go-back", segment_no)
    assert show(crm_db, segment_no)["lines"] == lines

    assert ok(crm_db, "save-criteria", segment_no, "retailppl", "--description",
              "Retail people").strip() == "RETAILPPL"
    other = ok(crm_db, "new", "--template", "EMAIL").strip()
    ok(crm_db, "reuse-criteria", other, "RETAILPPL")
    assert [line["contact_no"] for line in show(crm_db, other)["lines"]] \
        == ["P-ANNA", "P-BERT", "P-CARL"]
    listed = json.loads(ok(crm_db, "list", "--format", "json"))
    assert [(row["segment_no"], row["no_of_lines"]) for row in listed] \
        == [("SEG00001", 3), ("SEG00002", 3)]


def test_lines_by_hand_header_changes_and_reuse_of_a_logged_segment(crm_db):
    segment_no = ok(crm_db, "new", "--template", "LETTER", "--description", "Old").strip()
    assert ok(crm_db, "add-line", segment_no, "P-GUS", "p-dora").split() == ["10000", "20000"]
    ok(crm_db, "set-line", segment_no, "10000", "description=Just for Gus", "cost=7.5")
    assert [(line["description"], line["cost"]) for line in show(crm_db, segment_no)["lines"]] \
        == [("Just for Gus", "7.50"), ("Old", "2.50")]
    # H3, P7: a header change goes to every line that still has the header's template and
    # inherits the field; what was set on a line is its own and stays.
    ok(crm_db, "set", segment_no, "description=New", "unit_cost=3")
    lines = show(crm_db, segment_no)["lines"]
    assert [(line["description"], line["cost"]) for line in lines] \
        == [("Just for Gus", "7.50"), ("New", "3.00")]
    # P9: --inherit gives a field the header's value again; then it follows the header
    ok(crm_db, "set-line", segment_no, "10000", "--inherit", "cost")
    assert [line["cost"] for line in show(crm_db, segment_no)["lines"]] == ["3.00", "3.00"]
    ok(crm_db, "set", segment_no, "unit_cost=4")
    assert [(line["description"], line["cost"]) for line in show(crm_db, segment_no)["lines"]] \
        == [("Just for Gus", "4.00"), ("New", "4.00")]
    ok(crm_db, "set", segment_no, "--no-update-lines", "description=Header only")
    assert show(crm_db, segment_no)["lines"][1]["description"] == "New"
    ok(crm_db, "remove-line", segment_no, "20000")
    ok(crm_db, "reuse-logged", segment_no, str(LOGGED_ENTRY), "--yes")
    lines = show(crm_db, segment_no)["lines"]
    assert [(line["contact_no"], line["campaign_no"]) for line in lines] == [
        ("P-GUS", ""), ("P-ANNA", "CP-SPRING"), ("C-CRAFT", ""), ("P-BERT", "CP-SPRING")]
    table = ok(crm_db, "show", segment_no)
    assert "segment_no" in table and "P-GUS" in table
    ok(crm_db, "delete", segment_no)
    assert SegmentHeader.select().count() == 0


def test_set_if_version_refuses_a_change_made_meanwhile(crm_db):
    segment_no = ok(crm_db, "new", "--template", "LETTER", "--description", "Old").strip()
    seen = show(crm_db, segment_no)["segment"]["version"]
    ok(crm_db, "set", segment_no, "description=Mine", "unit_cost=4", "--if-version", str(seen))
    header = show(crm_db, segment_no)["segment"]
    assert (header["description"], header["version"]) == ("Mine", seen + 2)
    before = state()
    late = segtui(crm_db, "set", segment_no, "description=Stale", "--if-version", str(seen))
    assert_refused_in_one_line(late, [segment_no, "changed by", USER])
    assert state() == before


BAD_INPUT = [
    (["add", "SEG00001", "industry=.."], ["industry=..", "a range needs at least one end"]),
    (["add", "SEG00001", "contact.nosuchfield=1"],
     ["contact.nosuchfield=1", "contact has no field 'nosuchfield'"]),
    (["add", "SEG00001", "mailing=A||B"], ["mailing=A||B", "an alternative is empty"]),
    (["add", "SEG00001", "industry=RETAIL", "mailing=A||B"], ["mailing=A||B"]),
    (["add", "SEG00001", "industry=NOSUCH"],
     ["industry=NOSUCH", "industry group NOSUCH does not exist"]),
    (["add", "SEG00001", "--dry-run", "jobresp=BOSS"],
     ["jobresp=BOSS", "job responsibility BOSS does not exist"]),
    (["reduce", "SEG00001", "interaction.date=2026-13-01"],
     ["interaction.date=2026-13-01", "'2026-13-01' is not a date"]),
    (["refine", "SEG00001", "contact.type=ROBOT"], ["contact.type=ROBOT", "'ROBOT' is not one of"]),
    (["add", "SEG99999", "industry=RETAIL"], ["segment SEG99999 does not exist"]),
    (["show", "SEG99999"], ["segment SEG99999 does not exist"]),
    (["go-back", "SEG99999"], ["segment SEG99999 does not exist"]),
    (["new", "--date", "2026-13-01"], ["Date", "'2026-13-01' is not a date"]),
    (["new", "--template", "NOSUCH"],
     ["Interaction Template Code", "template NOSUCH does not exist"]),
    (["new", "--salesperson", "BL"], ["Salesperson Code", "salesperson BL is blocked"]),
    (["set", "SEG00001", "date=2026-02-30"], ["Date", "'2026-02-30' is not a date"]),
    (["set", "SEG00001", "colour=red"], ["a segment has no field 'colour'"]),
    (["set", "SEG00001", "campaign=NOPE"], ["Campaign No.", "campaign NOPE does not exist"]),
    (["set", "SEG00001", "description=Changed", "date=someday"], ["Date", "'someday'"]),
    (["set", "SEG00001", "interaction_template=EMAIL", "--no-update-lines"],
     ["Interaction Template Code may not be modified without updating lines"]),
    (["set-line", "SEG00001", "10000", "cost=-1"], ["Cost (LCY)", "'-1'"]),
    (["set-line", "SEG00001", "10000", "description=Changed", "evaluation=superb"],
     ["Evaluation", "'superb'"]),
    (["set-line", "SEG00001", "99999", "cost=1"], ["segment SEG00001 has no line 99999"]),
    (["set-line", "SEG00001", "10000"], ["give FIELD=VALUE or --inherit FIELD"]),
    (["set-line", "SEG00001", "10000", "cost=9", "--inherit", "template"],
     ["Interaction Template Code is not taken from the header"]),
    (["add-line", "SEG00001", "P-GUS", "NOBODY"], ["contact NOBODY does not exist"]),
    (["remove-line", "SEG00001", "10000", "99999"], ["segment SEG00001 has no line 99999"]),
    (["save-criteria", "SEG00001", "TAKEN"], ["Saved Segment Criteria TAKEN already exists"]),
    (["save-criteria", "SEG00002", "EMPTY"], ["No. of Criteria Actions must have a value"]),
    (["reuse-criteria", "SEG00002", "NOPE"], ["saved criteria NOPE do not exist"]),
    (["reuse-criteria", "SEG00001", "TAKEN"], ["segment SEG00001 already contains 1 criteria"]),
    (["reuse-logged", "SEG00002", "99"], ["logged segment 99 does not exist"]),
    (["add", "SEG00002", "business=..;;<>"], ["business=..;;<>", "'<>'", "out of place"]),
]


@pytest.mark.parametrize("args, words", BAD_INPUT, ids=[" ".join(a) for a, _ in BAD_INPUT])
def test_bad_input_is_refused_with_one_line_and_changes_nothing(crm_db, args, words):
    with_lines = segments.create_segment(user=USER, template="LETTER")
    assert segments.create_segment(user=USER) == "SEG00002"           # empty
    add_contacts(with_lines, parse_criteria(["contact.no=P-ANNA|P-BERT"]), user=USER)
    save_criteria(with_lines, "TAKEN", user=USER)
    before = state()
    result = segtui(crm_db, *args)
    assert_refused_in_one_line(result, words)
    assert state() == before


def test_go_back_with_nothing_to_undo_does_nothing(crm_db):
    """C4: Go Back on a segment without criteria actions changes nothing and says so."""
    segments.create_segment(user=USER)
    before = state()
    result = segtui(crm_db, "go-back", "SEG00001")
    assert result.returncode == 0
    assert "segment SEG00001 has no criteria action to undo" in result.stderr
    assert state() == before


def test_bad_usage_is_exit_status_2(crm_db):
    for args in (["add"], ["add", "SEG00001", "--no-such-option", "industry=RETAIL"],
                 ["remove-line", "SEG00001", "ten"], ["frobnicate"]):
        result = segtui(crm_db, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
