"""S-10 Apply Mailing Group: every line's contact gets the group, once; old assignments optional."""
import pytest
from tests.support.documents import letter_segment

from segtui.domain.errors import DomainError
from segtui.domain.segments.mailing_groups import apply_mailing_group, apply_mailing_group_size
from segtui.store.models import ContactMailingGroup


def members(code: str) -> set[str]:
    return {row.contact for row in ContactMailingGroup.select().where(
        ContactMailingGroup.mailing_group == code)}


def test_every_contact_of_the_segment_gets_the_group_once(crm):
    before = members("XMAS")
    segment_no = letter_segment("P-ANNA", "P-BERT", "P-ANNA", "C-BOLT")
    result = apply_mailing_group(segment_no, "xmas")
    assert members("XMAS") == before | {"P-ANNA", "P-BERT", "C-BOLT"}
    assert result.added == len({"P-ANNA", "P-BERT", "C-BOLT"} - before)
    assert result.message == f"Mailing Group XMAS is now applied to Segment {segment_no}."
    again = apply_mailing_group(segment_no, "XMAS")
    assert again.added == 0 and members("XMAS") == before | {"P-ANNA", "P-BERT", "C-BOLT"}


def test_delete_old_assignments_leaves_only_the_segment_contacts(crm):
    assert members("NEWSLETTER") - {"P-BERT", "P-DORA"}  # others have it before
    segment_no = letter_segment("P-BERT", "P-DORA")
    result = apply_mailing_group(segment_no, "NEWSLETTER", delete_old_assignments=True)
    assert members("NEWSLETTER") == {"P-BERT", "P-DORA"}
    assert result.removed > 0


def test_the_size_says_what_applying_would_touch_and_writes_nothing(crm):
    before = members("XMAS")
    segment_no = letter_segment("P-ANNA", "P-BERT", "P-ANNA", "C-BOLT")
    size = apply_mailing_group_size(segment_no, "xmas")
    assert (size.mailing_group, size.lines) == ("XMAS", 4)
    assert size.contacts == len({"P-ANNA", "P-BERT", "C-BOLT"} - before)
    assert size.holders == len(before)
    assert members("XMAS") == before
    assert apply_mailing_group(segment_no, "XMAS").added == size.contacts
    with pytest.raises(DomainError, match="Specify a Mailing Group Code"):
        apply_mailing_group_size(segment_no, "NOPE")


@pytest.mark.parametrize("code", ["", "NOPE"])
def test_the_group_must_exist(crm, code):
    segment_no = letter_segment("P-BERT")
    before = members("XMAS")
    with pytest.raises(DomainError, match="Specify a Mailing Group Code"):
        apply_mailing_group(segment_no, code)
    assert members("XMAS") == before
