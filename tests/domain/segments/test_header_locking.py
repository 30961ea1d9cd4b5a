"""Optimistic locking of the segment header: a save based on an older version is refused."""
import pytest

from segtui.domain.errors import DomainError
from segtui.domain.segments.headers import change_header, create_segment, get_segment


def test_a_save_over_a_newer_version_is_refused_and_writes_nothing(crm):
    segment_no = create_segment(user="ANNA", description="Spring", salesperson="AH")
    seen = get_segment(segment_no).version
    change_header(segment_no, "description", "Summer", user="BERT", expected_version=seen)
    assert get_segment(segment_no).version == seen + 1
    with pytest.raises(DomainError, match=rf"segment {segment_no} was changed by BERT at "
                                          r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d; reload"):
        change_header(segment_no, "description", "Autumn", user="ANNA", expected_version=seen)
    header = get_segment(segment_no)
    assert (header.description, header.version, header.modified_by) == (
        "Summer", seen + 1, "BERT")
    change_header(segment_no, "description", "Autumn", user="ANNA",
                  expected_version=header.version)
    assert get_segment(segment_no).description == "Autumn"
