"""Set operations between segments: the `segment` source adds or removes the contacts of another
open segment, `interaction.logged_segment` those of a logged one; Go Back and saved criteria
replay them."""
import datetime

import pytest
from tests.support.crm import LOGGED_ENTRY, USER

from segtui.domain.segments import headers as segments
from segtui.domain.segments.selection import AddOptions, add_contacts, go_back, remove_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.errors import DomainError
from segtui.domain.segments.saved_criteria import reuse_criteria, save_criteria
from segtui.store.enums import CriteriaAction
from segtui.store.models import SegmentLine


def new_segment() -> str:
    return segments.create_segment(user=USER, description="Set ops", template="LETTER",
                                   salesperson="AH", date=datetime.date(2026, 1, 15))


def contacts(segment_no: str) -> set[str]:
    return {row[0] for row in SegmentLine.select(SegmentLine.contact)
            .where(SegmentLine.segment == segment_no).tuples()}


def lines(segment_no: str) -> list[tuple]:
    return sorted(SegmentLine.select().where(SegmentLine.segment == segment_no).tuples())


def test_add_the_contacts_of_another_open_segment(crm):
    first, second = new_segment(), new_segment()
    add_contacts(second, parse_criteria(["contact.no=P-ANNA|P-GUS"]), user=USER)
    add_contacts(first, parse_criteria(["contact.no=P-ANNA|C-BOLT"]), user=USER)

    result = add_contacts(first, parse_criteria([f"segment={second.lower()}"]), user=USER)

    assert result.count == 1  # P-ANNA is already there
    assert contacts(first) == {"P-ANNA", "C-BOLT", "P-GUS"}
    go_back(first)
    assert contacts(first) == {"P-ANNA", "C-BOLT"}


def test_reduce_by_a_logged_segment_and_go_back_restores_exactly(crm):
    segment_no = new_segment()
    add_contacts(segment_no, parse_criteria(["contact.no=P-ANNA|P-BERT|P-FRIDA|P-GUS"]),
                 user=USER)
    before = lines(segment_no)

    criteria = parse_criteria([f"interaction.logged_segment={LOGGED_ENTRY}",
                               "interaction.canceled=No"])
    result = remove_contacts(segment_no, CriteriaAction.REDUCE, criteria, user=USER)

    # P-FRIDA's entry of the logged segment is canceled: she was not written to.
    assert result.count == 2
    assert contacts(segment_no) == {"P-FRIDA", "P-GUS"}
    go_back(segment_no)
    assert lines(segment_no) == before


def test_saved_criteria_replay_the_set_operations(crm):
    source, target = new_segment(), new_segment()
    add_contacts(source, parse_criteria(["contact.no=P-DORA|P-ANNA"]), user=USER)
    built = new_segment()
    add_contacts(built, parse_criteria([f"segment={source}"]), user=USER)
    remove_contacts(built, CriteriaAction.REDUCE,
                    parse_criteria([f"interaction.logged_segment={LOGGED_ENTRY}"]), user=USER)
    assert contacts(built) == {"P-DORA"}
    code = save_criteria(built, "SETOPS", user=USER)

    reuse_criteria(target, code, user=USER)

    assert contacts(target) == {"P-DORA"}


def test_adding_a_segment_to_itself_adds_nothing_unless_existing_are_allowed(crm):
    segment_no = new_segment()
    add_contacts(segment_no, parse_criteria(["contact.no=P-ANNA|P-GUS"]), user=USER)
    criteria = parse_criteria([f"segment={segment_no}"])
    assert add_contacts(segment_no, criteria, user=USER).count == 0
    result = add_contacts(segment_no, criteria, user=USER,
                          options=AddOptions(allow_existing=True))
    assert result.count == 2 and len(lines(segment_no)) == 4


def test_unknown_segment_or_logged_segment_is_refused(crm):
    with pytest.raises(DomainError, match="segment SEG09999 does not exist"):
        parse_criteria(["segment=SEG09999"])
    with pytest.raises(DomainError, match="logged segment 99 does not exist"):
        parse_criteria(["interaction.logged_segment=99"])
