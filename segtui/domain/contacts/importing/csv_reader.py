"""Reading a contact CSV file: encoding, delimiter, the header, and one record at a time.

The encoding: a byte-order mark says UTF-8 (or UTF-16, Excel's "Unicode text"); without one a
file that is UTF-8 throughout is UTF-8, and any other is read as Windows-1252 — what Excel on a
Swedish (or any Western) Windows writes for "CSV (semicolon-delimited)" and "CSV (MS-DOS)". A
Windows-1252 file with å, ä or ö is never valid UTF-8, and a UTF-8 file is never mistaken for
it, so the guess is safe; deciding needs one pass over the bytes before the reading starts.
The delimiter (comma, semicolon or tab) is the one the header line uses most.

Records stream from the file, each with the spreadsheet row it is (the header is row 1, a blank
line is a row, a quoted cell with line breaks keeps its record one row) and the file line it
starts on, so a million-row file never sits in memory. A record with bytes the encoding cannot
read, or whose number of fields differs from the header's, comes out as a `BadRecord` and the
reading goes on; a record of blank cells only (Excel writes them for formatted empty rows) is
skipped.
"""
import codecs
import csv
import difflib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from segtui.domain.contacts.file_columns import (
    CONTACT_COLUMNS, HEADER_KEYS, column_for_header, header_key, ignored_header)
from segtui.domain.contacts.importing.headers_sv import SWEDISH_HEADERS
from segtui.domain.errors import DomainError
from segtui.i18n import _

DELIMITERS = (",", ";", "\t")
CHUNK = 1 << 20
UTF8, CP1252, UTF16 = "utf-8-sig", "cp1252", "utf-16"
csv.field_size_limit(1 << 24)


@dataclass(frozen=True, slots=True)
class Record:
    row: int
    line: int
    cells: list[str]


@dataclass(frozen=True, slots=True)
class BadRecord:
    row: int
    line: int
    column: str
    reason: str


def detect_encoding(raw) -> str:
    """UTF8, UTF16 or CP1252 for the binary file `raw` (read from its start, left at it)."""
    start = raw.read(4)
    raw.seek(0)
    if start.startswith(codecs.BOM_UTF8):
        return UTF8
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return UTF16
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := raw.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return CP1252
    finally:
        raw.seek(0)
    return UTF8


class ContactCsv:
    """An open contact file: `encoding`, `columns` (column name per field, in file order; None
    for a field the import leaves out, listed in `ignored`), `headers` (the header texts as
    written), and `records()`; `position()` is how many bytes are read."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.size = self.path.stat().st_size
            self._raw = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as error:
            raise DomainError(_("cannot read {path}: {reason}").format(
                path=path, reason=error.strerror or error)) from None
        try:
            self.encoding = detect_encoding(self._raw)
            self._text = io.TextIOWrapper(self._raw, encoding=self.encoding,
                                          errors="surrogateescape", newline="")
            self._read_header()
        except OSError as error:
            self._raw.close()
            raise DomainError(_("cannot read {path}: {reason}").format(
                path=path, reason=error.strerror or error)) from None
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if hasattr(self, "_text"):
            self._text.close()
        self._raw.close()

    def __enter__(self) -> "ContactCsv":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def position(self) -> int:
        return self._raw.tell() if not self._raw.closed else self.size

    def _read_header(self) -> None:
        first = self._text.readline()
        if not first.strip():
            raise DomainError(_("{path} is empty: the first line must name the columns").format(
                path=self.path.name))
        if not _is_utf8(first):
            raise DomainError(_("{path}: the header line is not UTF-8 text; save the file as "
                                "UTF-8").format(path=self.path.name))
        if self.encoding == UTF16:
            first = first.lstrip("\ufeff")
        self.delimiter = detect_delimiter(first)
        self._reader = csv.reader(self._text, delimiter=self.delimiter)
        self.headers = [cell.strip() for cell in next(csv.reader([first],
                                                                 delimiter=self.delimiter))]
        self.columns = map_headers(self.headers)
        self.ignored = [header for header, name in zip(self.headers, self.columns, strict=True)
                        if name is None]

    def records(self) -> Iterator[Record | BadRecord]:
        """Every record after the header; blank ones are skipped (but counted as rows)."""
        count = len(self.headers)
        reader = self._reader
        row = 1
        while True:
            line = reader.line_num + 2
            row += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield BadRecord(row, line, "", _("the line cannot be read as CSV: {reason}")
                                .format(reason=error))
                continue
            if not any(cell.strip() for cell in cells):
                continue
            if not _is_utf8("".join(cells)):
                column = next(self.headers[i] if i < count else ""
                              for i, cell in enumerate(cells) if not _is_utf8(cell))
                yield BadRecord(row, line, column, _(
                    "the text has bytes that are not Windows-1252 text (save the file as CSV "
                    "UTF-8)") if self.encoding == CP1252 else _(
                    "the text is not UTF-8 (save the file as UTF-8)"))
            elif len(cells) != count:
                yield BadRecord(row, line, "", _("the line has {cells} fields, the header has "
                                                 "{count}").format(cells=len(cells), count=count))
            else:
                yield Record(row, line, cells)


def _is_utf8(text: str) -> bool:
    """False when reading the bytes as UTF-8 left undecodable bytes (surrogate escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def detect_delimiter(header_line: str) -> str:
    """The delimiter the header line uses most, outside quotes (a comma when it uses none)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def map_headers(headers: list[str]) -> list[str | None]:
    """The column name of every header (None: a field the import leaves out); refuses unknown,
    blank or repeated columns."""
    columns, seen = [], {}
    for position, header in enumerate(headers, start=1):
        if not header:
            raise DomainError(_("column {position} has no name in the header line").format(
                position=position))
        if ignored_header(header):
            columns.append(None)
            continue
        name = column_for_header(header)
        if name is None:
            known = [column.label for column in CONTACT_COLUMNS]
            near = difflib.get_close_matches(header_key(header), list(HEADER_KEYS), n=1)
            hint = (_(" (did you mean {label!r}?)").format(label=_header_text(near[0]))
                    if near else "")
            raise DomainError(_("the column {header!r} is not a contact field{hint}; rename or "
                                "remove it. Columns: {known}").format(
                                    header=header, hint=hint, known=", ".join(known)))
        if name in seen:
            raise DomainError(_("the columns {first!r} and {second!r} are the same field; keep "
                                "one of them").format(first=seen[name], second=header))
        seen[name] = header
        columns.append(name)
    return columns


def _header_text(key: str) -> str:
    """A header as a person writes it for a header key: the label, else the alias it is."""
    for column in CONTACT_COLUMNS:
        for text in (column.label, *column.aliases, *SWEDISH_HEADERS.get(column.name, ())):
            if header_key(text) == key:
                return text
    return key
