"""Merge values full of XML and Word field syntax stay text, and file names made from data never
leave the output folder (SQLite and PostgreSQL)."""
import io
import zipfile
from pathlib import Path

from docx import Document
from tests.support.documents import letter_segment
from hypothesis import example, given, settings
from hypothesis import strategies as st

from segtui.domain.documents import merge_letters
from segtui.domain.demo.documents import letter_docx
from segtui.domain.output.file_names import safe_file_name
from segtui.domain.documents.template_documents import import_document
from segtui.domain.documents.word.text import to_text
from segtui.store.enums import ContactType
from segtui.store.models import Contact

HOSTILE_NAMES = ["<w:t>&amp;</w:t> & < > \" '", "{ MERGEFIELD Name }", "«Name»",
                 "{ DDE \"cmd\" }", "]]><w:fldChar w:fldCharType=\"begin\"/>"]
# numbers segtui itself never makes (its parsers refuse control characters), stored directly
HOSTILE_NOS = ["../../ETC/PASSWD", "/ABS", "..", ".", "CON", "NUL.TXT"]


def english_letters() -> None:
    """The LETTER template's documents are the demo's letter, with real MERGEFIELDs."""
    for language in ("ENU", "SVE"):
        import_document("LETTER", language, letter_docx(language), replace=True)


def add_contacts(rows: dict[str, str]) -> None:
    Contact.insert_many([{"no": no, "type": ContactType.PERSON, "name": name,
                          "search_name": name.upper()[:100], "language_code": "ENU",
                          "city": "Malmö"} for no, name in rows.items()]).execute()


def field_codes(data: bytes) -> tuple[int, int]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    return xml.count("<w:fldChar"), xml.count("<w:instrText")


def test_merge_values_with_xml_and_field_syntax_stay_text(crm, tmp_path):
    english_letters()
    rows = {f"X-{index}": name for index, name in enumerate(HOSTILE_NAMES)}
    add_contacts({"X-PLAIN": "Plain Name", **rows})
    segment_no = letter_segment("X-PLAIN", *rows)
    out = tmp_path / "letters"
    result = merge_letters.merge_segment(segment_no, out)
    assert result.letters == len(rows) + 1
    files = sorted(out.glob("0*.docx"))
    plain = files[0].read_bytes()
    assert "Plain Name" in to_text(plain)
    for path, name in zip(files[1:], HOSTILE_NAMES):
        data = path.read_bytes()
        Document(io.BytesIO(data))  # a valid package python-docx opens
        assert name in to_text(data)
        assert field_codes(data) == field_codes(plain)  # no field made from data
    combined = result.combined[0].read_bytes()
    Document(io.BytesIO(combined))
    assert all(name in to_text(combined) for name in HOSTILE_NAMES)


def test_letter_files_named_from_data_stay_in_the_output_folder(crm, tmp_path):
    english_letters()
    names = ["../../x", "/etc/passwd", "..", "\x01\x1b", "Å" * 100, "a\nb\rc", "\u202etxt.exe",
             "con"]
    rows = dict(zip(HOSTILE_NOS, names))
    add_contacts(rows)
    segment_no = letter_segment(*rows)
    out = tmp_path / "deep" / "letters"
    before = set(tmp_path.rglob("*"))
    result = merge_letters.merge_segment(segment_no, out)
    written = [path for path in set(tmp_path.rglob("*")) - before if path.is_file()]
    assert result.letters == len(rows) and len(written) == len(rows) + len(result.combined)
    for path in written:
        assert path.parent == out, path
        assert len(path.name.encode()) <= 80 + len(".docx")
        Document(str(path))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=st.text(), max_length=st.integers(1, 200))
@example(text="../../etc/passwd", max_length=80)
@example(text="/abs", max_length=80)
@example(text="..", max_length=80)
@example(text="\x00", max_length=80)
@example(text="x" * 500, max_length=80)
@example(text=". . .", max_length=80)
@example(text="Å" * 500, max_length=1)
def test_a_safe_file_name_is_one_bounded_component(text, max_length):
    name = safe_file_name(text, max_length=max_length)
    assert name and name not in (".", "..")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert len(name.encode()) <= max(max_length, len("document_") + max_length)
    assert Path(name).name == name and len(Path(name).parts) == 1
