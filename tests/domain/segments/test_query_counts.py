"""The segment actions are set-based: their number of SQL statements does not grow with the lines.

Add Contacts, Reduce, Refine, Go Back and Log (with and without a follow-up segment) each run
on a segment of 5 contacts and on one of 200; both must send the same number of statements, and
no more than a fixed bound. A page of segment lines is one statement whatever the segment's
size. An action turned into a loop over its lines fails here (see the last test: the counter
does see such a loop). Runs on every backend of `database` (PostgreSQL adds its ANALYZE
statements, as many for either size).
"""
import datetime

import pytest
from tests.support.crm import USER
from tests.support.statements import statements

from segtui.domain.segments import headers
from segtui.domain.segments import log_segment
from segtui.domain.segments import selection
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.line_pages import SegmentLinePageSource
from segtui.store.enums import ContactType, CorrespondenceType, CriteriaAction
from segtui.store.models import Contact, ContactMailingGroup, SegmentLine

SMALL, LARGE = 5, 200
SPRING = datetime.date(2026, 4, 1)


@pytest.fixture
def bulk(crm):
    """The CRM with 5 contacts S5-0000… and 200 contacts S200-0000…; every other one is in the
    XMAS mailing group."""
    for size in (SMALL, LARGE):
        numbers = [f"S{size}-{index:04d}" for index in range(size)]
        Contact.insert_many([dict(
            no=no, type=ContactType.PERSON, name=f"Bulk {no}", search_name=f"BULK {no}",
            company_name="", correspondence_type=CorrespondenceType.HARD_COPY,
            language_code="ENU", email=f"{no.lower()}@example.com") for no in numbers]).execute()
        ContactMailingGroup.insert_many(
            [(no, "XMAS") for no in numbers[::2]],
            fields=[ContactMailingGroup.contact, ContactMailingGroup.mailing_group]).execute()
    return crm


def new_segment() -> str:
    """A segment ready to log: template, salesperson, campaign and date on the header."""
    return headers.create_segment(user=USER, description="Bulk letter", template="LETTER",
                                  salesperson="AH", campaign="CP-SPRING", date=SPRING)


def filled_segment(size: int) -> str:
    """A segment with one line for each of the `size` bulk contacts."""
    segment_no = new_segment()
    selection.add_contacts(segment_no, parse_criteria([f"contact.no=S{size}-*"]), user=USER)
    return segment_no


XMAS = ["mailing.code=XMAS"]


def reduced_segment(size: int) -> str:
    segment_no = filled_segment(size)
    selection.remove_contacts(segment_no, CriteriaAction.REDUCE, parse_criteria(XMAS), user=USER)
    return segment_no


def per_size(prepare, action, changed) -> dict[int, int]:
    """The statements `action(segment_no)` sends on a segment `prepare(size)` made, by size;
    `changed(size, result)` says whether the action did touch the lines of that size."""
    sent_by_size = {}
    for size in (SMALL, LARGE):
        segment_no = prepare(size)
        with statements() as sent:
            result = action(segment_no)
        assert changed(size, result), (size, result)
        sent_by_size[size] = sent.count
    return sent_by_size


def xmas(size: int) -> int:
    """How many bulk contacts of a size are in the XMAS mailing group."""
    return (size + 1) // 2


ACTIONS = {
    "add contacts": (
        lambda size: new_segment(),
        lambda segment_no: selection.add_contacts(
            segment_no, parse_criteria(["contact.no=S*"]), user=USER),
        lambda size, result: result.count == SMALL + LARGE,
        15),
    "reduce": (
        filled_segment,
        lambda segment_no: selection.remove_contacts(
            segment_no, CriteriaAction.REDUCE, parse_criteria(XMAS), user=USER),
        lambda size, result: result.count == xmas(size),
        15),
    "refine": (
        filled_segment,
        lambda segment_no: selection.remove_contacts(
            segment_no, CriteriaAction.REFINE, parse_criteria(XMAS), user=USER),
        lambda size, result: result.count == size - xmas(size),
        15),
    "go back after add": (
        filled_segment,
        selection.go_back,
        lambda size, result: result.count == size,
        15),
    "go back after reduce": (
        reduced_segment,
        selection.go_back,
        lambda size, result: result.count == xmas(size),
        15),
    "log": (
        filled_segment,
        lambda segment_no: log_segment.log_segment(segment_no, user=USER),
        lambda size, result: result.entries == size,
        45),
    "log with a follow-up segment": (
        filled_segment,
        lambda segment_no: log_segment.log_segment(segment_no, user=USER, follow_up=True),
        lambda size, result: result.entries == size and SegmentLine.select().where(
            SegmentLine.segment == result.follow_up_segment_no).count() == size,
        90),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_an_action_sends_as_many_statements_for_200_lines_as_for_5(bulk, name):
    prepare, action, changed, bound = ACTIONS[name]
    sent = per_size(prepare, action, changed)
    assert sent[SMALL] == sent[LARGE], sent
    assert 0 < sent[LARGE] <= bound, sent


def test_add_with_every_option_sends_as_many_statements_for_200_lines_as_for_5(bulk):
    options = selection.AddOptions(allow_existing=True, expand_companies=True,
                                   related_companies=True, ignore_exclusion=True)
    sent = per_size(
        filled_segment,
        lambda segment_no: selection.add_contacts(
            segment_no, parse_criteria(["contact.no=S*", "mailing.code=XMAS"]), user=USER,
            options=options),
        lambda size, result: result.count == xmas(SMALL) + xmas(LARGE))
    assert sent[SMALL] == sent[LARGE] <= 15, sent


def test_a_page_of_lines_is_one_statement_whatever_the_segment_size(bulk):
    sent_by_size = {}
    for size in (SMALL, LARGE):
        source = SegmentLinePageSource(filled_segment(size))
        with statements() as opened:
            first = source.first(3)  # the first page also reads the header and criteria, once
        middle = source.key(first[-1])
        pages = []
        reads = (lambda source=source, middle=middle: source.after(middle, 3),
                 lambda source=source, middle=middle: source.before(middle, 3),
                 lambda source=source: source.last(3), source.count)
        for read in reads:
            with statements() as sent:
                read()
            pages.append(sent.count)
            assert "OFFSET" not in sent.sql[0]
        assert pages == [1, 1, 1, 1], pages
        sent_by_size[size] = opened.count
    assert sent_by_size[SMALL] == sent_by_size[LARGE] <= 3, sent_by_size


def test_the_counter_catches_a_loop_over_the_lines(bulk):
    """What these tests guard against: a loop of saves sends one statement more per line."""
    def save_each_line(segment_no: str) -> int:
        lines = list(SegmentLine.select().where(SegmentLine.segment == segment_no))
        for line in lines:
            line.save()
        return len(lines)

    sent = per_size(filled_segment, save_each_line, lambda size, saved: saved == size)
    assert sent[LARGE] - sent[SMALL] == LARGE - SMALL
