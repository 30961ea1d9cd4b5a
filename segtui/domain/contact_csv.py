"""Reading a contact CSV file: encoding, delimiter, the header, and one record at a time.

The file is UTF-8 with or without a byte-order mark; the delimiter (comma, semicolon or tab) is the
one the header line uses most. Records stream from the file, each with the line it starts on, so
a million-row file never sits in memory. A record whose bytes are not UTF-8, or whose number of
fields differs from the header's, comes out as a `BadRecord` and the reading goes on.
"""
import csv
import difflib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from segtui.domain.contact_columns import CONTACT_COLUMNS, column_for_header, header_key
from segtui.domain.errors import DomainError
from segtui.i18n import _

DELIMITERS = (",", ";", "\t")
csv.field_size_limit(1 << 24)


@dataclass(frozen=True, slots=True)
class Record:
    line: int
    cells: list[str]


@dataclass(frozen=True, slots=True)
class BadRecord:
    line: int
    column: str
    reason: str


class ContactCsv:
    """An open contact file: `columns` (column name per field, in file order), `headers` (the
    header texts as written), and `records()`; `position()` is how many bytes are read."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.size = self.path.stat().st_size
            self._raw = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        except OSError as error:
            raise DomainError(_("cannot read {path}: {reason}").format(
                path=path, reason=error.strerror or error)) from None
        self._text = io.TextIOWrapper(self._raw, encoding="utf-8-sig",
                                      errors="surrogateescape", newline="")
        try:
            self._read_header()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._text.close()

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
        self.delimiter = detect_delimiter(first)
        self._reader = csv.reader(self._text, delimiter=self.delimiter)
        self.headers = [cell.strip() for cell in next(csv.reader([first],
                                                                 delimiter=self.delimiter))]
        self.columns = map_headers(self.headers)
        self._line = 1

    def records(self) -> Iterator[Record | BadRecord]:
        """Every record after the header; blank lines are skipped."""
        count = len(self.headers)
        reader = self._reader
        while True:
            start = reader.line_num + 2
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield BadRecord(start, "", _("the line cannot be read as CSV: {reason}").format(
                    reason=error))
                continue
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if not _is_utf8("".join(cells)):
                column = next(self.headers[i] if i < count else ""
                              for i, cell in enumerate(cells) if not _is_utf8(cell))
                yield BadRecord(start, column, _("the text is not UTF-8 (save the file as "
                                                 "UTF-8)"))
            elif len(cells) != count:
                yield BadRecord(start, "", _("the line has {cells} fields, the header has "
                                             "{count}").format(cells=len(cells), count=count))
            else:
                yield Record(start, cells)


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


def map_headers(headers: list[str]) -> list[str]:
    """The column name of every header; refuses unknown, blank or repeated columns."""
    known = [column.label for column in CONTACT_COLUMNS]
    columns, seen = [], {}
    for position, header in enumerate(headers, start=1):
        if not header:
            raise DomainError(_("column {position} has no name in the header line").format(
                position=position))
        name = column_for_header(header)
        if name is None:
            near = difflib.get_close_matches(header_key(header),
                                             [header_key(label) for label in known], n=1)
            hint = (_(" (did you mean {label!r}?)").format(
                label=known[[header_key(label) for label in known].index(near[0])]) if near
                    else "")
            raise DomainError(_("the column {header!r} is not a contact field{hint}; rename or "
                                "remove it. Columns: {known}").format(
                                    header=header, hint=hint, known=", ".join(known)))
        if name in seen:
            raise DomainError(_("the columns {first!r} and {second!r} are the same field; keep "
                                "one of them").format(first=seen[name], second=header))
        seen[name] = header
        columns.append(name)
    return columns
