"""`segment add SEG --from SEG2` and `segment reduce SEG --from-logged N`: set operations between
segments as criteria actions, run as a real process; a bad segment no. is refused in one line."""
import json

import pytest

from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.crm import LOGGED_ENTRY, USER

from segtui.domain.segments import headers as segments
from segtui.domain.segments.selection import add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.models import SegmentCriteriaLine, SegmentLine


def segtui(target, *args):
    return run_segtui(target, USER, "segment", *args)


def contacts(segment_no: str) -> set[str]:
    return {row[0] for row in SegmentLine.select(SegmentLine.contact)
            .where(SegmentLine.segment == segment_no).tuples()}


@pytest.fixture
def two_segments(crm_db):
    first = segments.create_segment(user=USER, template="LETTER")
    second = segments.create_segment(user=USER, template="LETTER")
    add_contacts(first, parse_criteria(["contact.no=P-ANNA|P-BERT|P-GUS"]), user=USER)
    add_contacts(second, parse_criteria(["contact.no=P-DORA|P-ANNA"]), user=USER)
    return crm_db, first, second


def test_add_from_another_segment(two_segments):
    target, first, second = two_segments
    dry = segtui(target, "add", first, "--from", second, "--dry-run", "--format", "json")
    assert json.loads(dry.stdout) == {"would_add": 1, "contact_nos": ["P-DORA"]}

    result = segtui(target, "add", first, "--from", second)

    assert result.returncode == 0, result.stderr
    assert "add 1 lines" in result.stderr
    assert contacts(first) == {"P-ANNA", "P-BERT", "P-GUS", "P-DORA"}


def test_reduce_from_a_logged_segment_and_go_back(two_segments):
    target, first, _second = two_segments

    result = segtui(target, "reduce", first, "--from-logged", str(LOGGED_ENTRY))

    assert result.returncode == 0, result.stderr
    assert "remove 2 lines" in result.stderr
    assert contacts(first) == {"P-GUS"}
    filters = [row[0] for row in SegmentCriteriaLine.select(SegmentCriteriaLine.view)
               .where(SegmentCriteriaLine.segment == first).tuples()]
    assert any("logged_segment_entry_no" in text and "canceled" in text for text in filters)
    assert segtui(target, "go-back", first).returncode == 0
    assert contacts(first) == {"P-ANNA", "P-BERT", "P-GUS"}


@pytest.mark.parametrize("args, words", [
    (["add", "SEG00001", "--from", "SEG09999"], ["segment SEG09999 does not exist"]),
    (["reduce", "SEG00001", "--from-logged", "99"], ["logged segment 99 does not exist"]),
])
def test_a_bad_segment_no_is_refused_in_one_line(two_segments, args, words):
    target, first, _second = two_segments
    before = contacts(first)
    assert_refused_in_one_line(segtui(target, *args), words)
    assert contacts(first) == before
