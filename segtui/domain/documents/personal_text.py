"""A personal text for one contact (M-36, without Word): the line gets its own
("Unique") document, a copy of the one it inherits with the text written into it; every other
line keeps the common document. Clearing the text returns the line to the inherited document.

The copy is always derived afresh from the document the line would otherwise use (its
language's header document, or for an override line its own template's document), so editing the
text again replaces it. The text is plain text (see `word_insert` for where it goes).
"""
import datetime
import os
import re

from segtui.domain.setup import numbering
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.documents.segment_documents import (detach_documents, header_documents,
                                                      purge_attachments)
from segtui.domain.segments.lines import get_line
from segtui.domain.segments.headers import get_segment
from segtui.domain.documents.template_documents import is_read_only
from segtui.domain.documents.word.insert import insert_text
from segtui.domain.documents.word.text import to_text
from segtui.store.connection import write_transaction
from segtui.store.enums import StorageType
from segtui.store.models import (
    Attachment, InteractionTmplLanguage, SegmentHeader, SegmentInteractionLanguage, SegmentLine)

MAX_LENGTH = 10_000
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """The personal text as stored: one "\\n" per line break, no blank lines around it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        raise DomainError(_("the personal text is empty; to take a personal text away, clear it"))
    bad = _CONTROL.search(text)
    if bad:
        raise DomainError(_("the personal text contains a control character (U+{code:04X}); only "
                            "text, tabs and line breaks are allowed").format(
                                code=ord(bad.group())))
    if len(text) > MAX_LENGTH:
        raise DomainError(_("the personal text is longer than {length} characters").format(
            length=MAX_LENGTH))
    return text


def _line(segment_no: str, line_no: int) -> tuple[SegmentHeader, SegmentLine]:
    header = get_segment(segment_no)
    line = get_line(header.no, line_no)
    if not line.interaction_template:
        raise DomainError(_("line {line_no} of segment {segment_no} has no interaction template, "
                            "so it has no document for a personal text (SL4)").format(
                                line_no=line_no, segment_no=header.no))
    return header, line


def inherited_attachment(header: SegmentHeader, line: SegmentLine,
                         language: str | None = None) -> int | None:
    """The document the line uses in `language` (default: its own language) when it has none
    of its own: the header's in that language, or for an override line its template's."""
    language = line.language_code if language is None else language
    if line.interaction_template == header.interaction_template:
        document = header_documents(header.no).get(language)
        return document.attachment if document else None
    return (InteractionTmplLanguage.select(InteractionTmplLanguage.attachment)
            .where((InteractionTmplLanguage.interaction_template == line.interaction_template)
                   & (InteractionTmplLanguage.language_code == language)).scalar())


def _own(header: SegmentHeader, line: SegmentLine) -> SegmentInteractionLanguage | None:
    return SegmentInteractionLanguage.get_or_none(
        (SegmentInteractionLanguage.segment == header.no)
        & (SegmentInteractionLanguage.segment_line_no == line.line_no)
        & (SegmentInteractionLanguage.language_code == line.language_code))


def _check_changeable(own: SegmentInteractionLanguage | None, line: SegmentLine) -> None:
    attachment = Attachment.get_or_none(Attachment.no == own.attachment) \
        if own is not None and own.attachment is not None else None
    if attachment is not None and is_read_only(attachment):
        raise DomainError(_("the document of line {line_no} has been used in a logged "
                            "interaction and is read-only").format(line_no=line.line_no))


def set_personal_text(segment_no: str, line_no: int, text: str) -> int:
    """Give the line its own document: the inherited one with `text` in it. Returns the
    attachment number of the line's document."""
    text = clean_text(text)
    with write_transaction():
        header, line = _line(segment_no, line_no)
        base_no = inherited_attachment(header, line)
        base = Attachment.get_or_none(Attachment.no == base_no) if base_no else None
        if base is None or not base.file:
            if line.language_code:
                raise DomainError(_("line {line_no} of segment {segment_no} has no document to "
                                    "inherit in language {language}").format(
                                        line_no=line_no, segment_no=header.no,
                                        language=line.language_code))
            raise DomainError(_("line {line_no} of segment {segment_no} has no document to "
                                "inherit in no specific language").format(
                                    line_no=line_no, segment_no=header.no))
        own = _own(header, line)
        _check_changeable(own, line)
        data = insert_text(bytes(base.file), text,
                           _("document {attachment_no}").format(attachment_no=base.no))
        now = datetime.datetime.now().replace(microsecond=0)
        if own is not None and own.attachment is not None:
            number = own.attachment
            Attachment.update(file=data, file_extension="docx", last_modified=now).where(
                Attachment.no == number).execute()
        else:
            number = numbering.next_entry_numbers("attachment", 1)
            Attachment.insert(no=number, file=data, storage_type=StorageType.EMBEDDED.value,
                              file_extension="docx", read_only=False,
                              last_modified=now).execute()
            SegmentInteractionLanguage.delete().where(
                (SegmentInteractionLanguage.segment == header.no)
                & (SegmentInteractionLanguage.segment_line_no == line_no)
                & (SegmentInteractionLanguage.language_code == line.language_code)).execute()
            SegmentInteractionLanguage.insert(
                segment=header.no, segment_line_no=line_no, language_code=line.language_code,
                description=line.description[:50], attachment=number,
                subject=line.subject).execute()
        SegmentLine.update(attachment=number).where(
            (SegmentLine.segment == header.no) & (SegmentLine.line_no == line_no)).execute()
        return number


def clear_personal_text(segment_no: str, line_no: int) -> None:
    """Take the personal text away: the line uses the inherited document again ("Inherited");
    an override line gets a fresh copy of its template's document."""
    with write_transaction():
        header, line = _line(segment_no, line_no)
        own = _own(header, line)
        if own is None:
            raise DomainError(_("line {line_no} of segment {segment_no} has no personal text: "
                                "its document is inherited").format(
                                    line_no=line_no, segment_no=header.no))
        _check_changeable(own, line)
        inherited = inherited_attachment(header, line)
        if line.interaction_template != header.interaction_template:
            source = Attachment.get_or_none(Attachment.no == inherited) if inherited else None
            Attachment.update(file=source.file if source else None,
                              last_modified=datetime.datetime.now().replace(microsecond=0)
                              ).where(Attachment.no == own.attachment).execute()
            return
        purge = detach_documents(header.no, (
            SegmentInteractionLanguage.segment_line_no == line_no)
            & (SegmentInteractionLanguage.language_code == line.language_code))
        SegmentLine.update(attachment=inherited).where(
            (SegmentLine.segment == header.no) & (SegmentLine.line_no == line_no)).execute()
        purge_attachments(purge)


def personal_text(segment_no: str, line_no: int) -> str:
    """The line's current personal text ("" when it has none), read back from its own document
    as what differs from the document it would inherit."""
    header = get_segment(segment_no)
    line = get_line(header.no, line_no)
    own = _own(header, line) if line.interaction_template else None
    if own is None or own.attachment is None:
        return ""
    base_no = inherited_attachment(header, line)
    base = Attachment.get_or_none(Attachment.no == base_no) if base_no else None
    mine = Attachment.get_or_none(Attachment.no == own.attachment)
    if base is None or not base.file or mine is None or not mine.file:
        return ""
    return _inserted(to_text(bytes(base.file)), to_text(bytes(mine.file)))


def _inserted(base: str, own: str) -> str:
    """The text `own` has in place of part of `base`: whole paragraphs before the closing, or
    the lines that took the place of a Personal_Text field inside a paragraph."""
    old, new = base.split("\n"), own.split("\n")
    end = 0  # the closing paragraph and what follows it match from the end first
    while end < min(len(old), len(new)) and old[-1 - end] == new[-1 - end]:
        end += 1
    start = 0
    while start < min(len(old), len(new)) - end and old[start] == new[start]:
        start += 1
    removed = "\n".join(old[start:len(old) - end])
    added = "\n".join(new[start:len(new) - end])
    head = len(os.path.commonprefix([removed, added]))
    tail = len(os.path.commonprefix([removed[head:][::-1], added[head:][::-1]]))
    return added[head:len(added) - tail].strip("\n")
