"""A letter template as Word writes one, made here with python-docx and lxml: three pages of body,
footnotes (one merge field in each), a first-page header (titlePg) and a default one, a footer
with a PAGE field, a numbered list, a bookmark with a PAGEREF field to it, a picture, and the
parts Word always writes (styles, numbering, settings, theme, fonts).

Each page says which letter and page it is ("Letter of NAME, page N"), so a reader of the
combined file can tell every page's letter apart.
"""
import io
import struct
import zipfile
import zlib

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
PAGES = 3


def png(colour: tuple[int, int, int] = (200, 30, 30), size: int = 16) -> bytes:
    """A small PNG picture of one colour."""
    row = b"\x00" + bytes(colour) * size
    chunks = [(b"IHDR", struct.pack(">2I5B", size, size, 8, 2, 0, 0, 0)),
              (b"IDAT", zlib.compress(row * size)), (b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(data)) + kind + data
        + struct.pack(">I", zlib.crc32(kind + data)) for kind, data in chunks)


def field(paragraph, instruction: str, shown: str) -> None:
    """A complex field as Word saves it: begin, code, separate, result, end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, shown), ("end", None)):
        run = paragraph.add_run()
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = instruction
            run._r.append(code)
        else:
            run.text = text


def footnote_reference(paragraph, number: int) -> None:
    run = paragraph.add_run()
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:vertAlign")
    style.set(qn("w:val"), "superscript")
    properties.append(style)
    run._r.append(properties)
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), str(number))
    run._r.append(reference)


def bookmark(paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def letter_template() -> bytes:
    """The template, merge fields «Contact_Name» (in the body, the first-page header and both
    footnotes)."""
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "FIRST HEADER «Contact_Name»"
    section.header.paragraphs[0].text = "DEFAULT HEADER"
    for footer in (section.footer, section.first_page_footer):
        paragraph = footer.paragraphs[0]
        paragraph.add_run("Page ")
        field(paragraph, " PAGE ", "1")
    document.add_picture(io.BytesIO(png()), width=Cm(1))
    for page in range(1, PAGES + 1):
        heading = document.add_paragraph(f"Letter of «Contact_Name», page {page}")
        if page == 1:
            footnote_reference(heading, 1)
            document.add_paragraph("First point", style="List Number")
            document.add_paragraph("Second point", style="List Number")
        if page == 2:
            bookmark(document.add_paragraph("Terms for «Contact_Name»"), "Terms", 7)
        if page == PAGES:
            note = document.add_paragraph("The terms are on page ")
            field(note, " PAGEREF Terms \\h ", "2")
            footnote_reference(note, 2)
            document.add_paragraph("Kind regards")
        else:
            document.add_page_break()
    return _with_footnotes(_saved(document))


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _footnotes_xml() -> bytes:
    notes = [("-1", "separator", '<w:r><w:separator/></w:r>'),
             ("0", "continuationSeparator", '<w:r><w:continuationSeparator/></w:r>')]
    texts = {1: "First footnote of «Contact_Name»",
             2: "Second footnote of "}
    xml = [f'<w:footnotes xmlns:w="{W_NS}">']
    for number, kind, runs in notes:
        xml.append(f'<w:footnote w:type="{kind}" w:id="{number}"><w:p>{runs}</w:p></w:footnote>')
    for number, text in texts.items():
        mark = ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r>')
        if number == 2:  # a merge field as Word saves it, over several runs
            mark += ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
                     'xml:space="preserve"> MERGEFIELD Contact_Name </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«Contact_Name»'
                     '</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
        xml.append(f'<w:footnote w:id="{number}"><w:p>{mark}</w:p></w:footnote>')
    xml.append("</w:footnotes>")
    return "".join(xml).encode()


def _with_footnotes(docx: bytes) -> bytes:
    """`docx` with a footnotes part, as Word links it (python-docx writes none)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/footnotes.xml"] = _footnotes_xml()
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    etree.SubElement(rels, rels.tag.replace("Relationships", "Relationship"),
                     Id="rIdFootnotes", Type=FOOTNOTES_REL, Target="footnotes.xml")
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True,
                                                           encoding="UTF-8")
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, types.tag.replace("Types", "Override"),
                     PartName="/word/footnotes.xml", ContentType=FOOTNOTES_TYPE)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)
    return buffer.getvalue()

