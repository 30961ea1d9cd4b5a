"""The Interaction Log a page at a time, newest entry first, by keyset on the entry number.

Every page query is `WHERE <filter> AND entry_no < ? ORDER BY entry_no DESC LIMIT n` (or its
mirror), so any page of a million entries costs about the same as the first. Filters on
contact, segment, logged segment, template, salesperson and campaign have an index; company,
date and canceled alone do not, so their count scans (their pages still stop after n matches).
"""
from collections import namedtuple
from dataclasses import fields
from pathlib import Path

from peewee import JOIN, Select

from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.output.file_names import safe_file_name
from segtui.domain.paging import KeysetPages
from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.journal.sent_documents import document_as_sent
from segtui.domain.values import option_label
from segtui.store.enums import CorrespondenceType, DeliveryStatus, Evaluation
from segtui.store.models import Contact, InteractionLogEntry

E = InteractionLogEntry
ENTRY_FIELDS = ("entry_no", "date", "contact_no", "contact_name", "description", "template",
                "correspondence_type", "salesperson", "segment_no", "logged_segment",
                "evaluation", "canceled", "delivery_status")
EntryRow = namedtuple("EntryRow", ENTRY_FIELDS)
EntryRow.__doc__ = "One interaction log entry as plain values (logged_segment 0: none)."

LIST_COLUMNS = (E.entry_no, E.date, E.contact_no, Contact.name, E.description,
                E.interaction_template_code, E.correspondence_type, E.salesperson_code,
                E.segment_no, E.logged_segment_entry_no, E.evaluation, E.canceled,
                E.delivery_status)


def _row(values: tuple) -> EntryRow:
    (entry_no, date, contact_no, name, description, template, correspondence, salesperson,
     segment_no, logged, evaluation, canceled, delivery) = values
    return EntryRow(entry_no, str(date or ""), contact_no, name or "", description or "",
                    template, option_label(CorrespondenceType(correspondence)), salesperson,
                    segment_no, logged or 0, option_label(Evaluation(evaluation)),
                    bool(canceled), option_label(DeliveryStatus(delivery)))


class InteractionLogPageSource(KeysetPages):
    """Pages of the entries an `EntryFilter` selects, newest first; a bad filter is refused
    (DomainError) when the source is made."""

    order_key = E.entry_no
    key_attribute = "entry_no"
    descending = True  # `after(key)` is the older entries, `before(key)` the newer ones

    def __init__(self, entry_filter: EntryFilter = EntryFilter()) -> None:
        self.entry_filter = entry_filter
        self._condition = entry_filter.condition()

    def query(self) -> Select:
        return (E.select(*LIST_COLUMNS)
                .join(Contact, JOIN.LEFT_OUTER, on=(Contact.no == E.contact_no))
                .where(self._condition))

    def count_query(self) -> Select:
        # the contact's name is only shown: counting needs no join
        return E.select(E.entry_no).where(self._condition)

    def row(self, values: tuple) -> EntryRow:
        return _row(values)


def filter_errors(entry_filter: EntryFilter) -> dict[str, str]:
    """What is wrong with each field of `entry_filter`, by field name ({} when all is well)."""
    errors = {}
    for field in fields(EntryFilter):
        expression = getattr(entry_filter, field.name)
        if not expression:
            continue
        try:
            EntryFilter(**{field.name: expression}).condition()
        except DomainError as exc:
            errors[field.name] = str(exc).removeprefix(f"{field.name}={expression}: ")
    return errors


def export_as_sent(entry_no: int, folder: Path) -> Path:
    """Write the .docx entry `entry_no` delivered into `folder`; the path written."""
    document = document_as_sent(entry_no)
    name = (Contact.select(Contact.name).join(E, on=(E.contact_no == Contact.no))
            .where(E.entry_no == entry_no).scalar()) or ""
    path = folder / (safe_file_name(f"{entry_no} {name}".strip(), fallback="entry") + ".docx")
    try:
        path.write_bytes(document)
    except OSError as exc:
        raise DomainError(_("cannot write {path}: {error}").format(
            path=path, error=exc.strerror)) from None
    return path
