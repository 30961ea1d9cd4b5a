"""Lines that cannot reach their contact: an E-mail line whose contact has no e-mail address, a
Fax line without a fax number (L8, L9). The log downgrades them, or refuses to deliver them;
these use cases say why per contact and fix them all at once — switch them to Hard Copy, or
take them off the segment — each in one transaction of set-based statements, for the Log dialog
and `segtui segment no-address`.
"""
from dataclasses import dataclass

from peewee import fn

from segtui.domain.segments.criteria_sources import CriteriaSet, parse_criterion
from segtui.domain.segments.headers import get_segment
from segtui.domain.segments.line_builder import remove_lines
from segtui.domain.segments.own_fields import Own, with_own
from segtui.domain.segments.lines import reset_criteria_if_empty
from segtui.domain.segments.selection import record_action
from segtui.i18n import _
from segtui.store.connection import write_transaction
from segtui.store.enums import ActionOrigin, CorrespondenceType, CriteriaAction
from segtui.store.models import Contact, SegmentLine

EMAIL, FAX = CorrespondenceType.EMAIL, CorrespondenceType.FAX


@dataclass(frozen=True)
class NoAddressLine:
    """A line without the address its correspondence type needs, and why."""
    line_no: int
    contact_no: str
    reason: str


def without_address():
    """An Email line whose contact has no e-mail, or a Fax line without a fax number (a
    condition on SegmentLine joined to its Contact)."""
    email = fn.COALESCE(Contact.email, "")
    fax = fn.COALESCE(Contact.fax_no, "")
    return (((SegmentLine.correspondence_type == EMAIL) & (email == ""))
            | ((SegmentLine.correspondence_type == FAX) & (fax == "")))


def _lines_without_address(segment_no: str):
    """The same condition without a join, for UPDATE and DELETE: the line's contact is one of
    those without the address."""
    no_email = Contact.select(Contact.no).where(fn.COALESCE(Contact.email, "") == "")
    no_fax = Contact.select(Contact.no).where(fn.COALESCE(Contact.fax_no, "") == "")
    return ((SegmentLine.segment == segment_no) & SegmentLine.contact.is_null(False)
            & (((SegmentLine.correspondence_type == EMAIL) & SegmentLine.contact.in_(no_email))
               | ((SegmentLine.correspondence_type == FAX) & SegmentLine.contact.in_(no_fax))))


def reason(line_type: int, preferred: int) -> str:
    """Why a line cannot reach its contact: what the contact prefers, when the line's type is
    that preference (it came from the contact card), else the line's own type."""
    if line_type == EMAIL:
        return (_("prefers E-mail, has no e-mail address") if preferred == EMAIL
                else _("E-mail line, the contact has no e-mail address"))
    return (_("prefers Fax, has no fax number") if preferred == FAX
            else _("Fax line, the contact has no fax number"))


def notes(lines) -> list[NoAddressLine]:
    """Per line of `lines` (a SegmentLine query joined to Contact) that lacks its address: the
    line, the contact and the reason, by line no."""
    rows = (lines.select(SegmentLine.line_no, SegmentLine.contact,
                         SegmentLine.correspondence_type, Contact.correspondence_type)
            .where(without_address()).order_by(SegmentLine.line_no).tuples())
    return [NoAddressLine(line_no, contact_no or "", reason(line_type, preferred))
            for line_no, contact_no, line_type, preferred in rows]


def no_address_lines(segment_no: str) -> list[NoAddressLine]:
    """The segment's lines without the address their correspondence type needs."""
    header = get_segment(segment_no)
    return notes(SegmentLine.select()
                 .join(Contact, on=(Contact.no == SegmentLine.contact))
                 .where((SegmentLine.segment == header.no)
                        & SegmentLine.contact.is_null(False)))


def switch_to_hard_copy(segment_no: str) -> int:
    """Give every line without its address the correspondence type Hard Copy (a letter to the
    contact's postal address); returns how many lines changed."""
    with write_transaction():
        header = get_segment(segment_no)  # locks the header: no log meanwhile
        # the person chose it for these lines: their own from now on (P7)
        return (SegmentLine.update(correspondence_type=CorrespondenceType.HARD_COPY,
                                   own_fields=with_own(SegmentLine.own_fields,
                                                       Own.CORRESPONDENCE_TYPE))
                .where(_lines_without_address(header.no)).execute())


def remove_no_address_lines(segment_no: str, *, user: str) -> int:
    """Take every line without its address off the segment, as one manual Reduce that Go Back
    undoes (M-18); M-43 resets the criteria when the segment becomes empty. Returns how many
    lines went."""
    with write_transaction():
        header = get_segment(segment_no)
        condition = _lines_without_address(header.no)
        contacts = [no for (no,) in SegmentLine.select(SegmentLine.contact).where(condition)
                    .distinct().order_by(SegmentLine.contact).tuples()]
        if not contacts:
            return 0
        listed = "|".join(f"'{no}'" for no in contacts)
        action_no = record_action(header.no, CriteriaAction.REDUCE,
                                  CriteriaSet.of([parse_criterion(f"contact.no={listed}")]),
                                  user=user, origin=ActionOrigin.MANUAL)
        removed = remove_lines(header.no, action_no, condition)
        reset_criteria_if_empty(header.no)
        return removed

