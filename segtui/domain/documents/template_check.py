"""The template check before a merge: each document a segment's lines use, with its merge fields.

One row per distinct attachment of the segment's contact lines: whether it is a header document
(inherited) or a line's own (Unique), its language, how many lines use it, and each merge field
checked against the known names, with its unknown and not evaluated fields
(field_warnings.py, M-33). A document that cannot be read is reported on its own row; it never
fails the whole check.

`merge_check` is what a merge (and only a merge) refuses: unknown fields, unless allowed;
`field_warnings` the same lines, each naming its document, for the Log pre-flight.
"""
from dataclasses import dataclass, field

from peewee import fn

from segtui.domain.errors import DomainError
from segtui.domain.documents.field_warnings import FieldReport, UnknownField, field_report
from segtui.domain.documents.merge_fields import FieldCheck
from segtui.domain.segments.headers import get_segment
from segtui.domain.documents.word.merge import Template
from segtui.i18n import _, n_
from segtui.store.models import Attachment, SegmentInteractionLanguage, SegmentLine


@dataclass
class DocumentCheck:
    """One document of a segment; `line_no` 0 = the header document, N = line N's own, None =
    not one of the segment's documents (a template's, used directly)."""
    attachment_no: int
    language_code: str
    line_no: int | None
    lines: int
    report: FieldReport = field(default_factory=FieldReport)
    refusal: str = ""

    @property
    def fields(self) -> list[FieldCheck]:
        return list(self.report.fields)

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
    def unknown_fields(self) -> list[UnknownField]:
        return list(self.report.unknown)

    @property
    def label(self) -> str:
        """The document as a warning names it: "the header document (SVE)", "line 20000's own
        document", "document 7"."""
        if self.is_header:
            if self.language_code:
                return _("the header document ({language})").format(language=self.language_code)
            return _("the header document (no specific language)")
        if self.line_no is not None:
            return _("line {line_no}'s own document").format(line_no=self.line_no)
        return _("document {attachment_no}").format(attachment_no=self.attachment_no)

    @property
    def warnings(self) -> list[str]:
        """The document's unknown and not evaluated fields, each line naming the document."""
        return [f"{self.label}: {line}" for line in self.report.lines]


def _contact_lines(segment_no: str):
    return (SegmentLine.segment == segment_no) & SegmentLine.contact.is_null(False)


def segment_document_checks(segment_no: str,
                            parsed: dict[int, Template] | None = None) -> list[DocumentCheck]:
    """Every document the segment's contact lines use (header documents first, then by line and
    language), each with its merge fields checked. Each readable document parsed is put in
    `parsed` by attachment number, so a merge after the check does not parse it again."""
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
        template = _check_fields(document, files.get(attachment_no))
        if template is not None and parsed is not None:
            parsed[attachment_no] = template
        checks.append(document)
    return sorted(checks, key=lambda document: (
        document.line_no is None, document.line_no or 0, document.language_code,
        document.attachment_no))


def _check_fields(document: DocumentCheck, data) -> Template | None:
    """Fill in the document's report (or its refusal); the parsed document when readable."""
    name = f"document {document.attachment_no}"
    if not data:
        document.refusal = f"{name} has no content"
        return None
    try:
        template = Template(bytes(data), name)
    except DomainError as error:
        document.refusal = str(error)
        return None
    document.report = field_report(template)
    return template


def lines_without_document(segment_no: str) -> int:
    """How many contact lines of the segment have no document (a merge writes no letter)."""
    header = get_segment(segment_no)
    return (SegmentLine.select()
            .where(_contact_lines(header.no) & SegmentLine.attachment.is_null()).count())


class UnknownFieldsRefused(DomainError):
    """A merge refused for its unknown fields; `warnings` are the lines that name them (and the
    fields not evaluated), for a front end to show before the refusal."""

    def __init__(self, message: str, warnings: list[str]) -> None:
        super().__init__(message)
        self.warnings = warnings


def field_warnings(documents: list[DocumentCheck]) -> list[str]:
    """Every unknown and not evaluated field of `documents`, one line each naming its document."""
    return [line for document in documents for line in document.warnings]


def unknown_field_count(documents: list[DocumentCheck]) -> int:
    """How many unknown fields the documents have (a field in two documents counts twice)."""
    return sum(len(document.report.unknown) for document in documents)


def merge_check(segment_no: str, *, allow_unknown_fields: bool = False,
                parsed: dict[int, Template] | None = None) -> list[str]:
    """Before a merge: the warnings of the segment's documents (`field_warnings`). Raises
    UnknownFieldsRefused when a document has an unknown field and `allow_unknown_fields` is
    not set. A document that cannot be read is left to the merge, which refuses it; those
    that can are put in `parsed` for the merge."""
    documents = segment_document_checks(segment_no, parsed)
    count = unknown_field_count(documents)
    warnings = field_warnings(documents)
    if count and not allow_unknown_fields:
        raise UnknownFieldsRefused(n_(
            "1 unknown merge field would stay empty in the letters: "
            "--allow-unknown-fields merges anyway",
            "{count} unknown merge fields would stay empty in the letters: "
            "--allow-unknown-fields merges anyway", count), warnings)
    return warnings
