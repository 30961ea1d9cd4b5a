"""C9, the question before a reuse (Reuse Criteria, Reuse Logged Segment): asked, from the domain,
only when the segment already has criteria actions; the TUI shows it, the CLI refuses on the
same condition unless confirmed (--yes)."""
import datetime

import pytest
from tests.support.crm import LOGGED_ENTRY, build_crm

from segtui.domain.errors import DomainError
from segtui.domain.segments import saved_criteria, selection
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment

USER = "TESTER"


@pytest.fixture
def crm(database):
    build_crm()
    source = new_segment()
    selection.add_contacts(source, parse_criteria(["industry=RETAIL"]), user=USER)
    saved_criteria.save_criteria(source, "RETAIL", user=USER)
    return database


def new_segment() -> str:
    return create_segment(user=USER, description="Reuse", template="LETTER", salesperson="AH",
                          date=datetime.date(2026, 1, 15))


def test_no_question_on_a_segment_without_criteria_actions(crm):
    segment_no = new_segment()
    assert saved_criteria.reuse_criteria_question(segment_no) is None
    assert selection.reuse_logged_question(segment_no.lower()) is None
    assert len(saved_criteria.reuse_criteria(segment_no, "RETAIL", user=USER)) == 1


def test_the_question_names_the_segment_its_actions_and_what_is_reused(crm):
    segment_no = new_segment()
    selection.add_contacts(segment_no, parse_criteria(["contact.no=P-GUS"]), user=USER)
    selection.add_contacts(segment_no, parse_criteria(["contact.no=P-FRIDA"]), user=USER)
    question = saved_criteria.reuse_criteria_question(f" {segment_no.lower()} ")
    assert question.text == (f"Segment {segment_no} already contains 2 No. of Criteria "
                             "Actions. Are you sure you want to reuse a Saved Segment "
                             "Criteria?")
    assert selection.reuse_logged_question(segment_no).text.endswith(
        "reuse a Logged Segment?")


def test_where_a_question_is_asked_an_unconfirmed_reuse_is_refused(crm):
    segment_no = new_segment()
    selection.add_contacts(segment_no, parse_criteria(["contact.no=P-GUS"]), user=USER)
    assert saved_criteria.reuse_criteria_question(segment_no) is not None
    with pytest.raises(DomainError, match="already contains 1 criteria actions.*--yes"):
        saved_criteria.reuse_criteria(segment_no, "RETAIL", user=USER)
    with pytest.raises(DomainError, match="already contains 1 criteria actions"):
        selection.reuse_logged_segment(segment_no, LOGGED_ENTRY, user=USER)
    assert selection.action_count(segment_no) == 1
    saved_criteria.reuse_criteria(segment_no, "RETAIL", user=USER, confirmed=True)
    assert selection.action_count(segment_no) == 2


def test_an_unknown_segment_is_refused_by_the_question_too(crm):
    with pytest.raises(DomainError, match="does not exist"):
        saved_criteria.reuse_criteria_question("NOSUCH")
