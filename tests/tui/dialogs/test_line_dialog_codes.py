"""The line dialog saves through the same use case as `segment set-line` (lines.save_line_fields):
a code the header would refuse is refused there too, in one line, and the line keeps its
value."""
import datetime

import pytest
from tests.support.crm import build_crm

from segtui.domain.errors import DomainError
from segtui.domain.segments.lines import add_line, read_line, save_line_fields
from segtui.domain.segments.headers import create_segment

USER = "TESTER"


def save_line_field(segment_no: str, line_no: int, attr: str, text: str, *, user: str):
    """One field saved as the line dialog saves it; its value as read back."""
    return save_line_fields(segment_no, line_no, {attr: text}, user=user)[
        {"salesperson": "salesperson_code"}.get(attr, attr)]


@pytest.fixture
def line(sqlite_database):
    build_crm()
    segment_no = create_segment(user=USER, description="Codes", template="LETTER",
                                date=datetime.date(2026, 1, 15))
    return segment_no, add_line(segment_no, "P-ANNA", user=USER)


@pytest.mark.parametrize("attr,text,says", [
    ("language_code", "XX", "language XX does not exist"),
    ("language_code", "A" * 11, "longer than 10"),
    ("salesperson", "BL", "blocked"),
    ("evaluation", "-", "is not one of"),
    ("correspondence_type", "😀", "is not one of")])
def test_the_line_dialog_refuses_what_the_header_refuses(line, attr, text, says):
    segment_no, line_no = line
    before = read_line(segment_no, line_no)
    with pytest.raises(DomainError, match=says) as refused:
        save_line_field(segment_no, line_no, attr, text, user=USER)
    assert "\n" not in str(refused.value)
    assert read_line(segment_no, line_no) == before


def test_the_line_dialog_takes_a_swedish_option_label(line):
    segment_no, line_no = line
    assert save_line_field(segment_no, line_no, "correspondence_type", "Utskrift",
                           user=USER) == "Hard Copy"
    assert save_line_field(segment_no, line_no, "evaluation", "Mycket positiv",
                           user=USER) == "Very Positive"
