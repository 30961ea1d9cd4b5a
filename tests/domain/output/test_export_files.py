"""Streaming writers of CSV, JSON and xlsx: values, formula neutralisation, empty lists, memory."""
import csv
import datetime
import io
import itertools
import json
import os
import stat
import tracemalloc
from decimal import Decimal

import openpyxl
import pytest

from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.contacts.export import contact_export_rows
from segtui.domain.demo.build import load_demo
from segtui.domain.errors import DomainError
from segtui.domain.output.export_files import csv_cell, export_to_file, write_rows
from segtui.store.connection import close_database, open_database

COLUMNS = ["no", "name", "codes", "active", "amount", "date", "missing"]
FORMULAS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)", "\tTAB", "\rCR"]
ROWS = [
    {"no": 1, "name": "Åsa Öberg 日本", "codes": ["NEWSLETTER", "XMAS"], "active": True,
     "amount": Decimal("12.50"), "date": datetime.date(2026, 3, 1), "missing": None,
     "not_a_column": "left out"},
    {"no": 2, "name": "Bob", "codes": [], "active": False, "amount": 3,
     "date": datetime.date(2026, 12, 31), "missing": None},
]


def written(fmt: str, rows, columns=COLUMNS) -> bytes:
    out = io.BytesIO()
    write_rows(rows, columns, fmt, out)
    return out.getvalue()


def read_xlsx(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [tuple(cell for cell in row) for row in sheet.iter_rows()]


def test_csv_has_a_header_then_plain_texts():
    rows = list(csv.reader(io.StringIO(written("csv", ROWS).decode("utf-8"))))
    assert rows == [COLUMNS,
                    ["1", "Åsa Öberg 日本", "NEWSLETTER|XMAS", "Yes", "12.50", "2026-03-01", ""],
                    ["2", "Bob", "", "No", "3", "2026-12-31", ""]]


def test_csv_neutralises_formulas_but_not_numbers():
    rows = [{"text": text, "number": -2} for text in FORMULAS]
    parsed = list(csv.reader(io.StringIO(written("csv", rows, ["text", "number"]).decode(),
                                         newline="")))
    assert [row[0] for row in parsed[1:]] == ["'" + text for text in FORMULAS]
    assert {row[1] for row in parsed[1:]} == {"-2"}
    assert csv_cell(["=A1", "B"]) == "'=A1|B"


def test_json_equals_a_json_dump_of_the_list():
    parsed = json.loads(written("json", ROWS).decode("utf-8"))
    expected = json.loads(json.dumps([{column: row[column] for column in COLUMNS}
                                      for row in ROWS], default=str))
    assert parsed == expected
    assert parsed[0]["codes"] == ["NEWSLETTER", "XMAS"] and parsed[1]["active"] is False


def test_xlsx_keeps_numbers_dates_and_texts():
    header, first, second = read_xlsx(written("xlsx", ROWS))
    assert [cell.value for cell in header] == COLUMNS and header[0].font.b
    assert [cell.value for cell in first] == [
        1, "Åsa Öberg 日本", "NEWSLETTER|XMAS", True, 12.5,
        datetime.datetime(2026, 3, 1), None]
    assert second[1].value == "Bob" and second[3].value is False


def test_xlsx_stores_formula_like_texts_as_texts():
    rows = [{"text": text} for text in FORMULAS] + [{"text": ["=A1", "B"]}]
    _header, *cells = read_xlsx(written("xlsx", rows, ["text"]))
    assert [row[0].value for row in cells] == FORMULAS + ["=A1|B"]
    assert {row[0].data_type for row in cells} == {"s"}


def test_xlsx_shows_control_characters_escaped():
    _header, (cell,) = read_xlsx(written("xlsx", [{"text": "bell\x07"}], ["text"]))
    assert cell.value == "bell\\x07"


def test_an_empty_list_gives_a_header_only_file():
    assert written("csv", []).decode() == ",".join(COLUMNS) + "\r\n"
    assert json.loads(written("json", [])) == []
    assert [[cell.value for cell in row] for row in read_xlsx(written("xlsx", []))] == [COLUMNS]


def test_text_streams_take_csv_and_json():
    out = io.StringIO()
    assert write_rows(iter(ROWS), COLUMNS, "json", out) == 2
    assert len(json.loads(out.getvalue())) == 2


def test_unknown_format_is_refused():
    with pytest.raises(DomainError, match="pdf"):
        write_rows(ROWS, COLUMNS, "pdf", io.BytesIO())


def test_export_to_file_is_private_and_counts(tmp_path):
    path = tmp_path / "rows.csv"
    assert export_to_file(iter(ROWS), COLUMNS, "csv", path) == 2
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert path.read_text(encoding="utf-8").startswith("no,name,")


def test_a_failed_export_leaves_no_file_and_keeps_the_old_one(tmp_path):
    path = tmp_path / "rows.xlsx"
    path.write_bytes(b"old")

    def failing():
        yield ROWS[0]
        raise DomainError("stopped")

    with pytest.raises(DomainError, match="stopped"):
        export_to_file(failing(), COLUMNS, "xlsx", path)
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["rows.xlsx"]


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(DomainError, match="cannot write"):
        export_to_file(ROWS, COLUMNS, "csv", tmp_path / "no" / "rows.csv")


def _peak(export) -> int:
    tracemalloc.start()
    try:
        export()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _generated(count: int):
    return ({"no": number, "name": f"Contact {number}", "codes": ["A", "B"], "active": True,
             "amount": Decimal(number), "date": datetime.date(2026, 1, 1), "missing": None}
            for number in range(count))


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_writers_stream_memory_does_not_grow_with_the_rows(tmp_path, fmt):
    path = tmp_path / f"rows.{fmt}"
    export_to_file(_generated(100), COLUMNS, fmt, path)  # imports and caches outside the trace
    small = _peak(lambda: export_to_file(_generated(2_000), COLUMNS, fmt, path))
    large = _peak(lambda: export_to_file(_generated(20_000), COLUMNS, fmt, path))
    assert large < 2 * small + 256_000, (small, large)


def test_exporting_20000_contacts_takes_no_more_memory_than_2000(tmp_path):
    open_database(str(tmp_path / "demo.db"))
    try:
        load_demo(contacts=20_000)
        path = tmp_path / "contacts.csv"

        def export(count):
            return lambda: export_to_file(itertools.islice(contact_export_rows(), count),
                                          EXPORT_NAMES, "csv", path)

        export(100)()
        small = _peak(export(2_000))
        large = _peak(export(None))
        assert sum(1 for _ in open(path, encoding="utf-8")) == 20_001
        assert large < 2 * small + 256_000, (small, large)
    finally:
        close_database()
