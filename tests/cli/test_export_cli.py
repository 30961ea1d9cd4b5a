"""`--format csv|json|xlsx` and `--out FILE` of `contacts export`, `segment show`, `logged list`
and `interactions list`, run as real processes."""
import csv
import io
import json
import os
import pty
import stat
import subprocess
import sys

import openpyxl
from tests.support.cli import run_segtui
from tests.support.crm import LOGGED_ENTRY
from tests.support.documents import letter_segment

from segtui.domain.contacts.file_columns import EXPORT_NAMES


def run_binary(target, *args, **options) -> subprocess.CompletedProcess:
    """`segtui --db TARGET ARGS…` with stdout kept as bytes (xlsx is binary)."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **options}
    return subprocess.run([sys.executable, "-m", "segtui", "--db", target, "--user", "TESTER",
                           *args], timeout=60, stdin=subprocess.DEVNULL, **streams)


def sheet_rows(data: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_contacts_export_csv_to_stdout(crm_db):
    result = run_segtui(crm_db, "TESTER", "contacts", "export")
    assert result.returncode == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header == list(EXPORT_NAMES) and len(rows) == 10
    anna = dict(zip(header, next(row for row in rows if row[0] == "P-ANNA")))
    assert (anna["type"], anna["industry_groups"], anna["exclude_from_segment"]) == (
        "Person", "RETAIL", "No")
    assert "exported 10 contacts" in result.stderr


def test_contacts_export_json_with_a_filter(crm_db):
    result = run_segtui(crm_db, "TESTER", "contacts", "export", "--format", "json",
                        "--filter", "craft")
    assert result.returncode == 0, result.stderr
    (craft,) = json.loads(result.stdout)
    assert craft["no"] == "C-CRAFT" and craft["industry_groups"] == ["RETAIL", "WHOLESALE"]


def test_contacts_export_xlsx_to_a_pipe(crm_db):
    result = run_binary(crm_db, "contacts", "export", "--format", "xlsx")
    assert result.returncode == 0, result.stderr
    header, *rows = sheet_rows(result.stdout)
    assert header == list(EXPORT_NAMES) and len(rows) == 10


def test_contacts_export_to_files(crm_db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    for fmt in ("csv", "json", "xlsx"):
        path = folder / f"contacts.{fmt}"
        result = run_segtui(crm_db, "TESTER", "contacts", "export", "--format", fmt,
                            "--out", str(path))
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(json.loads((folder / "contacts.json").read_text("utf-8"))) == 10
    assert len(sheet_rows((folder / "contacts.xlsx").read_bytes())) == 11
    assert sorted(os.listdir(folder)) == ["contacts.csv", "contacts.json", "contacts.xlsx"]


def test_segment_show_xlsx_to_a_file_and_json_to_stdout(crm_db, tmp_path):
    segment_no = letter_segment("P-BERT", "P-DORA")
    path = tmp_path / "lines.xlsx"
    result = run_segtui(crm_db, "TESTER", "segment", "show", segment_no, "--format", "xlsx",
                        "--out", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    header, *rows = sheet_rows(path.read_bytes())
    assert [row[header.index("contact_no")] for row in rows] == ["P-BERT", "P-DORA"]
    result = run_segtui(crm_db, "TESTER", "segment", "show", segment_no, "--format", "json")
    shown = json.loads(result.stdout)
    assert shown["segment"]["segment_no"] == segment_no
    assert [line["contact_no"] for line in shown["lines"]] == ["P-BERT", "P-DORA"]


def test_a_refused_show_leaves_no_file(crm_db, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "lines.csv"
    result = run_segtui(crm_db, "TESTER", "segment", "show", "NOPE", "--format", "csv",
                        "--out", str(path))
    assert result.returncode == 1 and "NOPE" in result.stderr
    assert os.listdir(folder) == []


def test_logged_list_json(crm_db):
    result = run_segtui(crm_db, "TESTER", "logged", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    (logged,) = json.loads(result.stdout)
    assert logged["entry_no"] == LOGGED_ENTRY and logged["canceled"] is False


def test_interactions_list_csv(crm_db):
    result = run_segtui(crm_db, "TESTER", "interactions", "list", "--format", "csv",
                        "--logged-segment", str(LOGGED_ENTRY))
    assert result.returncode == 0, result.stderr
    header, *rows = list(csv.reader(io.StringIO(result.stdout)))
    assert header[:3] == ["entry_no", "date", "contact_no"] and "canceled" in header
    assert {row[header.index("logged_segment_entry_no")] for row in rows} == {str(LOGGED_ENTRY)}
    assert {row[header.index("canceled")] for row in rows} == {"Yes", "No"}


def test_xlsx_to_a_terminal_is_refused(crm_db):
    leader, follower = pty.openpty()
    try:
        result = run_binary(crm_db, "logged", "list", "--format", "xlsx", stdout=follower)
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert b"--out" in result.stderr and b"Traceback" not in result.stderr
