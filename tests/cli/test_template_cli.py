"""`segtui template check FILE.docx` run as a real process: the fields a document uses, unknown
ones with their places and a suggestion (exit 0, one line each on stderr, worded as everywhere),
one clear line and exit 1 for a file that is not a Word document. It needs no database and
creates none.
"""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.support.word_fixtures import word_fixture
from segtui.cli import main
from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents.word.merge import FieldUse, Template



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
    assert len(result.stderr.splitlines()) == 3
    assert f"{path}: unknown field «Singleword» in body: it stays empty" in result.stderr
    assert not any(private_data_dir.glob("*"))  # no database was opened or created


def test_check_demo_letter_knows_every_field(tmp_path):
    path = tmp_path / "letter.docx"
    path.write_bytes(letter_docx("ENU"))
    result = check(path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["field", "status", "merge_field", "suggestion", "places"]
    assert any(line.split() == ["Contact_Name", "known", "Contact_Name", "body"]
               for line in lines)
    assert "unknown" not in result.stdout and result.stderr == ""


def test_unknown_field_is_reported_with_its_places_and_the_nearest_known_name(tmp_path):
    document = Document()
    document.sections[0].footer.paragraphs[0].text = "«Contact_Nmae»"
    document.add_paragraph("Dear «Contact_Nmae», from «contact_city».")
    path = tmp_path / "typed.docx"
    document.save(path)
    result = check(path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"field": "Contact_Nmae", "status": "unknown", "merge_field": None,
         "suggestion": "Contact_Name", "places": "body, footer"},
        {"field": "contact_city", "status": "known", "merge_field": "Contact_City",
         "suggestion": None, "places": "body"}]
    assert result.stderr == (f"{path}: unknown field «Contact_Nmae» in body, footer: it stays "
                             "empty (did you mean Contact_Name?)\n")


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


def fields_not_evaluated() -> bytes:
    """A letter with a FILLIN field in its body and a NEXT in its header beside a known field."""
    document = Document()
    for paragraph, instruction in ((document.add_paragraph("Dear «Contact_Name» "),
                                    ' FILLIN "Your offer?" '),
                                   (document.sections[0].header.paragraphs[0], " NEXT ")):
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), instruction)
        paragraph._p.append(simple)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def with_fields_not_evaluated(path: Path) -> Path:
    path.write_bytes(fields_not_evaluated())
    return path


def test_fields_not_evaluated_are_rows_and_warnings(tmp_path, monkeypatch, capsys):
    """The engine's list of fields it does not evaluate, as `template check` shows it (the
    engine's answer given here, so this is the command's own part)."""
    path = with_fields_not_evaluated(tmp_path / "ask.docx")
    monkeypatch.setattr(Template, "unevaluated", lambda self: [
        FieldUse("FILLIN", "body"), FieldUse("NEXT", "header")])
    assert main(["template", "check", str(path), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)[1:] == [
        {"field": "FILLIN", "status": "not evaluated", "merge_field": None, "suggestion": None,
         "places": "body"},
        {"field": "NEXT", "status": "not evaluated", "merge_field": None, "suggestion": None,
         "places": "header"}]
    assert err.splitlines() == [
        f"{path}: field FILLIN in body is not evaluated: its text is the template's",
        f"{path}: field NEXT in header is not evaluated: its text is the template's"]


@pytest.mark.skipif(not Template(fields_not_evaluated()).unevaluated(),
                    reason="needs the merge engine that lists the fields it does not evaluate "
                           "(issue 19, Build 3)")
def test_a_real_document_with_fields_not_evaluated(tmp_path):
    result = check(with_fields_not_evaluated(tmp_path / "ask.docx"))
    assert result.returncode == 0, result.stderr
    assert any(line.split()[:3] == ["FILLIN", "not", "evaluated"]
               for line in result.stdout.splitlines())
    assert "field FILLIN in body is not evaluated: its text is the template's" in result.stderr
    assert "field NEXT in header is not evaluated: its text is the template's" in result.stderr
