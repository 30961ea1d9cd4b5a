"""SL6, SL7: adding a contact by hand is allowed, but a duplicate or an excluded contact is
named first so the person can think again."""
import pytest

from segtui.domain.errors import DomainError
from segtui.domain.segments.lines import add_line, add_line_warnings
from segtui.domain.segments.headers import create_segment

USER = "TESTER"


def test_a_new_contact_has_no_warning(crm):
    segment_no = create_segment(user=USER, template="LETTER")
    assert add_line_warnings(segment_no, "P-ANNA") == []


def test_SL6_a_contact_already_on_a_line_is_named_with_the_line(crm):
    segment_no = create_segment(user=USER, template="LETTER")
    line_no = add_line(segment_no, "P-ANNA", user=USER)
    assert add_line_warnings(segment_no, "p-anna") == [
        f"contact P-ANNA is already on line {line_no} of segment {segment_no}"]


def test_SL7_an_excluded_contact_is_named(crm):
    segment_no = create_segment(user=USER, template="LETTER")
    assert add_line_warnings(segment_no, "P-EMIL") == ["contact P-EMIL has Exclude from Segment"]


def test_an_unknown_contact_is_refused_as_adding_would_be(crm):
    segment_no = create_segment(user=USER, template="LETTER")
    with pytest.raises(DomainError, match="contact NOBODY does not exist"):
        add_line_warnings(segment_no, "NOBODY")
