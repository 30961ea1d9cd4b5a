"""Lines that cannot reach their contact (L8, L9): the reason per contact, and the two fixes the
Log dialog and `segment no-address` offer — all such lines to Hard Copy, or off the segment (a
Reduce that Go Back undoes). SQLite, and PostgreSQL with SEGTUI_TEST_PG."""
import pytest
from tests.support.crm import USER
from tests.support.documents import letter_segment

from segtui.domain.errors import DomainError
from segtui.domain.segments import log_segment, no_address, selection
from segtui.domain.segments import lines as segment_lines
from segtui.store.enums import CorrespondenceType
from segtui.store.models import Contact, SegmentCriteriaLine, SegmentLine

HARD_COPY, EMAIL, FAX = (CorrespondenceType.HARD_COPY, CorrespondenceType.EMAIL,
                         CorrespondenceType.FAX)


def types(segment_no: str) -> dict[str, int]:
    return {contact: kind for contact, kind in SegmentLine.select(
        SegmentLine.contact, SegmentLine.correspondence_type)
        .where(SegmentLine.segment == segment_no).tuples()}


def set_type(segment_no: str, contact_no: str, kind: CorrespondenceType) -> None:
    """The person gives the contact's line that type (so it is the line's own, P7)."""
    line_no = SegmentLine.get((SegmentLine.segment == segment_no)
                              & (SegmentLine.contact == contact_no)).line_no
    segment_lines.set_line_field(segment_no, line_no, "correspondence_type", kind)


@pytest.fixture
def unreachable(crm):
    """P-GUS prefers E-mail and has no address; P-ANNA prefers E-mail and has one; P-CARL
    prefers Hard Copy but is on a Fax line without a fax number; P-DORA has no preference, so
    the LETTER template gives her Hard Copy."""
    Contact.update(email="").where(Contact.no.in_(["P-GUS"])).execute()
    segment_no = letter_segment("P-ANNA", "P-GUS", "P-CARL", "P-DORA")
    set_type(segment_no, "P-CARL", FAX)
    Contact.update(fax_no="").where(Contact.no == "P-CARL").execute()
    return segment_no


def test_the_reason_says_what_the_contact_prefers_and_lacks(unreachable):
    assert types(unreachable) == {"P-ANNA": EMAIL, "P-GUS": EMAIL, "P-CARL": FAX,
                                  "P-DORA": HARD_COPY}
    assert [(line.contact_no, line.reason) for line in no_address.no_address_lines(unreachable)] \
        == [("P-GUS", "prefers E-mail, has no e-mail address"),
            ("P-CARL", "Fax line, the contact has no fax number")]
    blocked = log_segment.preflight(unreachable, deliver=True)
    assert [(note.contact_no, note.reason) for note in blocked.blocking] == [
        ("P-GUS", "prefers E-mail, has no e-mail address"),
        ("P-CARL", "Fax line, the contact has no fax number")]
    assert blocked.without_address == 2
    downgraded = log_segment.preflight(unreachable)
    assert [note.contact_no for note in downgraded.downgraded] == ["P-GUS", "P-CARL"]
    assert downgraded.without_address == 2


def test_the_reason_for_a_line_whose_type_is_not_the_contacts_preference(crm):
    Contact.update(email="").where(Contact.no == "P-CARL").execute()   # prefers Hard Copy
    Contact.update(fax_no="").where(Contact.no == "P-GUS").execute()   # prefers E-mail
    segment_no = letter_segment("P-CARL", "P-GUS")
    set_type(segment_no, "P-CARL", EMAIL)
    set_type(segment_no, "P-GUS", FAX)
    assert [line.reason for line in no_address.no_address_lines(segment_no)] == [
        "E-mail line, the contact has no e-mail address",
        "Fax line, the contact has no fax number"]


def test_switch_to_hard_copy_changes_only_those_lines(unreachable):
    assert no_address.switch_to_hard_copy(unreachable) == 2
    assert types(unreachable) == {"P-ANNA": EMAIL, "P-GUS": HARD_COPY, "P-CARL": HARD_COPY,
                                  "P-DORA": HARD_COPY}
    report = log_segment.preflight(unreachable, deliver=True)
    assert report.blocking == [] and report.without_address == 0
    assert no_address.no_address_lines(unreachable) == []
    assert no_address.switch_to_hard_copy(unreachable) == 0


def test_remove_takes_them_off_as_one_reduce_that_go_back_undoes(unreachable):
    actions = SegmentCriteriaLine.select().where(SegmentCriteriaLine.segment == unreachable)
    before = actions.count()
    assert no_address.remove_no_address_lines(unreachable, user=USER) == 2
    assert set(types(unreachable)) == {"P-ANNA", "P-DORA"}
    assert actions.count() == before + 2       # one Action row and its Filter row
    assert no_address.remove_no_address_lines(unreachable, user=USER) == 0
    selection.go_back(unreachable)
    assert types(unreachable) == {"P-ANNA": EMAIL, "P-GUS": EMAIL, "P-CARL": FAX,
                                  "P-DORA": HARD_COPY}


def test_a_contact_on_two_lines_loses_only_the_unreachable_one(unreachable):
    line_no = segment_lines.add_line(unreachable, "P-GUS", user=USER)
    SegmentLine.update(correspondence_type=HARD_COPY).where(
        (SegmentLine.segment == unreachable) & (SegmentLine.line_no == line_no)).execute()
    assert no_address.remove_no_address_lines(unreachable, user=USER) == 2
    assert [no for (no,) in SegmentLine.select(SegmentLine.line_no).where(
        (SegmentLine.segment == unreachable) & (SegmentLine.contact == "P-GUS")).tuples()] \
        == [line_no]


@pytest.mark.parametrize("use_case", [
    no_address.switch_to_hard_copy,
    lambda segment_no: no_address.remove_no_address_lines(segment_no, user=USER)])
def test_an_unknown_segment_is_refused(crm, use_case):
    with pytest.raises(DomainError):
        use_case("NO-SUCH")
