"""The document an interaction entry delivered, as sent (Show Attachments, M-41).

An entry's document is its read-only attachment merged with the merge data snapshot the entry
keeps (stored at log time, or at a resend with updated merge fields), so later changes to the
contact, the salesperson or the template never alter what it shows.
"""
from dataclasses import dataclass

from segtui.domain.errors import DomainError
from segtui.domain.documents.merge_data import read_snapshot, values_from_snapshot
from segtui.domain.documents.word.merge import Template, to_text
from segtui.i18n import _
from segtui.store.models import Attachment, InteractionLogEntry

WORD_EXTENSIONS = {"doc", "docx"}


@dataclass(frozen=True)
class SentDocument:
    entry_no: int
    values: dict[str, str]
    document: bytes


class Renderer:
    """Renders entries; each attachment is read and parsed once per renderer."""

    def __init__(self) -> None:
        self._templates: dict[int, Template | DomainError] = {}

    def render(self, entry: InteractionLogEntry) -> SentDocument:
        """Raises DomainError with the reason when the entry has no document to render."""
        if not entry.attachment_no:
            raise DomainError("You must select an interaction template with an attachment "
                              f"(entry {entry.entry_no} has no document)")
        if not entry.merge_data:
            raise DomainError(_("entry {no} was logged by a version of segtui that kept no merge "
                                "data, so the letter as sent cannot be shown").format(
                                    no=entry.entry_no))
        values = values_from_snapshot(read_snapshot(entry.merge_data))
        return SentDocument(entry.entry_no, values,
                            self._template(entry.attachment_no).render(values))

    def _template(self, attachment_no: int) -> Template:
        if attachment_no not in self._templates:
            try:
                self._templates[attachment_no] = _parse(attachment_no)
            except DomainError as exc:
                self._templates[attachment_no] = exc
        template = self._templates[attachment_no]
        if isinstance(template, DomainError):
            raise template
        return template


def _parse(attachment_no: int) -> Template:
    attachment = Attachment.get_or_none(Attachment.no == attachment_no)
    if attachment is None or not attachment.file:
        raise DomainError("You must select an interaction template with an attachment "
                          f"(attachment {attachment_no} is missing or empty)")
    extension = (attachment.file_extension or "").strip(". ").lower()
    if extension not in WORD_EXTENSIONS:
        raise DomainError(f"Attachment {attachment_no} must have File Extension DOC or DOCX")
    return Template(bytes(attachment.file), f"attachment {attachment_no}")


def get_entry(entry_no: int) -> InteractionLogEntry:
    entry = InteractionLogEntry.get_or_none(InteractionLogEntry.entry_no == entry_no)
    if entry is None:
        raise DomainError(f"interaction log entry {entry_no} does not exist")
    return entry


def document_as_sent(entry_no: int) -> bytes:
    """The .docx entry `entry_no` delivered (or would deliver)."""
    return Renderer().render(get_entry(entry_no)).document


def text_as_sent(entry_no: int) -> str:
    """The same document as plain text, for a terminal."""
    return to_text(document_as_sent(entry_no))
