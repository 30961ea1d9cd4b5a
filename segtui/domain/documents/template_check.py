"""The template check before a merge: each document a segment's lines use, with its merge fields.

One row per distinct attachment of the segment's contact lines: whether it is a header document
(inherited) or a line's own (Unique), its language, how many lines use it, and each merge field
checked against the known names (M-33). A document that cannot be read is reported on
its own row; it never fails the whole check.
"""
from dataclasses import dataclass, field

from peewee import fn

from segtui.domain.errors import DomainError
from segtui.domain.documents.merge_fields import FieldCheck, check
from segtui.domain.segments.headers import get_segment
from segtui.domain.documents.word.merge import Template
from segtui.store.models import Attachment, SegmentInteractionLanguage, SegmentLine


@dataclass
class DocumentCheck:
    """One document of a segment; `line_no` 0 = the header document, N = line N's own, None =
    not one of the segment's documents (a template's, used directly)."""
    attachment_no: int
    language_code: str
    line_no: int | None
    lines: int
    fields: list[FieldCheck] = field(default_factory=list)
    refusal: str = ""

    @property
    def is_header(self) -> bool:
        return self.line_no == 0

    @property
    def readable(self) -> bool:
        return not self.refusal

    @property
    def has_no_fields(self) -> bool:
        """A readable document without merge fields: every contact gets the same text."""
        return self.readable and not self.fields

    @property
    def unknown_fields(self) -> list[FieldCheck]:
        return [checked for checked in self.fields if not checked.known]


def _contact_lines(segment_no: str):
    return (SegmentLine.segment == segment_no) & SegmentLine.contact.is_null(False)


def segment_document_checks(segment_no: str) -> list[DocumentCheck]:
    """Every document the segment's contact lines use (header documents first, then by line and
    language), each with its merge fields checked."""
    header = get_segment(segment_no)
    used = list(SegmentLine.select(SegmentLine.attachment, fn.MIN(SegmentLine.language_code),
                                   fn.COUNT(SegmentLine.line_no))
                .where(_contact_lines(header.no) & SegmentLine.attachment.is_null(False))
                .group_by(SegmentLine.attachment).tuples())
    if not used:
        return []
    numbers = [attachment_no for attachment_no, _language, _count in used]
    owners = {attachment_no: (line_no, language) for attachment_no, line_no, language in
              SegmentInteractionLanguage.select(SegmentInteractionLanguage.attachment,
                                                SegmentInteractionLanguage.segment_line_no,
                                                SegmentInteractionLanguage.language_code)
              .where((SegmentInteractionLanguage.segment == header.no)
                     & SegmentInteractionLanguage.attachment.in_(numbers)).tuples()}
    files = dict(Attachment.select(Attachment.no, Attachment.file)
                 .where(Attachment.no.in_(numbers)).tuples())
    checks = []
    for attachment_no, line_language, count in used:
        line_no, language = owners.get(attachment_no, (None, line_language or ""))
        document = DocumentCheck(attachment_no, language, line_no, count)
        _check_fields(document, files.get(attachment_no))
        checks.append(document)
    return sorted(checks, key=lambda document: (
        document.line_no is None, document.line_no or 0, document.language_code,
        document.attachment_no))


def _check_fields(document: DocumentCheck, data) -> None:
    name = f"document {document.attachment_no}"
    if not data:
        document.refusal = f"{name} has no content"
        return
    try:
        document.fields = check(Template(bytes(data), name).fields())
    except DomainError as error:
        document.refusal = str(error)


def lines_without_document(segment_no: str) -> int:
    """How many contact lines of the segment have no document (a merge writes no letter)."""
    header = get_segment(segment_no)
    return (SegmentLine.select()
            .where(_contact_lines(header.no) & SegmentLine.attachment.is_null()).count())
