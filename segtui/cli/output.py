"""Printing records for scripts and people: `--format table|csv|json|xlsx`, on stdout or `--out`.

CSV, JSON and xlsx stream through `domain.export_files` (every field, memory flat however many
rows); CSV neutralises cells a spreadsheet would run as a formula; the table shows control
characters escaped so data can never drive the terminal, and so does CSV when it goes to a
terminal (cli.terminal_text); to a file or a pipe CSV and JSON hold the data exactly.
"""
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import chain
from pathlib import Path

from segtui.cli.terminal_text import TerminalStream, is_terminal, visible_value
from segtui.domain.output.export_files import FORMATS, atomic_file, json_text, write_rows
from segtui.domain.output.list_columns import ListColumns


def _safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def emit(rows: Iterable[dict], fmt: str, columns: list[str] | None = None, stream=None, *,
         keys: Sequence[str] | None = None) -> None:
    """Print `rows` (dicts with the same keys) as a table (only `columns`), or stream them as
    CSV, JSON or xlsx with `keys` (a list's every column, rule K6) or else every key of the
    first row (`columns` when there is no row)."""
    stream = stream or sys.stdout
    if fmt in FORMATS:
        stream_rows(rows, fmt, columns or [], stream, keys=keys)
        return
    rows = list(rows)
    emit_table(rows, columns or (list(rows[0]) if rows else []), stream)


def emit_list(rows: Iterable[dict], fmt: str, listing: ListColumns, stream=None) -> None:
    """A list whose columns `listing` defines: its table columns, or every column."""
    emit(rows, fmt, list(listing.table), stream, keys=listing.keys)


def stream_rows(rows: Iterable[dict], fmt: str, columns: list[str], stream, *,
                keys: Sequence[str] | None = None) -> int:
    """Write `rows` as csv, json or xlsx to `stream`, keyed by `keys`, else by the first row's
    keys (`columns` when there is none); returns how many rows."""
    rows = iter(rows)
    if fmt == "csv" and is_terminal(stream):
        rows = ({key: visible_value(value) for key, value in row.items()} for row in rows)
    if keys is not None:
        return write_rows(rows, list(keys), fmt, stream)
    first = next(rows, None)
    if first is None:
        return write_rows([], columns, fmt, stream)
    return write_rows(chain([first], rows), list(first), fmt, stream)


def emit_table(rows: list[dict], columns: list[str], stream) -> None:
    cells = [[_safe_text(row.get(column)) for column in columns] for row in rows]
    widths = [max([len(column)] + [len(line[i]) for line in cells])
              for i, column in enumerate(columns)]
    stream.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    for line in cells:
        stream.write("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() + "\n")


def emit_record(record: dict, fmt: str, stream=None) -> None:
    """One record: a JSON object, a one-row CSV or xlsx, or `field: value` lines."""
    stream = stream or sys.stdout
    if fmt == "json":
        stream.write(json_text(record, indent=1) + "\n")
    elif fmt in FORMATS:
        stream_rows([record], fmt, list(record), stream)
    else:
        width = max(len(key) for key in record)
        for key, value in record.items():
            stream.write(f"{key.ljust(width)}  {_safe_text(value)}\n")


@contextmanager
def stdout_to(path: str | Path) -> Iterator[None]:
    """Run the block with stdout going to the file `path` (created 0600); the file appears only
    when the block succeeds, so a failure leaves no half-written file."""
    saved = sys.stdout
    with atomic_file(path) as file:
        sys.stdout = io.TextIOWrapper(file, encoding="utf-8", newline="")
        if file.isatty():  # --out /dev/tty: a terminal all the same
            sys.stdout = TerminalStream(sys.stdout)
        try:
            yield
            sys.stdout.flush()
        finally:
            wrapper, sys.stdout = sys.stdout, saved
            wrapper = getattr(wrapper, "raw", wrapper)  # under a TerminalStream
            with suppress(ValueError, OSError):
                wrapper.detach()  # the file itself is closed (and kept or removed) by atomic_file
