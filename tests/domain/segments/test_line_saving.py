"""Saving a line's fields with compare-and-set (lines.save_line_fields), the use case of the Line
dialog and of `segment set-line`: a field someone else changed since it was read is refused in
one line and nothing of the save is written; fields are saved all or nothing."""
import datetime
from decimal import Decimal

import pytest
from tests.support.crm import build_crm

from segtui.domain.errors import DomainError
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.lines import (
    CONTACT, add_line, get_line, read_line, save_line_fields, set_line_field)
from segtui.domain.segments.queries import line_rows

USER = "TESTER"


@pytest.fixture
def segment(database):
    """A LETTER segment with lines for P-ANNA and P-BERT, on each backend."""
    build_crm()
    segment_no = create_segment(user=USER, description="Spring", template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, 15))
    for contact_no in ("P-ANNA", "P-BERT"):
        add_line(segment_no, contact_no, user=USER)
    return segment_no


def line_of(segment_no: str, contact_no: str) -> int:
    return next(row["line_no"] for row in line_rows(segment_no)
                if row["contact_no"] == contact_no)


def contacts(segment_no: str) -> list[str]:
    return [row["contact_no"] for row in line_rows(segment_no)]


def test_a_field_changed_meanwhile_is_refused_and_nothing_is_written(segment):
    line_no = line_of(segment, "P-ANNA")
    seen = read_line(segment, line_no)
    set_line_field(segment, line_no, "cost", Decimal("9"))  # someone else, meanwhile
    with pytest.raises(DomainError, match="Cost .* changed meanwhile to “9") as refused:
        save_line_fields(segment, line_no, {"description": "Mine", "cost": "1"}, user=USER,
                         started_from={"description": seen["description"],
                                       "cost": seen["cost"]})
    assert "\n" not in str(refused.value)
    line = get_line(segment, line_no)
    assert (line.cost, line.description) == (Decimal("9"), seen["description"])
    with pytest.raises(DomainError, match="Contact No. of line .* changed meanwhile"):
        save_line_fields(segment, line_no, {CONTACT: "P-CARL"}, user=USER,
                         started_from={CONTACT: "P-SOMEONE-ELSE"})
    assert contacts(segment) == ["P-ANNA", "P-BERT"]


def test_an_unchanged_field_is_saved_and_the_line_read_back(segment):
    line_no = line_of(segment, "P-ANNA")
    seen = read_line(segment, line_no)
    row = save_line_fields(segment, line_no, {"cost": "1"}, user=USER,
                           started_from={"cost": seen["cost"]})
    assert get_line(segment, line_no).cost == Decimal("1")
    assert row == read_line(segment, line_no) and row["cost"] != seen["cost"]


def test_the_fields_are_saved_all_or_nothing(segment):
    line_no = line_of(segment, "P-BERT")
    before = read_line(segment, line_no)
    with pytest.raises(DomainError, match="does not exist"):
        save_line_fields(segment, line_no, [("cost", "3"), ("salesperson", "NOBODY")],
                         user=USER)
    assert read_line(segment, line_no) == before
    save_line_fields(segment, line_no, [("cost", "3"), ("description", "Both")], user=USER)
    line = get_line(segment, line_no)
    assert (line.cost, line.description) == (Decimal("3"), "Both")


def test_without_an_expectation_the_save_overwrites(segment):
    line_no = line_of(segment, "P-BERT")
    set_line_field(segment, line_no, "description", "Theirs")
    save_line_fields(segment, line_no, {"description": "Mine"}, user=USER)
    assert get_line(segment, line_no).description == "Mine"
