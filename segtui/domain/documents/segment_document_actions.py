"""The Word documents of a segment's header and of its lines: create, import, export, remove
(S-04), and a line's own ("Unique") document made from the one it inherits (M-36).

One use case per action, for `segtui segment document …` and the Documents dialog alike; `line_no`
None means the header. The language is the header's default language (header) or the line's
language (line) unless one is named.

Header documents (line 0 rows, one per language) need an interaction template on the segment.
Create copies the template's document in that language, or, when the template has none, makes a
new document listing the merge fields. Create and import over an existing document are refused
unless `replace` (the "Replace existing attachment?" question, T3); a read-only document is never
replaced or removed (T2). The replacement is a new attachment: the lines (and the removed copies
Go Back keeps) that inherited the old one point at the new one in one UPDATE each, and the old
one is purged once nothing uses it. Removing a language's document removes that language from
the header: its lines fall back to the default language's document (P3); the default language's
document is not removed, as the default language needs one (H7).

A line's own document is a line row in that language (for a line that follows the header, its own
language only): the line then shows "Unique" and only its contact's letter changes at merge. Import
stores a file as it; create copies the document the line inherits; remove deletes it, and the line
uses the inherited (header) document again ("Inherited"). A personal text is such a document too:
removing it removes the text, importing or creating over it asks to replace it. An override line (a
template other than the header's, M-09) owns a document per language of its template from the
start: import and create replace its own, and remove gives it a fresh copy of its template's
document again (it stays "Unique").
"""
import dataclasses
import datetime
from dataclasses import dataclass
from pathlib import Path

from peewee import fn

from segtui.domain.documents.field_warnings import document_report
from segtui.domain.documents.merge_fields import MERGE_FIELDS
from segtui.domain.documents.personal_text import inherited_attachment
from segtui.domain.documents.segment_documents import (header_documents, purge_attachments,
                                                      template_documents)
from segtui.domain.documents.template_documents import check_changeable, is_read_only
from segtui.domain.documents.word.field_list import field_list_document
from segtui.domain.errors import DomainError
from segtui.domain.output.export_files import write_file
from segtui.domain.output.targets import check_output_file
from segtui.domain.segments.headers import (apply_language_rule, check_master, get_segment,
                                            header_lines)
from segtui.domain.segments.lines import get_line
from segtui.domain.setup import numbering
from segtui.domain.values import parse_code
from segtui.i18n import _, n_
from segtui.store.connection import write_transaction
from segtui.store.enums import StorageType
from segtui.store.models import (
    Attachment, Contact, Language, SegmentHeader,
    SegmentInteractionLanguage, SegmentLine, SegmentLineRemoved)

SIL = SegmentInteractionLanguage
HEADER, UNIQUE, INHERITED = "header", "unique", "inherited"  # DocumentRow.status
CREATE, IMPORT, REMOVE = "create", "import", "remove"  # DocumentChange.action


@dataclass(frozen=True)
class DocumentChange:
    """What an action (CREATE, IMPORT, REMOVE) did to the document `label` names: the document
    now in place (None: none), how many lines changed to it, and the imported document's unknown
    and not evaluated fields (field_warnings.py)."""
    action: str
    label: str
    attachment_no: int | None
    lines: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """What was done, in one line (the CLI's and the TUI's)."""
        lines = n_("1 line changed", "{count:,} lines changed", self.lines)
        if self.action == REMOVE:
            return _("{document}: the document is removed; {lines}").format(
                document=self.label, lines=lines)
        if self.action == IMPORT:
            return _("{document}: imported as document {number}; {lines}").format(
                document=self.label, number=self.attachment_no, lines=lines)
        return _("{document}: created document {number}; {lines}").format(
            document=self.label, number=self.attachment_no, lines=lines)


@dataclass(frozen=True)
class DocumentRow:
    """A document of the header (line_no 0) or of a line in one language, for the dialog:
    `status` HEADER, UNIQUE or INHERITED, "" when there is none; `current` marks the header's
    default language or the line's own language; `lines`: how many lines' letters it is."""
    line_no: int
    language: str
    status: str
    attachment_no: int | None
    read_only: bool
    current: bool
    lines: int


@dataclass(frozen=True)
class _Target:
    header: SegmentHeader
    line: SegmentLine | None
    language: str
    row: SegmentInteractionLanguage | None   # the header's or the line's own row
    attachment: Attachment | None            # that row's document

    @property
    def line_no(self) -> int:
        return self.line.line_no if self.line is not None else 0

    @property
    def follows_header(self) -> bool:
        return self.line is None or (
            self.line.interaction_template == self.header.interaction_template)

    @property
    def label(self) -> str:
        if self.line is None:
            if self.language:
                return _("segment {segment} (language {language})").format(
                    segment=self.header.no, language=self.language)
            return _("segment {segment} (no specific language)").format(segment=self.header.no)
        if self.language:
            return _("line {line_no} of segment {segment} (language {language})").format(
                line_no=self.line.line_no, segment=self.header.no, language=self.language)
        return _("line {line_no} of segment {segment} (no specific language)").format(
            line_no=self.line.line_no, segment=self.header.no)

    def key(self):
        """The condition selecting the row in SIL."""
        return ((SIL.segment == self.header.no) & (SIL.segment_line_no == self.line_no)
                & (SIL.language_code == self.language))


def _target(segment_no: str, line_no: int | None, language: str | None) -> _Target:
    header = get_segment(segment_no)
    line = None
    if line_no is None:
        if not header.interaction_template:
            raise DomainError(_("segment {segment_no} has no interaction template: the header's "
                                "documents come from one (S-04)").format(segment_no=header.no))
        default = header.language_code_default
    else:
        line = get_line(header.no, line_no)
        if not line.interaction_template:
            raise DomainError(_("line {line_no} of segment {segment_no} has no interaction "
                                "template, so it has no document (SL4)").format(
                                    line_no=line_no, segment_no=header.no))
        default = line.language_code
    language = default if language is None else parse_code("Language Code", language, 10)
    row = SIL.get_or_none((SIL.segment == header.no) & (SIL.segment_line_no == (line_no or 0))
                          & (SIL.language_code == language))
    attachment = (Attachment.get_or_none(Attachment.no == row.attachment)
                  if row is not None and row.attachment is not None else None)
    return _Target(header, line, language, row, attachment)


def _new_row_language(target: _Target) -> None:
    """A new row's language must exist (blank: no specific language). A line that follows the
    header gets a document of its own in its own language only: one in another language would
    show it "Unique" while its letter stays the common one."""
    if target.row is None and target.language:
        check_master("language_code", target.language)
    if target.line is not None and target.row is None and target.follows_header \
            and target.language != target.line.language_code:
        raise DomainError(_("{document}: the line's language is {line_language}; a line that "
                            "follows the header has a document of its own only in its language "
                            "(change the line's language first)").format(
                                document=target.label,
                                line_language=target.line.language_code or _("(blank)")))


def _new_attachment(data: bytes) -> int:
    number = numbering.next_entry_numbers("attachment", 1)
    Attachment.insert(no=number, file=data, storage_type=StorageType.EMBEDDED.value,
                      file_extension="docx", read_only=False,
                      last_modified=datetime.datetime.now().replace(microsecond=0)).execute()
    return number


def _check_replace(target: _Target, replace: bool) -> None:
    """T2 and T3: a read-only document stays; an existing one is replaced only when asked."""
    check_changeable(target, removing=False)
    if target.attachment is not None and not replace:
        raise DomainError(_("{document} already has a document. Replace existing "
                            "attachment? Confirm to replace it (--replace)").format(
                                document=target.label))


def _read(path: str | Path) -> bytes:
    try:
        return Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise DomainError(_("cannot read {path}: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None


# --- the actions ----------------------------------------------------------------------------

def create_document(segment_no: str, *, line_no: int | None = None,
                    language: str | None = None, replace: bool = False) -> DocumentChange:
    """Header: a copy of the template's document in that language (a new document listing the
    merge fields when the template has none). Line: its own copy of the document it inherits."""
    with write_transaction():
        target = _target(segment_no, line_no, language)
        _check_replace(target, replace)
        _new_row_language(target)
        if target.line is None:
            source = _attachment_data(_template_attachment(
                target.header.interaction_template, target.language))
            if source is None:
                source = field_list_document(_("Merge fields of segment {segment} ({template} "
                                               "{language}): keep what the letter needs").format(
                    segment=target.header.no, template=target.header.interaction_template,
                    language=target.language or "-"), MERGE_FIELDS)
            return _store_header(target, source)
        # the header's document, or for an override line its template's
        source = _attachment_data(inherited_attachment(target.header, target.line,
                                                       target.language))
        if source is None:
            raise DomainError(_("{document} has no document to copy: the line inherits none")
                              .format(document=target.label))
        return _store_line(target, source)


def import_document(segment_no: str, path: str | Path, *, line_no: int | None = None,
                    language: str | None = None, replace: bool = False) -> DocumentChange:
    """Store the .docx at `path` as the header's document in that language, or as the line's
    own document ("Unique"). Refused, with nothing changed, when it is not a Word document."""
    data = _read(path)
    name = Path(path).name
    report = document_report(data, name)  # refuses anything that is not a readable .docx
    with write_transaction():
        target = _target(segment_no, line_no, language)
        _check_replace(target, replace)
        _new_row_language(target)
        change = (_store_header(target, data) if target.line is None
                  else _store_line(target, data))
    return DocumentChange(IMPORT, change.label, change.attachment_no, change.lines,
                          tuple(report.lines))


def export_document(segment_no: str, path: str | Path, *, line_no: int | None = None,
                    language: str | None = None) -> Path:
    """Write the header's document, or the line's (its own, else the inherited one), to
    `path`; returns where it was written."""
    check_output_file(path)
    target = _target(segment_no, line_no, language)
    number = target.attachment.no if target.attachment is not None else None
    if number is None and target.line is not None and target.row is None \
            and target.follows_header:
        number = inherited_attachment(target.header, target.line, target.language)
    data = _attachment_data(number)
    if data is None:
        raise DomainError(_("{document} has no document").format(document=target.label))
    return write_file(Path(path).expanduser(), data)


def remove_document(segment_no: str, *, line_no: int | None = None,
                    language: str | None = None) -> DocumentChange:
    """Header: remove the document of a language that is not the default one; its lines take
    the default language's document. Line: remove its own document; it inherits again."""
    with write_transaction():
        target = _target(segment_no, line_no, language)
        if target.line is None:
            return _remove_header(target)
        return _remove_line(target)


# --- the header -----------------------------------------------------------------------------

def _store_header(target: _Target, data: bytes) -> DocumentChange:
    """The new document in place of the old: the row, then the lines that inherited it."""
    header, language = target.header, target.language
    new = _new_attachment(data)
    if target.row is None:
        SIL.insert(segment=header.no, segment_line_no=0, language_code=language,
                   description=f"{header.interaction_template} {language}".strip()[:50],
                   attachment=new, subject="").execute()
        # P3: the lines whose contact speaks the new language take its document
        speakers = Contact.select(Contact.no).where(Contact.language_code == language)
        lines = apply_language_rule(header, SegmentLine.contact.in_(speakers))
        return DocumentChange(CREATE, target.label, new, lines)
    SIL.update(attachment=new).where(target.key()).execute()
    if target.attachment is None:  # an empty language row: its lines had no document
        lines = SegmentLine.update(attachment=new).where(
            header_lines(header) & (SegmentLine.language_code == language)
            & SegmentLine.attachment.is_null() & SegmentLine.line_no.not_in(_own_rows(header))
        ).execute()
        return DocumentChange(CREATE, target.label, new, lines)
    old = target.attachment.no
    lines = _repoint(header.no, old, attachment=new)
    purge_attachments([old])
    return DocumentChange(CREATE, target.label, new, lines)


def _repoint(segment_no: str, old: int, **values) -> int:
    """The lines that use attachment `old`, and the removed copies Go Back keeps, get `values`
    (one UPDATE each); how many lines."""
    SegmentLineRemoved.update(**values).where(
        (SegmentLineRemoved.segment == segment_no) & (SegmentLineRemoved.attachment == old)
    ).execute()
    return SegmentLine.update(**values).where(
        (SegmentLine.segment == segment_no) & (SegmentLine.attachment == old)).execute()


def _remove_header(target: _Target) -> DocumentChange:
    header = target.header
    if target.attachment is None:
        raise DomainError(_("{document} has no document to remove").format(
            document=target.label))
    check_changeable(target, removing=True)
    if target.language == header.language_code_default:
        raise DomainError(_("{document}: this is the document of the default language "
                            "(Language Code (Default)), which needs one (H7); change the default "
                            "language first, or import or create a replacement").format(
                                document=target.label))
    SIL.delete().where(target.key()).execute()
    default = header_documents(header.no).get(header.language_code_default)
    lines = _repoint(header.no, target.attachment.no,
                     language_code=header.language_code_default if default else "",
                     attachment=default.attachment if default else None,
                     subject=default.subject if default else "")
    purge_attachments([target.attachment.no])
    return DocumentChange(REMOVE, target.label, default.attachment if default else None,
                          lines)


# --- a line ---------------------------------------------------------------------------------

def _store_line(target: _Target, data: bytes) -> DocumentChange:
    """The line's own row in that language holds the new document; the line uses it when the
    language is the line's."""
    header, line, language = target.header, target.line, target.language
    new = _new_attachment(data)
    if target.row is None:
        inherited = header_documents(header.no).get(language) if target.follows_header else None
        SIL.insert(segment=header.no, segment_line_no=line.line_no, language_code=language,
                   description=line.description[:50], attachment=new,
                   subject=line.subject if language == line.language_code
                   else (inherited.subject if inherited else "")).execute()
    else:
        SIL.update(attachment=new).where(target.key()).execute()
    return DocumentChange(CREATE, target.label, new, _line_takes(target, new))


def _line_takes(target: _Target, number: int | None) -> int:
    """The line uses document `number` when it is in the line's language (1 line changed, else
    0); the document it replaces goes once nothing uses it."""
    lines = 0
    if target.language == target.line.language_code:
        lines = SegmentLine.update(attachment=number).where(
            (SegmentLine.segment == target.header.no)
            & (SegmentLine.line_no == target.line.line_no)).execute()
    if target.attachment is not None:
        purge_attachments([target.attachment.no])
    return lines


def _remove_line(target: _Target) -> DocumentChange:
    header, line, language = target.header, target.line, target.language
    if target.row is None:
        raise DomainError(_("{document} has no document of its own: its document is "
                            "inherited").format(document=target.label))
    check_changeable(target, removing=True)
    if not target.follows_header:
        # an override line owns its documents (M-09): back to its template's document
        source = _attachment_data(inherited_attachment(header, line, language))
        if source is None:
            raise DomainError(_("{document}: the line's own template {template} has no "
                                "document in this language to return to").format(
                                    document=target.label, template=line.interaction_template))
        return dataclasses.replace(_store_line(target, source), action=REMOVE)
    SIL.delete().where(target.key()).execute()
    inherited = inherited_attachment(header, line, language)
    return DocumentChange(REMOVE, target.label, inherited, _line_takes(target, inherited))


# --- reading --------------------------------------------------------------------------------

def _own_rows(header: SegmentHeader):
    return SIL.select(SIL.segment_line_no).where((SIL.segment == header.no)
                                                 & (SIL.segment_line_no > 0))


def _template_attachment(template_code: str, language: str) -> int | None:
    return next((row.attachment for row in template_documents(template_code)
                 if row.language_code == language), None)


def _attachment_data(number: int | None) -> bytes | None:
    attachment = Attachment.get_or_none(Attachment.no == number) if number else None
    return bytes(attachment.file) if attachment is not None and attachment.file else None


def document_rows(segment_no: str, line_no: int | None = None) -> list[DocumentRow]:
    """The header's documents, one row per language (every known language, so one without a
    document can get one), then, with `line_no`, the line's: its own language and each
    language it has a document of its own in."""
    header = get_segment(segment_no)
    uses = dict(SegmentLine.select(SegmentLine.attachment, fn.COUNT(SegmentLine.line_no))
                .where((SegmentLine.segment == header.no) & SegmentLine.attachment.is_null(False))
                .group_by(SegmentLine.attachment).tuples())
    read_only = _read_only(header.no)

    def row(line: int, language: str, status: str, number: int | None, current: bool):
        return DocumentRow(line, language, status if number else "", number,
                           number in read_only, current, uses.get(number, 0) if number else 0)

    rows = []
    if header.interaction_template:
        documents = header_documents(header.no)
        languages = sorted({"", *documents, *(code for (code,) in Language.select(
            Language.code).tuples())})
        rows += [row(0, code, HEADER, documents[code].attachment if code in documents else None,
                     code == header.language_code_default) for code in languages]
    if line_no is None:
        return rows
    line = get_line(header.no, line_no)
    if not line.interaction_template:
        return rows
    own = {item.language_code: item.attachment for item in SIL.select().where(
        (SIL.segment == header.no) & (SIL.segment_line_no == line.line_no))}
    follows = line.interaction_template == header.interaction_template
    for code in sorted({line.language_code, *own}):
        if code in own:
            rows.append(row(line.line_no, code, UNIQUE, own[code], code == line.language_code))
        else:
            inherited = inherited_attachment(header, line, code) if follows else None
            rows.append(row(line.line_no, code, INHERITED, inherited,
                            code == line.language_code))
    return rows


def _read_only(segment_no: str) -> set[int]:
    """The segment's documents that are read-only (T2), in one query."""
    numbers = [number for (number,) in SIL.select(SIL.attachment).where(
        (SIL.segment == segment_no) & SIL.attachment.is_null(False)).tuples()]
    return {attachment.no for attachment in
            Attachment.select(Attachment.no, Attachment.read_only).where(
                Attachment.no.in_(numbers)) if is_read_only(attachment)} if numbers else set()
