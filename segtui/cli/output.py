"""Printing records for scripts and people: `--format table|csv|json`.

JSON carries every field; CSV neutralises cells a spreadsheet would run as a formula; the table
shows control characters escaped so data can never drive the terminal.
"""
import csv
import json
import sys

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value) -> str:
    text = "" if value is None else str(value)
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def _csv_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def emit(rows: list[dict], fmt: str, columns: list[str] | None = None, stream=None) -> None:
    """Print `rows` (dicts with the same keys) as a table (only `columns`), CSV or JSON."""
    stream = stream or sys.stdout
    if fmt == "json":
        json.dump(rows, stream, ensure_ascii=False, indent=1, default=str)
        stream.write("\n")
        return
    keys = list(rows[0]) if rows else (columns or [])
    if fmt == "csv":
        writer = csv.writer(stream)
        writer.writerow(keys)
        writer.writerows([_csv_cell(row.get(key)) for key in keys] for row in rows)
        return
    emit_table(rows, columns or keys, stream)


def emit_table(rows: list[dict], columns: list[str], stream) -> None:
    cells = [[_safe_text(row.get(column)) for column in columns] for row in rows]
    widths = [max([len(column)] + [len(line[i]) for line in cells])
              for i, column in enumerate(columns)]
    stream.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    for line in cells:
        stream.write("  ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() + "\n")


def emit_record(record: dict, fmt: str, stream=None) -> None:
    """One record: JSON object, a one-row CSV, or `field: value` lines."""
    stream = stream or sys.stdout
    if fmt == "json":
        json.dump(record, stream, ensure_ascii=False, indent=1, default=str)
        stream.write("\n")
    elif fmt == "csv":
        emit([record], "csv", stream=stream)
    else:
        width = max(len(key) for key in record)
        for key, value in record.items():
            stream.write(f"{key.ljust(width)}  {_safe_text(value)}\n")
