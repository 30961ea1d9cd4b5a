"""Apply Mailing Group (S-10, X8): give every contact of a segment a mailing group.

One INSERT … SELECT for the whole segment (contacts that have the group already are skipped),
optionally after removing the group from every contact ("Delete Old Assignments"); all or nothing.
"""
from dataclasses import dataclass

from peewee import Value

from segtui.domain.errors import DomainError
from segtui.domain.segments.headers import get_segment
from segtui.domain.values import parse_code
from segtui.i18n import _
from segtui.store.connection import write_transaction
from segtui.store.models import ContactMailingGroup, MailingGroup, SegmentLine


@dataclass(frozen=True)
class MailingGroupResult:
    """What Apply Mailing Group did: the group, the segment, assignments added and removed."""
    mailing_group: str
    segment_no: str
    added: int
    removed: int

    @property
    def message(self) -> str:
        return _("Mailing Group {code} is now applied to Segment {no}.").format(
            code=self.mailing_group, no=self.segment_no)


@dataclass(frozen=True)
class MailingGroupSize:
    """What Apply Mailing Group would touch, for the question asked before it runs."""
    mailing_group: str
    lines: int
    """Lines of the segment with a contact."""
    contacts: int
    """Contacts of those lines that do not have the group yet: they get it."""
    holders: int
    """Contacts that have the group now: "Delete Old Assignments" takes it from them first."""


def _mailing_group_code(code: str) -> str:
    code = parse_code(_("Mailing Group Code"), code, 10)
    if not code or not MailingGroup.select().where(MailingGroup.code == code).exists():
        raise DomainError(_("Specify a Mailing Group Code.") + " " + (
            _("Mailing group {code} does not exist.").format(code=code) if code else ""))
    return code


def apply_mailing_group_size(segment_no: str, code: str) -> MailingGroupSize:
    """How many lines and contacts applying mailing group `code` to the segment concerns."""
    code = _mailing_group_code(code)
    header = get_segment(segment_no)
    having = ContactMailingGroup.select(ContactMailingGroup.contact).where(
        ContactMailingGroup.mailing_group == code)
    with_contact = SegmentLine.select().where((SegmentLine.segment == header.no)
                                              & SegmentLine.contact.is_null(False))
    contacts = (SegmentLine.select(SegmentLine.contact).distinct()
                .where((SegmentLine.segment == header.no) & SegmentLine.contact.is_null(False)
                       & SegmentLine.contact.not_in(having)))
    return MailingGroupSize(code, with_contact.count(), contacts.count(), having.count())


def apply_mailing_group(segment_no: str, code: str, *,
                        delete_old_assignments: bool = False) -> MailingGroupResult:
    """Add mailing group `code` to the contact of every line (skipping those that have it);
    with `delete_old_assignments`, first take it from all contacts."""
    code = _mailing_group_code(code)
    with write_transaction():
        header = get_segment(segment_no)
        removed = 0
        if delete_old_assignments:
            removed = ContactMailingGroup.delete().where(
                ContactMailingGroup.mailing_group == code).execute()
        having = ContactMailingGroup.select(ContactMailingGroup.contact).where(
            ContactMailingGroup.mailing_group == code)
        contacts = (SegmentLine.select(SegmentLine.contact, Value(code)).distinct()
                    .where((SegmentLine.segment == header.no)
                           & SegmentLine.contact.is_null(False)
                           & SegmentLine.contact.not_in(having)))
        added = ContactMailingGroup.insert_from(
            contacts, [ContactMailingGroup.contact, ContactMailingGroup.mailing_group]
        ).as_rowcount().execute()
    return MailingGroupResult(code, header.no, added, removed)
