"""`segtui template check FILE.docx` run as a real process: the fields a document uses, unknown
ones with a suggestion (exit 0, a note on stderr), one clear line and exit 1 for a file that is
not a Word document. It needs no database and creates none.
"""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from tests.support.word_fixtures import word_fixture
from segtui.domain.demo.documents import letter_docx



def check(path: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "segtui", "template", "check", str(path),
                           *options], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def test_check_real_word_document_lists_its_fields_as_json(private_data_dir):
    path = word_fixture("field-names-with-spaces.docx")
    result = check(path, "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["field"] for row in rows] == ["Singleword", "Hello world", "More than one space"]
    assert {row["status"] for row in rows} == {"unknown"}
    assert "3 of 3 merge fields are unknown" in result.stderr
    assert not any(private_data_dir.glob("*"))  # no database was opened or created


def test_check_demo_letter_knows_every_field(tmp_path):
    path = tmp_path / "letter.docx"
    path.write_bytes(letter_docx("ENU"))
    result = check(path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["field", "status", "merge_field", "suggestion"]
    assert any(line.split() == ["Contact_Name", "known", "Contact_Name"] for line in lines)
    assert "unknown" not in result.stdout and result.stderr == ""


def test_unknown_field_is_reported_with_the_nearest_known_name(tmp_path):
    document = Document()
    document.add_paragraph("Dear «Contact_Nmae», from «contact_city».")
    path = tmp_path / "typed.docx"
    document.save(path)
    result = check(path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"field": "Contact_Nmae", "status": "unknown", "merge_field": None,
         "suggestion": "Contact_Name"},
        {"field": "contact_city", "status": "known", "merge_field": "Contact_City",
         "suggestion": None}]
    assert "Contact_Nmae (did you mean Contact_Name?)" in result.stderr


@pytest.mark.parametrize("file_name, content, message", [
    ("broken.docx", b"PK\x03\x04" + bytes(64), "broken.docx is damaged: its .docx (zip) package "
                                               "cannot be read"),
    ("report.pdf", b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n", "report.pdf is a PDF file, not a Word "
                                                           "document (.docx)"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024),
     "old.doc is an old Word 97-2003 document (.doc)"),
])
def test_not_a_word_document_is_one_clear_line_and_exit_1(tmp_path, file_name, content, message):
    path = tmp_path / file_name
    path.write_bytes(content)
    result = check(path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"segtui: {path.parent}/{message}")


def test_corrupt_zip_from_a_real_document(tmp_path):
    data = letter_docx("ENU")
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 3])
    result = check(path)
    assert result.returncode == 1
    assert "cut.docx is damaged" in result.stderr


def test_missing_file(tmp_path):
    result = check(tmp_path / "nowhere.docx")
    assert result.returncode == 1
    assert result.stderr == f"segtui: cannot read {tmp_path}/nowhere.docx: No such file or " \
                            "directory\n"


def test_bytes_are_read_not_trusted_by_name(tmp_path):
    """A .docx name does not make a file a Word document, nor does a .bin name unmake one."""
    path = tmp_path / "letter.bin"
    buffer = io.BytesIO()
    Document().save(buffer)
    path.write_bytes(buffer.getvalue())
    result = check(path)
    assert result.returncode == 0
    assert "uses no merge fields" in result.stderr
