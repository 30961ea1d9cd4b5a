"""Changes to contact records that segments care about (DOMAIN.md §1.2 contact rules, SL8)."""
from segtui.domain.errors import DomainError
from segtui.store.connection import write_transaction
from segtui.store.models import Contact, InteractionLogEntry, SegmentLine, SegmentLineRemoved


def delete_contact(contact_no: str) -> None:
    """Delete a contact and its classification; refused while it is on an unlogged segment
    (M-44), while it has interaction history, or while a company still has persons."""
    contact_no = contact_no.strip().upper()
    with write_transaction():
        contact = Contact.get_or_none(Contact.no == contact_no)
        if contact is None:
            raise DomainError(f"contact {contact_no} does not exist")
        segments = sorted({row[0] for row in SegmentLine.select(SegmentLine.segment)
                           .where(SegmentLine.contact == contact_no).tuples()}
                          | {row[0] for row in SegmentLineRemoved.select(SegmentLineRemoved.segment)
                             .where(SegmentLineRemoved.contact == contact_no).tuples()})
        if segments:
            raise DomainError(f"you cannot delete contact {contact_no} because it is assigned to "
                              f"unlogged segments: {', '.join(segments)}")
        entries = InteractionLogEntry.select().where(
            InteractionLogEntry.contact_no == contact_no).count()
        if entries:
            raise DomainError(f"you cannot delete contact {contact_no} because it has {entries} "
                              "interaction log entries")
        members = Contact.select().where((Contact.company_no == contact_no)
                                         & (Contact.no != contact_no)).count()
        if members:
            raise DomainError(f"you cannot delete company {contact_no} while {members} persons "
                              "belong to it")
        Contact.update(company_no=None).where(Contact.no == contact_no).execute()
        Contact.delete().where(Contact.no == contact_no).execute()
