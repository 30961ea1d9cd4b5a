"""`segtui template import|export|remove|documents` and `segtui segment personal-text` as real
processes on a demo database: the happy path, and bad input refused with exit status 1 and one
clear line on stderr."""
import json
import subprocess
import sys

import pytest

from segtui.domain.demo.documents import letter_docx


def segtui(db, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "segtui", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120, input=stdin,
                          stdin=None if stdin is not None else subprocess.DEVNULL)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "demo.db"
    result = segtui(db, "demo", "--contacts", "40")
    assert result.returncode == 0, result.stderr
    return db


def refused(result: subprocess.CompletedProcess, text: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("segtui: ") and text in lines[0], lines


def test_import_list_export_remove(demo_db, tmp_path):
    source = tmp_path / "meeting.docx"
    source.write_bytes(letter_docx("ENU"))
    imported = segtui(demo_db, "template", "import", "MEETING", "ENU", str(source))
    assert imported.returncode == 0, imported.stderr
    number = int(imported.stdout)
    listed = segtui(demo_db, "template", "documents", "MEETING", "--format", "json")
    rows = json.loads(listed.stdout)
    assert [(row["language"], row["attachment_no"], row["unknown_fields"]) for row in rows] == \
        [("ENU", number, "")]
    copy = tmp_path / "copy.docx"
    assert segtui(demo_db, "template", "export", "MEETING", "ENU", str(copy)).returncode == 0
    assert copy.read_bytes() == source.read_bytes()
    refused(segtui(demo_db, "template", "import", "MEETING", "ENU", str(source)),
            "Replace existing attachment?")
    replaced = segtui(demo_db, "template", "import", "MEETING", "ENU", str(source), "--replace")
    assert replaced.returncode == 0 and int(replaced.stdout) == number
    assert segtui(demo_db, "template", "remove", "MEETING", "ENU").returncode == 0
    refused(segtui(demo_db, "template", "export", "MEETING", "ENU", str(copy)), "no document")


def test_bad_files_are_refused_with_one_line(demo_db, tmp_path):
    pdf = tmp_path / "letter.docx"
    pdf.write_bytes(b"%PDF-1.4 not a letter")
    refused(segtui(demo_db, "template", "import", "LETTER", "ENU", str(pdf), "--replace"),
            "is a PDF file, not a Word document (.docx)")
    refused(segtui(demo_db, "template", "import", "LETTER", "ENU", str(tmp_path / "none.docx")),
            "cannot read")
    refused(segtui(demo_db, "template", "documents", "NOPE"),
            "interaction template NOPE does not exist")


def test_personal_text_set_and_clear(demo_db):
    shown = json.loads(segtui(demo_db, "segment", "show", "SEG00005", "--format", "json").stdout)
    line = str(shown["lines"][0]["line_no"])
    result = segtui(demo_db, "segment", "personal-text", "SEG00005", line, "-",
                    stdin="Thank you & see you soon.\nBest, Peter's team")
    assert result.returncode == 0, result.stderr
    preview = segtui(demo_db, "segment", "merge", "SEG00005", "--preview", line)
    assert "Thank you & see you soon.\nBest, Peter's team" in preview.stdout
    shown = json.loads(segtui(demo_db, "segment", "show", "SEG00005", "--format", "json").stdout)
    assert shown["lines"][0]["document"] == "Unique"
    assert segtui(demo_db, "segment", "personal-text", "SEG00005", line,
                  "--clear").returncode == 0
    shown = json.loads(segtui(demo_db, "segment", "show", "SEG00005", "--format", "json").stdout)
    assert shown["lines"][0]["document"] == "Inherited"
    refused(segtui(demo_db, "segment", "personal-text", "SEG00005", line),
            "give either the TEXT of the personal text or --clear")
    refused(segtui(demo_db, "segment", "personal-text", "SEG00005", line, "--clear"),
            "has no personal text")
