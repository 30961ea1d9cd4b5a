"""`segtui segment document export|import|create|remove` as real processes (S-04, M-36): the
header's document exported, edited (python-docx), imported back as one line's document; that line
shows "Unique" and only its contact's letter changes (read back with python-docx and through
LibreOffice); removing it returns the line to the common document; replacing asks first."""
import json
from pathlib import Path

import pytest
from docx import Document
from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.documents import letter_segment
from tests.support.libreoffice import pdf_pages, to_pdf

from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents.template_documents import import_document

USER = "TESTER"
ADDED = "PS: thank you for visiting our stand."


@pytest.fixture
def segment(crm_db) -> tuple[str, str]:
    for language in ("ENU", "SVE"):
        import_document("LETTER", language, letter_docx(language), replace=True)
    return crm_db, letter_segment("P-ANNA", "P-BERT", "P-GUS")


def segtui(db: str, *args) -> object:
    return run_segtui(db, USER, *map(str, args))


def lines(db: str, segment_no: str) -> dict[str, dict]:
    shown = segtui(db, "segment", "show", segment_no, "--format", "json")
    assert shown.returncode == 0, shown.stderr
    return {line["contact_no"]: line for line in json.loads(shown.stdout)["lines"]}


def letters(db: str, segment_no: str, folder: Path) -> dict[str, Path]:
    merged = segtui(db, "segment", "merge", segment_no, "--out", folder)
    assert merged.returncode == 0, merged.stderr
    return {path.name.split()[1]: path for path in folder.glob("0*.docx")}


def paragraphs(path: Path) -> list[str]:
    return [paragraph.text for paragraph in Document(path).paragraphs]


def test_m36_s04_export_edit_import_for_one_line_then_remove(segment, tmp_path):
    db, segment_no = segment
    header = tmp_path / "header.docx"
    exported = segtui(db, "segment", "document", "export", segment_no, header)
    assert exported.returncode == 0 and exported.stdout == "", exported.stderr
    document = Document(header)
    document.add_paragraph(ADDED)
    document.save(tmp_path / "bert.docx")
    bert = lines(db, segment_no)["P-BERT"]["line_no"]

    imported = segtui(db, "segment", "document", "import", segment_no, tmp_path / "bert.docx",
                      "--line", bert)
    assert imported.returncode == 0, imported.stderr
    assert int(imported.stdout) == lines(db, segment_no)["P-BERT"]["attachment_no"]
    assert "imported as document" in imported.stderr
    assert {contact: line["document"] for contact, line in lines(db, segment_no).items()} == \
        {"P-ANNA": "Inherited", "P-BERT": "Unique", "P-GUS": "Inherited"}
    merged = letters(db, segment_no, tmp_path / "letters")
    assert paragraphs(merged["P-BERT"])[-1] == ADDED
    assert ADDED not in paragraphs(merged["P-GUS"]) + paragraphs(merged["P-ANNA"])
    bert_pdf, gus_pdf = to_pdf(merged["P-BERT"], merged["P-GUS"], out_dir=tmp_path)
    assert ADDED in " ".join(" ".join(pdf_pages(bert_pdf)).split())
    assert ADDED not in " ".join(" ".join(pdf_pages(gus_pdf)).split())

    refused = segtui(db, "segment", "document", "import", segment_no, tmp_path / "bert.docx",
                     "--line", bert)
    assert_refused_in_one_line(refused, ["Replace existing attachment?", "--replace"])
    removed = segtui(db, "segment", "document", "remove", segment_no, "--line", bert)
    assert removed.returncode == 0, removed.stderr
    assert lines(db, segment_no)["P-BERT"]["document"] == "Inherited"
    again = letters(db, segment_no, tmp_path / "again")
    assert ADDED not in paragraphs(again["P-BERT"])


def test_s04_header_import_replaces_only_with_replace(segment, tmp_path):
    db, segment_no = segment
    header, line_copy = tmp_path / "header.docx", tmp_path / "line.docx"
    gus = lines(db, segment_no)["P-GUS"]["line_no"]
    assert segtui(db, "segment", "document", "export", segment_no, header).returncode == 0
    assert segtui(db, "segment", "document", "export", segment_no, line_copy,
                  "--line", gus).returncode == 0
    assert line_copy.read_bytes() == header.read_bytes()  # an inherited line: the header's
    swedish = tmp_path / "sve.docx"
    assert segtui(db, "segment", "document", "export", segment_no, swedish,
                  "--lang", "SVE").returncode == 0
    assert "Med vänliga hälsningar" in paragraphs(swedish)  # the SVE document's closing

    assert_refused_in_one_line(
        segtui(db, "segment", "document", "import", segment_no, swedish),
        ["(language ENU) already has a document", "Replace existing attachment?"])
    assert lines(db, segment_no)["P-GUS"]["attachment_no"] == \
        lines(db, segment_no)["P-BERT"]["attachment_no"]
    before = lines(db, segment_no)["P-GUS"]["attachment_no"]
    replaced = segtui(db, "segment", "document", "import", segment_no, swedish, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert "2 lines changed" in replaced.stderr
    after = lines(db, segment_no)
    assert after["P-GUS"]["attachment_no"] == after["P-BERT"]["attachment_no"] == \
        int(replaced.stdout) != before
    assert_refused_in_one_line(segtui(db, "segment", "document", "remove", segment_no),
                               ["default language", "H7"])
    created = segtui(db, "segment", "document", "create", segment_no, "--lang", "DEU")
    assert created.returncode == 0, created.stderr
    assert segtui(db, "segment", "document", "remove", segment_no, "--lang",
                  "DEU").returncode == 0


def test_bad_input_is_refused_in_one_line(segment, tmp_path):
    db, segment_no = segment
    not_word = tmp_path / "letter.docx"
    not_word.write_text("plain text")
    assert_refused_in_one_line(
        segtui(db, "segment", "document", "import", segment_no, not_word, "--replace"),
        ["not a Word document"])
    assert_refused_in_one_line(
        segtui(db, "segment", "document", "export", segment_no, tmp_path / "none" / "x.docx"),
        ["cannot write"])
    assert_refused_in_one_line(
        segtui(db, "segment", "document", "create", segment_no, "--line", "7"),
        ["has no line 7"])
    usage = segtui(db, "segment", "document", "import", segment_no)
    assert usage.returncode == 2 and "FILE.docx" in usage.stderr
