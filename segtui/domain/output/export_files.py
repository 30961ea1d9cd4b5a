"""Streaming writers of rows to CSV, JSON and Excel files: memory does not grow with the rows.

Rows are dicts; `columns` name the keys written, in order. CSV neutralises cells a spreadsheet
would run as a formula; Excel stores every text as text (never a formula); JSON is one array of
objects. `export_to_file` writes a private file atomically: a failure leaves no half-written file.
"""
import csv
import datetime
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO, TextIO

from segtui.domain.errors import DomainError
from segtui.domain.output.targets import check_output_file, is_special_file
from segtui.i18n import _

FORMATS = ("csv", "json", "xlsx")
# What json.dumps(ensure_ascii=False) leaves raw that a terminal would obey: DEL, C1, and the
# bidi controls that reorder what is shown. \uXXXX is the same string to any JSON reader.
_JSON_UNSAFE = {code: f"\\u{code:04x}" for code in (
    *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "|"  # several codes in one cell: NEWSLETTER|XMAS


def csv_cell(value) -> str:
    """One CSV cell: lists joined by `|`, bools Yes/No, dates ISO, None empty; a text that a
    spreadsheet would take for a formula gets a leading `'`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    elif isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    elif not isinstance(value, str):
        return str(value)  # numbers are never formulas
    return "'" + value if value.startswith(FORMULA_START) else value


def write_rows(rows: Iterable[dict], columns: Sequence[str], fmt: str,
               out: BinaryIO | TextIO) -> int:
    """Write `rows` (only `columns`, in order) as `fmt` to `out`; returns how many rows.

    `out` is a binary stream, or a text stream for csv and json (xlsx writes to its buffer).
    """
    if fmt == "csv":
        with _text_stream(out) as text:
            return write_csv(rows, columns, text)
    if fmt == "json":
        with _text_stream(out) as text:
            return write_json_array(rows, columns, text)
    if fmt == "xlsx":
        if isinstance(out, io.TextIOBase):
            out.flush()
            out = out.buffer
        return write_xlsx(rows, columns, out)
    raise DomainError(_("unknown file format {fmt!r} (formats: {formats})").format(
        fmt=fmt, formats=", ".join(FORMATS)))


def write_csv(rows: Iterable[dict], columns: Sequence[str], out: TextIO) -> int:
    """A header row of the column names, then one row per record."""
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(column)) for column in columns])
        count += 1
    return count


def write_json_array(rows: Iterable[dict], columns: Sequence[str], out: TextIO) -> int:
    """A JSON array of objects keyed by `columns`, written one object at a time."""
    out.write("[")
    count = 0
    for row in rows:
        out.write(",\n" if count else "\n")
        out.write(json_text({column: row.get(column) for column in columns}))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def json_text(value, **options) -> str:
    """`value` as JSON text (non-ASCII kept), no character in it a terminal would obey: C0 is
    escaped by json itself, DEL, C1 and bidi controls here; the data read back is the same."""
    return json.dumps(value, ensure_ascii=False, default=str, **options).translate(_JSON_UNSAFE)


def write_xlsx(rows: Iterable[dict], columns: Sequence[str], out: BinaryIO) -> int:
    """One sheet: a bold header row, then one row per record; texts stay texts."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    def text(value: str) -> str:
        # Excel cannot hold most control characters: they show escaped, as in the table output.
        return ILLEGAL_CHARACTERS_RE.sub(lambda match: repr(match.group())[1:-1], value)

    def cell(value):
        if isinstance(value, (list, tuple)):
            value = LIST_SEPARATOR.join(str(item) for item in value)
        if not isinstance(value, str):
            return value  # numbers, bools, dates and None stay what they are
        value = text(value)
        if not value.startswith("="):
            return value  # openpyxl takes only a leading "=" for a formula
        as_text = WriteOnlyCell(sheet, value=value)
        as_text.data_type = "s"
        return as_text

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    header = [WriteOnlyCell(sheet, value=text(column)) for column in columns]
    for heading in header:
        heading.font = Font(bold=True)
    sheet.append(header)
    count = 0
    try:
        for row in rows:
            sheet.append([cell(row.get(column)) for column in columns])
            count += 1
    except BaseException:
        with suppress(Exception):  # end the sheet and remove openpyxl's temporary file
            sheet.close()
            sheet._writer.cleanup()
        raise
    workbook.save(out)
    return count


@contextmanager
def _text_stream(out) -> Iterator[TextIO]:
    if isinstance(out, io.TextIOBase):
        yield out
        return
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        yield text
    finally:
        text.flush()
        text.detach()  # leave `out` open for the caller


@contextmanager
def atomic_file(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file that appears at `path` (private, 0600) only when the block succeeds; on any
    failure the temporary file beside it is removed and `path` is left as it was. A folder, a
    missing folder or a place this user may not write is refused before the block runs; a
    device or a pipe (/dev/null, /dev/stdout) is written in place."""
    path = check_output_file(path)
    if is_special_file(path):
        try:
            file = path.open("wb")
        except OSError as exc:
            raise DomainError(_("cannot write {path}: {error}").format(
                path=path, error=exc.strerror)) from None
        with file:
            yield file
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    except OSError as exc:
        raise DomainError(_("cannot write {path}: {error}").format(
            path=path, error=exc.strerror)) from None
    try:
        with os.fdopen(handle, "wb") as file:  # mkstemp creates it 0600
            yield file
        try:
            os.replace(temporary, path)
        except OSError as exc:  # e.g. the name became a folder meanwhile
            raise DomainError(_("cannot write {path}: {error}").format(
                path=path, error=exc.strerror)) from None
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def write_file(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` atomically (private, 0600); returns the path."""
    try:
        with atomic_file(path) as file:
            file.write(data)
    except OSError as exc:
        raise DomainError(_("cannot write {path}: {error}").format(
            path=path, error=exc.strerror)) from None
    return Path(path)


def export_to_file(rows: Iterable[dict], columns: Sequence[str], fmt: str,
                   path: str | Path) -> int:
    """Write `rows` as `fmt` to `path` atomically (0600); returns how many rows."""
    try:
        with atomic_file(path) as file:
            return write_rows(rows, columns, fmt, file)
    except OSError as exc:
        raise DomainError(_("cannot write {path}: {error}").format(
            path=path, error=exc.strerror)) from None
