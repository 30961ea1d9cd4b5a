"""Changes to contact records that segments care about (SL8, SL9, M-44)."""
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.store.connection import write_transaction
from segtui.store.models import Contact, InteractionLogEntry, SegmentLine, SegmentLineRemoved
from segtui.domain.values import normal_code


def delete_contact(contact_no: str) -> None:
    """Delete a contact and its classification; refused while it is on an unlogged segment
    (M-44), while it has interaction history, or while a company still has persons."""
    contact_no = normal_code(contact_no)
    with write_transaction():
        contact = Contact.get_or_none(Contact.no == contact_no)
        if contact is None:
            raise DomainError(_("contact {contact_no} does not exist").format(
                contact_no=contact_no))
        segments = sorted({row[0] for row in SegmentLine.select(SegmentLine.segment)
                           .where(SegmentLine.contact == contact_no).tuples()}
                          | {row[0] for row in SegmentLineRemoved.select(SegmentLineRemoved.segment)
                             .where(SegmentLineRemoved.contact == contact_no).tuples()})
        if segments:
            raise DomainError(_("you cannot delete contact {contact_no} because it is assigned to "
                                "unlogged segments: {segments}").format(
                                    contact_no=contact_no, segments=", ".join(segments)))
        entries = InteractionLogEntry.select().where(
            InteractionLogEntry.contact_no == contact_no).count()
        if entries:
            raise DomainError(_("you cannot delete contact {contact_no} because it has {entries} "
                                "interaction log entries").format(
                                    contact_no=contact_no, entries=entries))
        members = Contact.select().where((Contact.company_no == contact_no)
                                         & (Contact.no != contact_no)).count()
        if members:
            raise DomainError(_("you cannot delete company {contact_no} while {members} persons "
                                "belong to it").format(contact_no=contact_no, members=members))
        Contact.update(company_no=None).where(Contact.no == contact_no).execute()
        Contact.delete().where(Contact.no == contact_no).execute()
