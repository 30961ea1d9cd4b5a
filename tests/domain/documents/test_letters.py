"""One Word letter per contact from a segment's documents (M-33), previews, safe file names."""
import os
import stat
import zipfile

import pytest

from segtui.domain.documents import merge_letters, pdf_files
from segtui.domain.demo.build import load_demo
from segtui.domain.errors import DomainError
from segtui.domain.output.file_names import safe_file_name
from segtui.domain.documents.merge_data import line_values
from segtui.domain.segments.queries import line_rows
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.lines import add_line
from segtui.domain.documents.word.merge import to_text
from segtui.store.models import Contact

LETTER_SEGMENT = "SEG00005"      # the demo's Christmas card: LETTER template, ENU/SVE/DEU


@pytest.fixture
def demo(database):
    load_demo(contacts=150, seed=3, user="TESTER")
    return database


def test_M33_one_letter_per_contact_with_fields_filled(demo, tmp_path):
    out = tmp_path / "letters"
    result = merge_letters.merge_segment(LETTER_SEGMENT, out)
    lines = line_rows(LETTER_SEGMENT)
    assert result.letters == len(lines) > 0
    files = sorted(out.glob("0*.docx"))
    assert len(files) == len(lines)
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    first = lines[0]
    text = to_text(files[0].read_bytes())
    contact = Contact.get_by_id(first["contact_no"])
    assert contact.name in text and contact.city in text
    assert "«" not in text
    with zipfile.ZipFile(files[0]) as package:
        assert "MERGEFIELD" not in package.read("word/document.xml").decode()


def test_M33_values_follow_the_line(demo):
    line, values = next(line_values(LETTER_SEGMENT))
    contact = Contact.get_by_id(line.contact)
    assert values["Contact_No"] == contact.no
    assert values["Document_Subject"] == line.subject
    assert values["Document_Date"] == str(line.date)
    assert values["Contact_Mail_Address"].splitlines()[0] == contact.name
    assert values["Address_Line_1"] == contact.name
    assert values["Company_Info_Name"] == "CRONUS Sverige AB"
    assert values["Salutation_Formal"]


def test_combined_file_holds_every_letter(demo, tmp_path):
    result = merge_letters.merge_segment(LETTER_SEGMENT, tmp_path)
    combined = to_text(result.combined[0].read_bytes())
    for line in line_rows(LETTER_SEGMENT)[:5]:
        assert Contact.get_by_id(line["contact_no"]).name in combined


def test_preview_is_the_letter_as_text(demo):
    line = line_rows(LETTER_SEGMENT)[0]
    text = merge_letters.preview(LETTER_SEGMENT, line["line_no"])
    assert Contact.get_by_id(line["contact_no"]).name in text


def test_data_stays_text_in_the_letter(demo, tmp_path):
    Contact.update(name="[bold]x & <w:t>MERGEFIELD Contact_No</w:t> {PAGE}").where(
        Contact.no == line_rows(LETTER_SEGMENT)[0]["contact_no"]).execute()
    line = line_rows(LETTER_SEGMENT)[0]
    text = merge_letters.preview(LETTER_SEGMENT, line["line_no"])
    assert "[bold]x & <w:t>MERGEFIELD Contact_No</w:t> {PAGE}" in text


def test_a_segment_without_documents_is_refused(demo, tmp_path):
    segment_no = create_segment(user="TESTER", description="Calls", template="MEETING")
    add_line(segment_no, Contact.select(Contact.no).limit(1).scalar(), user="TESTER")
    with pytest.raises(DomainError, match="no line with a document"):
        merge_letters.merge_segment(segment_no, tmp_path / "none")


def test_pdf_without_libreoffice_is_a_clear_message(demo, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_files.shutil, "which", lambda name: None)
    with pytest.raises(DomainError, match="--pdf needs LibreOffice"):
        merge_letters.merge_segment(LETTER_SEGMENT, tmp_path / "pdf", pdf=True)


@pytest.mark.parametrize("text, expected", [
    ("Anna Olsson", "Anna Olsson"),
    ("../../etc/passwd", "_.._etc_passwd"),
    ("a/b\\c:d*e?f", "a_b_c_d_e_f"),
    ("tab\there\nnew", "tab here new"),
    ("\u202eevil\u200b", "evil"),
    ("CON", "document_CON"),
    ("...", "document"),
    ("", "document"),
])
def test_file_names_from_data_cannot_leave_the_folder(text, expected):
    assert safe_file_name(text) == expected


def test_file_names_are_bounded():
    name = safe_file_name("Å" * 500)
    assert len(name.encode()) <= 80 and "/" not in name
