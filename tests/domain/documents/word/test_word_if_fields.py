"""IF fields, switches and fields inside fields in merged letters, on documents written the way
Word writes them: complex fields over many runs, instruction text split mid-word, fields nested
in a field's code (complex and `w:fldSimple`), the stored result of the last update. Letters of
two contacts are read back by LibreOffice, each with its own branch."""
import io
import re
import zipfile
from xml.sax.saxutils import escape

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from segtui.domain.documents.word.merge import FieldUse, Template, to_text
from tests.support.libreoffice import pdf_pages, require_libreoffice, to_pdf

BOLD = "<w:rPr><w:b/></w:rPr>"


class Xml(str):
    """Markup, as opposed to field code text."""


def run(text: str, rpr: str = "") -> Xml:
    return Xml(f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def mark(kind: str) -> Xml:
    return Xml(f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>')


def code(text: str, rpr: str = "") -> Xml:
    return Xml(f'<w:r>{rpr}<w:instrText xml:space="preserve">{escape(text)}</w:instrText></w:r>')


def field(*pieces, result: str = "", rpr: str = "") -> Xml:
    """A complex field: begin, each code piece (text as an instrText run of its own, markup as
    it is), separate, the stored result, end."""
    return Xml(mark("begin") + "".join(piece if isinstance(piece, Xml) else code(piece, rpr)
                                       for piece in pieces) + mark("separate")
               + (run(result, rpr) if result else "") + mark("end"))


def merge_field(name: str, *switches: str) -> Xml:
    """A MERGEFIELD as Word writes it: the instruction over three runs, split mid-word."""
    return field(" MERGEFI", f"ELD {name[:3]}", f"{name[3:]} {' '.join(switches)} ",
                 result=f"«{name}»")


def simple(instruction: str, shown: str) -> Xml:
    return Xml(f'<w:fldSimple w:instr="{escape(instruction, {chr(34): "&quot;"})}">'
               f'{run(shown)}</w:fldSimple>')


def docx(*paragraphs: str, header: tuple[str, ...] = ()) -> bytes:
    """A .docx whose body (and header) holds `paragraphs`, each a list of runs' markup."""
    document = Document()
    body = document.element.body
    for position, paragraph in enumerate(paragraphs):
        body.insert(position, parse_xml(f"<w:p {nsdecls('w')}>{paragraph}</w:p>"))
    header_element = document.sections[0].header._element
    for paragraph in header:
        header_element.append(parse_xml(f"<w:p {nsdecls('w')}>{paragraph}</w:p>"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def document_xml(letter: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(letter)) as archive:
        return archive.read("word/document.xml").decode()


def greeting_paragraph() -> str:
    """{ IF { MERGEFIELD Contact_City } = "Stockholm" "Välkommen { MERGEFIELD Contact_Name }!"
    "{ IF { MERGEFIELD Contact_Country } = "NO" "Velkommen" "Welcome" } { MERGEFIELD
    Contact_Name \\* Upper }!" }, last shown as "Welcome «Contact_Name»!" in bold."""
    nested_if = field(" IF ", merge_field("Contact_Country"), ' = "NO" "Velkommen" "Welcome" ',
                      result="Welcome")
    greeting = field(
        " IF ", merge_field("Contact_City"), ' = "Stockholm" "Välkommen ',
        merge_field("Contact_Name"), '!" "', nested_if, " ",
        simple(" MERGEFIELD Contact_Name \\* Upper ", "«Contact_Name»"), '!" ',
        result="Welcome «Contact_Name»!", rpr=BOLD)
    return run("Greeting: ") + greeting + run(".")


def greeting_template() -> bytes:
    return docx(greeting_paragraph())


CONTACTS = [
    ({"Contact_Name": "Anna", "Contact_City": "Stockholm", "Contact_Country": "SE"},
     "Greeting: Välkommen Anna!."),
    ({"Contact_Name": "Ola", "Contact_City": "Oslo", "Contact_Country": "NO"},
     "Greeting: Velkommen OLA!."),
    ({"Contact_Name": "Jane", "Contact_City": "London", "Contact_Country": "GB"},
     "Greeting: Welcome JANE!."),
]


@pytest.mark.parametrize("values, shown", CONTACTS)
def test_if_field_chooses_per_contact_with_nested_fields(values, shown):
    letter = Template(greeting_template()).render(values)
    assert to_text(letter) == shown + "\n"
    xml = document_xml(letter)
    assert "fldChar" not in xml and "instrText" not in xml and "fldSimple" not in xml
    chosen = Document(io.BytesIO(letter)).paragraphs[0].runs[1]
    assert chosen.text == shown.removeprefix("Greeting: ").removesuffix(".") and chosen.bold


def test_fields_inside_if_fields_are_listed_and_the_stored_result_is_never_shown():
    template = Template(greeting_template())
    assert template.fields() == ["Contact_City", "Contact_Name", "Contact_Country"]
    assert template.unevaluated() == []
    assert "«" not in to_text(template.render({}))
    assert to_text(template.render({})) == "Greeting: Welcome !.\n"


@pytest.mark.parametrize("condition, values, chosen", [
    (' >= 1000 ', ["999", "1000", "1,500.5", "abc"], ["no", "yes", "yes", "yes"]),
    (' < 10 ', ["9", "10", "-3", ""], ["yes", "no", "yes", "yes"]),
    (' <> "" ', ["x", ""], ["yes", "no"]),
    (' = "" ', ["x", ""], ["no", "yes"]),
    (' = "Stock*" ', ["Stockholm", "Oslo", "stockholm"], ["yes", "no", "no"]),
    (' <> "?slo" ', ["Oslo", "Stockholm"], ["no", "yes"]),
    (' > "M" ', ["Anna", "Ola"], ["no", "yes"]),
    (' <= 2.5 ', ["2.50", "2.6"], ["yes", "no"]),
])
def test_if_operators_compare_numbers_as_numbers_and_text_as_text(condition, values, chosen):
    template = Template(docx(field(" IF ", merge_field("Value"), condition + '"yes" "no" ',
                                   result="no")))
    assert [to_text(template.render({"Value": value})).strip() for value in values] == chosen


def test_if_field_switches_and_a_simple_if_field():
    template = Template(docx(
        field(" IF ", merge_field("Amount"), ' > 0 "', merge_field("Amount", '\\# "#,##0.00"'),
              ' to pay" "nothing to pay" \\* Upper \\* MERGEFORMAT ', result="NOTHING TO PAY"),
        simple(' IF 1 = 1 "always" "never" ', "never")))
    assert to_text(template.render({"Amount": "1234.5"})) == "1,234.50 TO PAY\nalways\n"
    assert to_text(template.render({"Amount": "0"})) == "NOTHING TO PAY\nalways\n"


def test_merge_field_switches_in_a_letter():
    template = Template(docx(
        run("Total: ") + merge_field("Amount", '\\# "$#,##0.00;($#,##0.00)"'),
        merge_field("Document_Date", '\\@ "d MMMM yyyy"', "\\* Upper"),
        merge_field("Contact_Name", '\\b "Dear "', '\\f ","', "\\* Caps")))
    assert to_text(template.render({"Amount": "-1234.5", "Document_Date": "2026-03-01",
                                    "Contact_Name": "anna berg"})) == \
        "Total: ($1,234.50)\n1 MARCH 2026\nDear Anna Berg,\n"


def test_merge_field_in_another_fields_code_is_one_quoted_argument_and_that_field_updates():
    template = Template(docx(
        field(" HYPERLINK ", simple(" MERGEFIELD Contact_Home_Page ", "«Contact_Home_Page»"),
              " \\o ", merge_field("Contact_Name"), " ", result="our page"),
        field(' HYPERLINK "mailto:', merge_field("Contact_Email"), '" ', result="write to us"),
        field(" = ", merge_field("Amount"), ' * 1.25 \\# "0.00" ', result="0.00"),
        run("Page ") + field(" PAGE ", result="1")))
    assert template.fields() == ["Contact_Home_Page", "Contact_Name", "Contact_Email", "Amount"]
    xml = document_xml(template.render({"Contact_Home_Page": "https://x.se/?a=1&b=2",
                                        "Contact_Name": 'Ann "A" Berg',
                                        "Contact_Email": "ann@x.se", "Amount": "100"}))
    codes = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
    assert codes == [" HYPERLINK ", '"https://x.se/?a=1&amp;b=2"', " \\o ",
                     '"Ann \\"A\\" Berg"', " ", ' HYPERLINK "mailto:', "ann@x.se", '" ',
                     " = ", "100", ' * 1.25 \\# "0.00" ', " PAGE "]
    assert xml.count('<w:fldChar w:fldCharType="begin" w:dirty="true"/>') == 3
    assert xml.count('<w:fldChar w:fldCharType="begin"/>') == 1  # PAGE: nothing merged in it
    assert "MERGEFIELD" not in xml and "fldSimple" not in xml


def test_fields_a_merge_does_not_evaluate_are_listed_by_type_and_place():
    template = Template(docx(
        field(" ASK Question \"Which?\" ", result="") + field(" REF Question ", result="old"),
        field(" FILLIN \"Your name\" ", result="Stale") + field(" DATE ", result="1 May"),
        simple(" NEXT ", "") + simple(" MERGEREC ", "7") + simple(" MERGESEQ ", "7"),
        field(" IF ", field(" SKIPIF 1 = 1 ", result=""), ' = "" "a" "b" ', result="b"),
        field(" INCLUDETEXT \"C:\\\\x.docx\" ", result="included"),
        header=(simple(" FILLIN \"Subject\" ", "Old subject"), simple(" PAGE ", "1"))))
    assert template.unevaluated() == [
        FieldUse("FILLIN", "header"), FieldUse("ASK", "body"), FieldUse("FILLIN", "body"),
        FieldUse("NEXT", "body"), FieldUse("MERGEREC", "body"), FieldUse("MERGESEQ", "body"),
        FieldUse("SKIPIF", "body"), FieldUse("INCLUDETEXT", "body")]
    text = to_text(template.render({}))
    assert "Stale" in text and "Old subject" in text  # left as the template shows them
    assert "a\n" in text  # the IF around SKIPIF is evaluated


CENTRED = '<w:pPr><w:jc w:val="center"/></w:pPr>'


def company_line(*, section_break: bool = False) -> tuple[str, str]:
    """{ IF { MERGEFIELD Contact_Company_Name } <> "" "{ MERGEFIELD Contact_Company_Name }¶" "" }
    as Word writes it: the paragraph mark inside the text ends the field's first paragraph, the
    next paragraph (centred) holds the rest of the code, the stored result and "Street 1"."""
    first = ("<w:pPr><w:sectPr/></w:pPr>" if section_break else "") + run("To: ") + mark(
        "begin") + code(" IF ") + merge_field("Contact_Company_Name") + code(' <> "" "') \
        + merge_field("Contact_Company_Name")
    second = CENTRED + code('" "" ') + mark("separate") + run("Cronus") + mark("end") \
        + run("Street 1")
    return first, second


def test_an_if_field_over_paragraphs_decides_where_paragraphs_end():
    template = Template(docx(run("Letter"), *company_line(), run("Bye")))
    assert template.unevaluated() == []
    assert template.fields() == ["Contact_Company_Name"]
    with_company = template.render({"Contact_Company_Name": "Cronus AB"})
    assert to_text(with_company) == "Letter\nTo: Cronus AB\nStreet 1\nBye\n"
    paragraphs = Document(io.BytesIO(with_company)).paragraphs
    assert [paragraph.alignment for paragraph in paragraphs[:4]] == [None, None, 1, None]
    without = template.render({"Contact_Company_Name": ""})
    assert to_text(without) == "Letter\nTo: Street 1\nBye\n"
    assert "fldChar" not in document_xml(with_company) + document_xml(without)


def test_an_if_field_over_a_section_break_is_left_as_it_is_and_listed():
    template = Template(docx(*company_line(section_break=True)))
    assert template.unevaluated() == [FieldUse("IF", "body")]
    assert template.fields() == ["Contact_Company_Name"]
    xml = document_xml(template.render({"Contact_Company_Name": "Cronus"}))
    assert '<w:instrText xml:space="preserve">"Cronus"</w:instrText>' in xml
    assert '<w:fldChar w:fldCharType="begin" w:dirty="true"/>' in xml


def test_if_in_a_header_lists_its_fields_in_the_header():
    template = Template(docx(
        merge_field("Contact_Name"),
        header=(field(" IF ", merge_field("Salutation_Code"), ' = "F" "Ms" "Mr" ', result="Mr"),
                )))
    assert template.field_uses() == [FieldUse("Salutation_Code", "header"),
                                     FieldUse("Contact_Name", "body")]
    assert to_text(template.render({"Salutation_Code": "F", "Contact_Name": "Berg"})) == \
        "Ms\n\nBerg\n"


def test_letters_with_if_fields_read_back_by_libreoffice_show_each_contacts_branch(tmp_path):
    require_libreoffice()
    template = Template(docx(greeting_paragraph(), *company_line()))
    paths = []
    for number, (values, _shown) in enumerate(CONTACTS[:2], start=1):
        path = tmp_path / f"letter-{number}.docx"
        company = {"Contact_Company_Name": "Berg Konsult AB" if number == 1 else ""}
        path.write_bytes(template.render(values | company))
        paths.append(path)
    first, second = [[line.strip() for line in "".join(pdf_pages(pdf)).splitlines()
                      if line.strip()] for pdf in to_pdf(*paths)]
    assert first == ["Greeting: Välkommen Anna!.", "To: Berg Konsult AB", "Street 1"]
    assert second == ["Greeting: Velkommen OLA!.", "To: Street 1"]


def test_an_if_text_with_an_empty_paragraph_keeps_it():
    first, second = company_line()
    template = Template(docx(first, "", second))  # "{ MERGEFIELD … }¶¶" in the text
    assert template.unevaluated() == []
    assert to_text(template.render({"Contact_Company_Name": "Cronus"})) == \
        "To: Cronus\n\nStreet 1\n"
    assert to_text(template.render({})) == "To: Street 1\n"
