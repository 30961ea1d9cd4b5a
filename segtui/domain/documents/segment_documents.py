"""A segment's own documents: copies of the template documents per language (M-04, S-01).

Line 0 rows are the header documents that lines inherit; rows with a line number are that line's
unique documents. Copies are new attachments, so editing them never changes the template.
"""
from segtui.domain.setup import numbering
from segtui.store.models import (
    Attachment, InteractionLogEntry, InteractionTmplLanguage, SegmentInteractionLanguage,
    SegmentLine, SegmentLineRemoved)


def copy_attachment(attachment_no: int | None) -> int | None:
    """A new attachment with the same bytes (None stays None)."""
    if attachment_no is None:
        return None
    source = Attachment.get_or_none(Attachment.no == attachment_no)
    if source is None:
        return None
    new_no = numbering.next_entry_numbers("attachment", 1)
    Attachment.insert(no=new_no, file=source.file, storage_type=source.storage_type,
                      file_extension=source.file_extension, read_only=False,
                      last_modified=source.last_modified).execute()
    return new_no


def template_documents(template_code: str) -> list[InteractionTmplLanguage]:
    return list(InteractionTmplLanguage.select()
                .where(InteractionTmplLanguage.interaction_template == template_code)
                .order_by(InteractionTmplLanguage.language_code))


def detach_documents(segment_no: str, condition) -> list[int]:
    """Delete document rows of the segment; returns their attachment numbers for `purge`."""
    rows = SegmentInteractionLanguage.select(SegmentInteractionLanguage.attachment).where(
        (SegmentInteractionLanguage.segment == segment_no) & condition)
    attachment_nos = [row[0] for row in rows.tuples() if row[0] is not None]
    SegmentInteractionLanguage.delete().where(
        (SegmentInteractionLanguage.segment == segment_no) & condition).execute()
    return attachment_nos


def purge_attachments(attachment_nos: list[int], *, read_only_too: bool = False) -> None:
    """Delete those attachments nothing refers to any more; read-only ones (documents as sent)
    only when `read_only_too`, for entries that are deleted or lose their document."""
    if not attachment_nos:
        return
    users = [SegmentLine.attachment, SegmentLineRemoved.attachment,
             SegmentInteractionLanguage.attachment, InteractionTmplLanguage.attachment,
             InteractionLogEntry.attachment_no]
    condition = Attachment.no.in_(attachment_nos)
    if not read_only_too:
        condition &= Attachment.read_only == False  # noqa: E712
    for column in users:
        used = column.model.select(column).where(column.in_(attachment_nos))
        condition &= Attachment.no.not_in(used)
    Attachment.delete().where(condition).execute()


def build_header_documents(segment_no: str, template_code: str | None) -> list[int]:
    """Replace the header documents by copies of the template's documents, one per language.

    Returns the attachments of the replaced documents: purge them once no line uses them.
    """
    old = detach_documents(segment_no, SegmentInteractionLanguage.segment_line_no == 0)
    for row in template_documents(template_code) if template_code else []:
        SegmentInteractionLanguage.insert(
            segment=segment_no, segment_line_no=0, language_code=row.language_code,
            description=f"{template_code} {row.language_code}".strip()[:50],
            attachment=copy_attachment(row.attachment), subject="").execute()
    return old


def header_documents(segment_no: str) -> dict[str, SegmentInteractionLanguage]:
    """The header documents of a segment by language code."""
    rows = SegmentInteractionLanguage.select().where(
        (SegmentInteractionLanguage.segment == segment_no)
        & (SegmentInteractionLanguage.segment_line_no == 0))
    return {row.language_code: row for row in rows}


def build_line_documents(segment_no: str, line_no: int, template_code: str,
                         description: str) -> dict[str, SegmentInteractionLanguage]:
    """A line's unique documents: copies of every language document of its own template."""
    purge_attachments(detach_documents(
        segment_no, SegmentInteractionLanguage.segment_line_no == line_no))
    documents = {}
    for row in template_documents(template_code):
        SegmentInteractionLanguage.insert(
            segment=segment_no, segment_line_no=line_no, language_code=row.language_code,
            description=description[:50], attachment=copy_attachment(row.attachment),
            subject="").execute()
        documents[row.language_code] = SegmentInteractionLanguage.get(
            segment=segment_no, segment_line_no=line_no, language_code=row.language_code)
    return documents
