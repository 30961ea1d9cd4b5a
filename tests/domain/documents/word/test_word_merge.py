"""The Word merge engine on real Word documents, the demo letter and documents made here.

Real documents (saved by Word 2010 and Mac Word 2011) come from the folder SEGTUI_WORD_FIXTURES
names (tests/support/word_fixtures.py); those tests skip when it is not set. Every merge is
checked for: each field replaced, no field code or placeholder left, the text and formatting
around it intact, a document python-docx reads.
"""
import io
import re
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.support.word_fixtures import word_fixture
from segtui.domain.documents import merge_fields
from segtui.domain.demo.documents import letter_docx
from segtui.domain.errors import DomainError
from segtui.domain.documents.word.merge import Template, combine, to_text

STORY_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")

FIXTURE_FIELDS = {
    "winword2010-dutch-letter.docx": ["Titel", "Voornaam", "Achternaam", "Adresregel_1",
                                      "Postcode", "Plaats", "Provincie", "Land_of_regio"],
    "macword2011-letter.docx": ["first_name", "last_name", "address_line", "postal_code", "city",
                                "state", "country", "date"],
    "field-names-with-spaces.docx": ["Singleword", "Hello world", "More than one space"],
}


def fixture(name: str) -> bytes:
    return word_fixture(name).read_bytes()


def story_xml(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()
                if STORY_PART.fullmatch(name)}


def assert_fully_merged(docx: bytes) -> None:
    for name, xml in story_xml(docx).items():
        assert "MERGEFIELD" not in xml, name
        assert "«" not in xml and "»" not in xml, name
    Document(io.BytesIO(docx))  # python-docx reads it


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def field_char(run, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def complex_field(paragraph, *instruction_pieces: str, result: str = "«x»", italic=False):
    """A complex field as Word saves it: begin, the instruction over several runs, separate, the
    shown result, end."""
    field_char(paragraph.add_run(), "begin")
    for piece in instruction_pieces:
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = piece
        paragraph.add_run()._r.append(code)
    field_char(paragraph.add_run(), "separate")
    paragraph.add_run(result).italic = italic or None
    field_char(paragraph.add_run(), "end")


def simple_field(paragraph, instruction: str, result: str = "«x»") -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    paragraph._p.append(field)
    run = paragraph.add_run(result)
    field.append(run._r)


# --- real Word documents --------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(FIXTURE_FIELDS))
def test_real_word_document_lists_its_fields_in_order(name):
    assert Template(fixture(name)).fields() == FIXTURE_FIELDS[name]


@pytest.mark.parametrize("name", sorted(FIXTURE_FIELDS))
def test_real_word_document_merges_every_field(name):
    template = Template(fixture(name))
    values = {field: f"[{field} value]" for field in FIXTURE_FIELDS[name]}
    merged = template.render(values)
    assert_fully_merged(merged)
    text = to_text(merged)
    for value in values.values():
        assert value in text
    assert not any("fldChar" in xml or "fldSimple" in xml for xml in story_xml(merged).values())


def test_dutch_letter_keeps_the_text_and_language_around_its_fields():
    merged = Template(fixture("winword2010-dutch-letter.docx")).render(
        {"Titel": "Dhr.", "Voornaam": "Jan", "Achternaam": "de Vries",
         "Adresregel_1": "Dorpsstraat 1", "Postcode": "9711 AB", "Plaats": "Groningen",
         "Provincie": "Groningen", "Land_of_regio": "Nederland"})
    lines = to_text(merged).splitlines()
    assert lines[:3] == ["Dhr. Jan de Vries", "Dorpsstraat 1",
                         "9711 AB Groningen Groningen Nederland"]
    assert "Dear Jan," in lines and "Kind regards," in lines
    xml = story_xml(merged)["word/document.xml"]
    assert re.search(r'<w:rPr><w:noProof/><w:lang w:val="nl-NL"/></w:rPr>'
                     r'<w:t xml:space="preserve">Jan</w:t>', xml)


def test_merged_letter_has_no_link_to_a_mail_merge_data_source():
    merged = Template(fixture("winword2010-dutch-letter.docx")).render({})
    with zipfile.ZipFile(io.BytesIO(merged)) as archive:
        assert b"mailMerge" not in archive.read("word/settings.xml")
        assert b"mailMergeSource" not in archive.read("word/_rels/settings.xml.rels")
        assert "word/recipientData.xml" not in archive.namelist()
        assert b"recipientData" not in archive.read("[Content_Types].xml")
        assert archive.testzip() is None


def test_fields_with_spaces_match_keys_written_any_way():
    merged = Template(fixture("field-names-with-spaces.docx")).render(
        {"hello_world": "Hi", "MORE-THAN-ONE-SPACE": "Many", "singleword": "One"})
    assert to_text(merged) == "One\nHi\nMany\n"


# --- the demo letter ------------------------------------------------------------------------

def full_row() -> dict[str, str]:
    row = {name: f"{name.lower()}-value" for name in merge_fields.MERGE_FIELDS}
    row["Contact_Name"] = "Anna Berg"
    row["Document_Date"] = "15 January 2026"
    return row


def test_demo_letter_uses_only_known_fields_and_merges_them_all():
    template = Template(letter_docx("ENU"))
    assert all(check.known for check in merge_fields.check(template.fields()))
    assert {"Contact_Name", "Address_Line_1", "Salutation_Formal", "Document_Date"} <= set(
        template.fields())
    merged = template.render(full_row())
    assert_fully_merged(merged)
    text = to_text(merged)
    assert "company_info_city-value, 15 January 2026" in text
    assert ("Company: contact_company_name-value · Contact: Anna Berg · "
            "Our ref. contact_no-value") in text
    assert "Subject: document_subject-value" in text


def test_demo_letter_keeps_bold_and_small_print_of_its_fields():
    document = Document(io.BytesIO(Template(letter_docx("ENU")).render(full_row())))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    first = {}
    for run in runs:
        first.setdefault(run.text, run)
    assert first["company_info_name-value"].bold  # the letterhead
    assert first["document_subject-value"].bold
    assert first["Anna Berg"].font.size == Pt(8)
    assert not runs[-1].bold and runs[-1].text == "company_info_name-value"


# --- documents made here --------------------------------------------------------------------

def test_placeholder_split_over_runs_takes_the_first_runs_formatting():
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Dear ").bold = True
    paragraph.add_run("«Con").italic = True
    paragraph.add_run("tact_Na")
    paragraph.add_run("me», welcome to «Company_Info_Name».")
    template = Template(docx_bytes(document))
    assert template.fields() == ["Contact_Name", "Company_Info_Name"]
    merged = template.render({"Contact_Name": "Anna", "Company_Info_Name": "Cronus"})
    assert_fully_merged(merged)
    runs = Document(io.BytesIO(merged)).paragraphs[0].runs
    assert "".join(run.text for run in runs) == "Dear Anna, welcome to Cronus."
    assert runs[0].text == "Dear " and runs[0].bold
    anna = next(run for run in runs if "Anna" in run.text)
    assert anna.text == "Anna" and anna.italic


def test_fields_in_header_footer_and_table_are_merged_and_other_fields_kept():
    document = Document()
    section = document.sections[0]
    complex_field(section.header.paragraphs[0], " MERGEFIELD ", '"Contact ', 'Name" ',
                  "\\* MERGEFORMAT ")
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    complex_field(footer, " PAGE ", result="1")
    footer.add_run(" · ")
    simple_field(footer, " MERGEFIELD Company_Info_Name \\* MERGEFORMAT ")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Phone"
    table.cell(0, 1).text = "«Salesperson_Phone_No»"
    template = Template(docx_bytes(document))
    assert template.fields() == ["Contact Name", "Salesperson_Phone_No", "Company_Info_Name"]
    merged = template.render({"Contact_Name": "Anna", "Company_Info_Name": "Cronus",
                              "Salesperson_Phone_No": "+46 8 123"})
    assert_fully_merged(merged)
    assert to_text(merged) == "Anna\n\nPhone | +46 8 123\n\nPage 1 · Cronus\n"
    footer_xml = next(xml for name, xml in story_xml(merged).items() if "footer" in name)
    assert " PAGE " in footer_xml and "fldChar" in footer_xml


def test_formatting_around_a_field_survives():
    document = Document()
    paragraph = document.add_paragraph(style="Heading 2")
    paragraph.add_run("Dear ").bold = True
    complex_field(paragraph, " MERGEFIELD Contact_Name \\* MERGEFORMAT ", italic=True)
    paragraph.add_run(", thanks.")
    merged = Document(io.BytesIO(Template(docx_bytes(document)).render({"Contact_Name": "Ann"})))
    paragraph = merged.paragraphs[0]
    assert paragraph.style.name == "Heading 2"
    assert [(run.text, run.bold, run.italic) for run in paragraph.runs if run.text] == [
        ("Dear ", True, None), ("Ann", None, True), (", thanks.", None, None)]


def test_values_are_literal_text():
    document = Document()
    complex_field(document.add_paragraph(), " MERGEFIELD Contact_Name ")
    document.add_paragraph("«Contact_Company_Name»")
    tricky = 'A & B <w:t>x</w:t> { MERGEFIELD Contact_No } "q" \x00\x07'
    merged = Template(docx_bytes(document)).render(
        {"Contact_Name": tricky, "Contact_Company_Name": "«Contact_Name»"})
    assert to_text(merged) == tricky[:-2] + "\n«Contact_Name»\n"


def test_multi_line_value_becomes_line_breaks_in_one_run():
    document = Document()
    simple_field(document.add_paragraph(), " MERGEFIELD Contact_Mail_Address ")
    merged = Template(docx_bytes(document)).render(
        {"Contact_Mail_Address": "Anna Berg\r\nStorgatan 1\n111 22 Stockholm"})
    paragraph = Document(io.BytesIO(merged)).paragraphs[0]
    assert len(paragraph.runs) == 1
    assert paragraph.text == "Anna Berg\nStorgatan 1\n111 22 Stockholm"
    assert story_xml(merged)["word/document.xml"].count("<w:br/>") == 2


@pytest.mark.parametrize("instruction, value, shown", [
    (' MERGEFIELD Contact_Name \\* Upper \\* MERGEFORMAT ', "anna berg", "ANNA BERG"),
    (' MERGEFIELD Contact_Name \\* Caps ', "anna berg", "Anna Berg"),
    (' MERGEFIELD Contact_Name \\* FirstCap ', "anna berg", "Anna berg"),
    (' MERGEFIELD Contact_Name \\* Lower ', "Anna Berg", "anna berg"),
    (' MERGEFIELD Contact_Name \\b "Dear " \\f "," ', "Anna", "Dear Anna,"),
    (' MERGEFIELD Contact_Name \\b "Dear " \\f "," ', "", ""),
    (' MERGEFIELD Document_Date \\@ "d MMMM yyyy" ', "2026-01-05", "5 January 2026"),
    (' MERGEFIELD Document_Date \\@ "dd-MM-yy" ', "2026-01-05", "05-01-26"),
    (' MERGEFIELD Document_Date \\@ "dddd, \'the\' d" ', "2026-01-05", "Monday, the 5"),
    (' MERGEFIELD Document_Date \\@ "HH:mm" ', "2026-01-05T09:07", "09:07"),
    (' MERGEFIELD Document_Date \\@ "d MMMM yyyy" ', "5 januari", "5 januari"),
])
def test_switches_format_the_value(instruction, value, shown):
    document = Document()
    complex_field(document.add_paragraph(), instruction)
    merged = Template(docx_bytes(document)).render({"Contact_Name": value, "Document_Date": value})
    assert to_text(merged) == shown + "\n"


def test_merge_field_inside_another_fields_code_becomes_one_quoted_argument():
    document = Document()
    paragraph = document.add_paragraph()
    field_char(paragraph.add_run(), "begin")
    code = OxmlElement("w:instrText")
    code.text = " REF "
    paragraph.add_run()._r.append(code)
    complex_field(paragraph, " MERGEFIELD Contact_Name ")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " \\h "
    paragraph.add_run()._r.append(code)
    field_char(paragraph.add_run(), "separate")
    paragraph.add_run("Dear friend")
    field_char(paragraph.add_run(), "end")
    template = Template(docx_bytes(document))
    assert template.fields() == ["Contact_Name"]
    xml = story_xml(template.render({"Contact_Name": 'Ann "A" Berg'}))["word/document.xml"]
    assert "MERGEFIELD" not in xml
    assert '<w:instrText xml:space="preserve">"Ann \\"A\\" Berg"</w:instrText>' in xml
    assert '<w:fldChar w:fldCharType="begin" w:dirty="true"/>' in xml


def test_missing_values_and_unknown_fields_leave_nothing_and_prose_in_quotes_stays():
    document = Document()
    complex_field(document.add_paragraph("Name: "), " MERGEFIELD Contact_Name ")
    complex_field(document.add_paragraph("Typo: "), " MERGEFIELD Contact_Nmae ")
    document.add_paragraph("Il a dit « Bonjour », «Bonjour madame» et «Contact_Nmae».")
    document.add_paragraph("«Contact Name» « Contact_Name » «Contact-Name»")
    template = Template(docx_bytes(document))
    assert template.fields() == ["Contact_Name", "Contact_Nmae"]
    assert to_text(template.render({})) == (
        "Name: \nTypo: \nIl a dit « Bonjour », «Bonjour madame» et .\n"
        "«Contact Name» « Contact_Name » «Contact-Name»\n")
    assert to_text(template.render({"contact name": "Ann"})) == (
        "Name: Ann\nTypo: \nIl a dit « Bonjour », «Bonjour madame» et .\n"
        "«Contact Name» « Contact_Name » «Contact-Name»\n")


def test_word_template_dotx_merges_into_a_document():
    with zipfile.ZipFile(io.BytesIO(letter_docx("ENU"))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"document.main+xml", b"template.main+xml")
    merged = Template(_zip(members)).render({"Contact_Name": "Ann"})
    with zipfile.ZipFile(io.BytesIO(merged)) as archive:
        assert b"document.main+xml" in archive.read("[Content_Types].xml")
    assert "Ann" in to_text(merged)


def test_charformat_takes_the_formatting_of_the_field_code():
    document = Document()
    paragraph = document.add_paragraph()
    field_char(paragraph.add_run(), "begin")
    code = paragraph.add_run()
    code.bold = True
    instruction = OxmlElement("w:instrText")
    instruction.text = " MERGEFIELD Contact_Name \\* CHARFORMAT "
    code._r.append(instruction)
    field_char(paragraph.add_run(), "separate")
    paragraph.add_run("«Contact_Name»").italic = True
    field_char(paragraph.add_run(), "end")
    merged = Template(docx_bytes(document)).render({"Contact_Name": "Ann"})
    run = Document(io.BytesIO(merged)).paragraphs[0].runs[0]
    assert (run.text, run.bold, run.italic) == ("Ann", True, None)


def test_a_template_renders_many_letters_independently():
    template = Template(letter_docx("DEU"))
    first = template.render({"Contact_Name": "Erste"})
    second = template.render({"Contact_Name": "Zweite"})
    assert "Erste" in to_text(first) and "Erste" not in to_text(second)


# --- combining letters ----------------------------------------------------------------------

def test_combined_letters_are_sections_on_new_pages_with_their_own_headers():
    document = Document()
    document.sections[0].start_type = WD_SECTION.CONTINUOUS  # letters start on a page even so
    complex_field(document.sections[0].header.paragraphs[0], " MERGEFIELD Contact_Name ")
    document.add_picture(io.BytesIO(_png()))
    document.add_paragraph("Dear «Contact_Name»,")
    template = Template(docx_bytes(document))
    names = ["Anna", "Bertil", "Cecilia"]
    combined = combine([template.render({"Contact_Name": name}) for name in names])
    result = Document(io.BytesIO(combined))
    assert [paragraph.text for paragraph in result.paragraphs if paragraph.text] == [
        f"Dear {name}," for name in names]
    assert len(result.sections) == 3
    assert [section.header.paragraphs[0].text for section in result.sections] == names
    assert all(section.start_type == WD_SECTION.NEW_PAGE for section in result.sections[1:])
    assert len(result.inline_shapes) == 3
    with zipfile.ZipFile(io.BytesIO(combined)) as archive:
        assert archive.testzip() is None


def test_combine_needs_letters():
    with pytest.raises(DomainError, match="no letters"):
        combine([])


def _png() -> bytes:
    """A 1×1 PNG picture."""
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQ"
                            "DwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


# --- bad input ------------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            # a fixed time: the bytes are the test's id, the same in every xdist worker
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()


XLSX_TYPES = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.spreadsheetml.sheet.main+xml"/></Types>')


@pytest.mark.parametrize("data, message", [
    (b"", "letter.docx is empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "letter.docx is a PDF file, not a Word document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "letter.docx is an old Word 97-2003 "
                                                       "document (.doc)"),
    (b"{\\rtf1\\ansi Hello}", "letter.docx is an RTF file"),
    (b"Dear customer,\n", "letter.docx is not a Word document (.docx)"),
    (b"PK\x03\x04" + bytes(40), "letter.docx is damaged: its .docx (zip) package cannot be read"),
    (_zip({"hello.txt": b"hi"}), "letter.docx is a zip file but not a Word document"),
    (_zip({"[Content_Types].xml": XLSX_TYPES}), "letter.docx is an Excel workbook, not a Word"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
     "letter.docx is an OpenDocument file (.odt)"),
])
def test_not_a_word_document_is_refused_with_what_it_is(data, message):
    with pytest.raises(DomainError, match=re.escape(message)):
        Template(data, name="letter.docx")


def test_truncated_docx_is_damaged():
    data = letter_docx("ENU")
    with pytest.raises(DomainError, match="is damaged"):
        Template(data[: len(data) // 2], name="letter.docx")


def test_document_part_that_is_not_xml_is_damaged():
    with zipfile.ZipFile(io.BytesIO(letter_docx("ENU"))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:500]
    with pytest.raises(DomainError, match=r"is damaged: word/document.xml is not valid XML"):
        Template(_zip(members), name="letter.docx")
