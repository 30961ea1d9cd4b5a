"""Merge a segment with its Word documents: one letter per contact, a combined file, previews.

Each line's document (inherited from the header, or its own) is parsed once per segment and
filled with the line's merge data; letters are written one by one, so memory stays flat.
`merge_to_folder` is the Merge action both front ends call: it decides the folder, then merges;
with `pdf`, the files this merge wrote (letters and combined files) are then made into PDFs
(`pdf_files`), each checked, and the result says which have none. A merge whose documents have
unknown fields is refused unless they are allowed (template_check.merge_check); the result
carries the field warnings either way.
"""
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from segtui.config import output_dir, private_dir
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.output.file_names import safe_file_name
from segtui.domain.documents.merge_data import line_values
from segtui.domain.documents import pdf_files
from segtui.domain.documents.pdf_files import MissingPdf, PdfJob
from segtui.domain.documents.template_check import merge_check
from segtui.domain.output.targets import check_output_folder
from segtui.domain.segments.headers import get_segment, normal_segment_no
from segtui.domain.documents.word.merge import Template, combine, to_text
from segtui.store.models import Attachment

COMBINED_CHUNK = 500


@dataclass
class MergeResult:
    folder: Path
    warnings: list[str] = field(default_factory=list)  # unknown / not evaluated fields
    letters: int = 0
    combined: list[Path] = field(default_factory=list)
    without_document: list[int] = field(default_factory=list)
    pdf_files: list[Path] = field(default_factory=list)
    missing_pdfs: list[MissingPdf] = field(default_factory=list)

    @property
    def pdfs(self) -> int:
        """How many PDFs the merge made."""
        return len(self.pdf_files)


@dataclass(frozen=True)
class PdfOptions:
    """How the PDFs are made: `progress(done, total)` in letters (a combined file counts as the
    letters in it), `canceled()` asked while LibreOffice works, seconds per batch."""
    progress: Callable[[int, int], None] | None = None
    canceled: Callable[[], bool] | None = None
    timeout: float = pdf_files.BATCH_TIMEOUT


class _Templates:
    """The parsed documents of a segment, by attachment number."""

    def __init__(self) -> None:
        self.parsed: dict[int, Template] = {}  # filled by the template check too

    def get(self, attachment_no: int) -> Template:
        if attachment_no not in self.parsed:
            attachment = Attachment.get_or_none(Attachment.no == attachment_no)
            if attachment is None or not attachment.file:
                raise DomainError(_("document {attachment_no} has no content").format(
                    attachment_no=attachment_no))
            self.parsed[attachment_no] = Template(bytes(attachment.file), _(
                "document {attachment_no}").format(attachment_no=attachment_no))
        return self.parsed[attachment_no]


def letter_file_name(line_no: int, contact_no: str, name: str) -> str:
    return safe_file_name(f"{line_no:09d} {contact_no} {name}", fallback="letter") + ".docx"


def default_folder(segment_no: str) -> Path:
    """Where the letters of `segment_no` go when no folder is named: the folder named after the
    segment number as stored (e.g. SEG00005, made safe as a file name) in `output/letters` of
    the data folder. Only `letters` is made here; the segment's own folder is made by the
    merge."""
    name = safe_file_name(normal_segment_no(segment_no), fallback="segment")
    return output_dir("letters") / name


def letters_folder(segment_no: str, folder: str | Path | None = None) -> Path:
    """The folder the Merge writes in: `folder` when one is named — checked first, so a file, or
    a place this user cannot write, is refused before anything is read — else
    `default_folder(segment_no)`."""
    if folder is None:
        return default_folder(segment_no)
    return check_output_folder(folder)


def merge_to_folder(segment_no: str, folder: str | Path | None = None, *, pdf: bool = False,
                    progress: Callable[[int], None] | None = None,
                    pdf_options: PdfOptions | None = None,
                    allow_unknown_fields: bool = False) -> MergeResult:
    """The Merge action: the letters of `segment_no` in `letters_folder(segment_no, folder)`."""
    return merge_segment(segment_no, letters_folder(segment_no, folder), pdf=pdf,
                         progress=progress, pdf_options=pdf_options,
                         allow_unknown_fields=allow_unknown_fields)


def merge_segment(segment_no: str, out_dir: Path, *, pdf: bool = False,
                  progress: Callable[[int], None] | None = None,
                  pdf_options: PdfOptions | None = None,
                  allow_unknown_fields: bool = False) -> MergeResult:
    """Write one .docx per contact line and combined files (a page break between letters);
    with `pdf`, a PDF of each of them. A LibreOffice that hangs or is cancelled raises a
    DomainError once it is stopped; the letters stay written. Refused, before anything is
    written, when a document has an unknown field and `allow_unknown_fields` is not set
    (template_check.UnknownFieldsRefused)."""
    header = get_segment(segment_no)
    templates = _Templates()
    warnings = merge_check(header.no, allow_unknown_fields=allow_unknown_fields,
                           parsed=templates.parsed)
    if pdf:
        pdf_files.soffice_command()  # refused before anything is written
    private_dir(out_dir)
    result, batch = MergeResult(out_dir, warnings), []
    written: list[PdfJob] = []
    for line, values in line_values(header.no):
        if not line.attachment:
            result.without_document.append(line.line_no)
            continue
        letter = templates.get(line.attachment).render(values)
        path = out_dir / letter_file_name(line.line_no, line.contact, values["Contact_Name"])
        write_private(path, letter)
        written.append(PdfJob(path))
        result.letters += 1
        batch.append(letter)
        if len(batch) == COMBINED_CHUNK:
            result.combined.append(_write_combined(out_dir, header.no, batch, result))
            written.append(PdfJob(result.combined[-1], len(batch)))
            batch = []
        if progress:
            progress(result.letters)
    if batch:
        result.combined.append(_write_combined(out_dir, header.no, batch, result))
        written.append(PdfJob(result.combined[-1], len(batch)))
    if result.letters == 0:
        raise DomainError(_("segment {segment_no} has no line with a document to merge").format(
            segment_no=header.no))
    if pdf:
        _make_pdfs(result, written, pdf_options or PdfOptions())
    return result


def _make_pdfs(result: MergeResult, written: list[PdfJob], options: PdfOptions) -> None:
    """PDFs of exactly the files this merge wrote, into `result`."""
    try:
        report = pdf_files.convert_to_pdf(written, timeout=options.timeout,
                                          progress=options.progress, canceled=options.canceled)
    except pdf_files.PdfStopped as stopped:
        raise DomainError(_("{reason}: {made} of {count} PDFs made; the {letters} letters are in "
                            "{folder}").format(reason=stopped, made=len(stopped.made),
                                               count=len(written), letters=result.letters,
                                               folder=result.folder)) from None
    result.pdf_files = report.made
    result.missing_pdfs = report.missing


def write_private(path: Path, data: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def _write_combined(out_dir: Path, segment_no: str, letters: list[bytes],
                    result: MergeResult) -> Path:
    number = len(result.combined) + 1
    path = out_dir / (safe_file_name(f"{segment_no} all letters {number:03d}") + ".docx")
    write_private(path, combine(letters))
    return path


def preview(segment_no: str, line_no: int) -> str:
    """The letter of one line as plain text, for a terminal preview."""
    header = get_segment(segment_no)
    for line, values in line_values(header.no, [line_no]):
        if not line.attachment:
            raise DomainError(_("line {line_no} of segment {segment_no} has no document").format(
                line_no=line_no, segment_no=header.no))
        letter = _Templates().get(line.attachment).render(values)
        return to_text(letter)
    raise DomainError(_("segment {segment_no} has no line {line_no} with a contact").format(
        segment_no=header.no, line_no=line_no))
