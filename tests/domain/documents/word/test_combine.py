"""Combined files as Word's own mail merge makes them, read back by LibreOffice and checked part by
part: each letter its own pages numbered from 1 with its own headers, footnotes with their own
letter's text, lists that start again, bookmarks and drawings with unique ids, pictures once.

The LibreOffice read-back converts every file of a test group in one soffice call (a module
fixture), since each start of LibreOffice costs seconds.
"""
import io
import posixpath
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from segtui.domain.documents.word.combine import combine
from segtui.domain.documents.word.merge import Template
from segtui.domain.errors import DomainError
from tests.support.libreoffice import page_count, pdf_pages, to_pdf
from tests.support.word_fixtures import word_fixture
from tests.support.word_letters import PAGES, letter_template, png

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
LETTERS = 55
NAMES = [f"Person{number:02d}" for number in range(1, LETTERS + 1)]


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def letters() -> list[bytes]:
    template = Template(letter_template(), "letter.docx")
    return [template.render({"Contact_Name": name}) for name in NAMES]


@pytest.fixture(scope="module")
def combined(letters) -> bytes:
    return combine(letters)


# --- read back by LibreOffice ---------------------------------------------------------------

@pytest.fixture(scope="module")
def read_back(tmp_path_factory, letters, combined):
    """PDF pages (text per page) of the combined file, of single letters, and of a file of a
    letter without headers between two with them; one LibreOffice run."""
    folder = tmp_path_factory.mktemp("combined")
    plain = Document()
    plain.add_paragraph("A letter without headers or footers")
    files = {"combined": combined, "letter1": letters[0], "letter2": letters[1],
             "letter55": letters[-1],
             "mixed": combine([letters[0], docx_bytes(plain), letters[1]])}
    paths = []
    for name, data in files.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        paths.append(path)
    pdfs = to_pdf(*paths)
    return {path.stem: (page_count(pdf), pdf_pages(pdf)) for path, pdf in zip(paths, pdfs)}


def test_combined_file_has_the_pages_of_its_letters(read_back):
    singles = [read_back[name][0] for name in ("letter1", "letter2", "letter55")]
    assert singles == [PAGES] * 3
    assert read_back["combined"][0] == LETTERS * PAGES == 165


def test_each_page_is_its_letters_with_page_numbers_from_1(read_back):
    pages = read_back["combined"][1]
    assert len(pages) == LETTERS * PAGES
    for index, text in enumerate(pages):
        name, page = NAMES[index // PAGES], index % PAGES + 1
        assert f"Letter of {name}, page {page}" in text, index
        footer = [line.strip() for line in text.splitlines() if line.strip()][-1]
        assert footer == f"Page {page}", index


def test_every_footnote_shows_its_own_letters_text(read_back):
    pages = read_back["combined"][1]
    for number, name in enumerate(NAMES):
        first, last = pages[number * PAGES], pages[number * PAGES + PAGES - 1]
        assert f"First footnote of {name}" in first
        assert f"Second footnote of {name}" in last
    notes = re.findall(r"(First|Second) footnote of (Person\d+)", "".join(pages))
    assert Counter(name for _kind, name in notes) == {name: 2 for name in NAMES}


def test_each_letter_keeps_its_first_page_header(read_back):
    pages = read_back["combined"][1]
    for index, text in enumerate(pages):
        if index % PAGES == 0:
            assert f"FIRST HEADER {NAMES[index // PAGES]}" in text
            assert "DEFAULT HEADER" not in text
        else:
            assert "DEFAULT HEADER" in text and "FIRST HEADER" not in text


def test_each_letters_list_starts_at_one(read_back):
    for index in range(0, LETTERS * PAGES, PAGES):
        text = read_back["combined"][1][index]
        assert re.search(r"\b1\.\s+First point", text), index
        assert re.search(r"\b2\.\s+Second point", text), index


def test_letter_without_headers_does_not_show_the_previous_letters(read_back):
    count, pages = read_back["mixed"]
    assert count == 2 * PAGES + 1
    plain = pages[PAGES]
    assert "A letter without headers or footers" in plain
    assert "HEADER" not in plain and "Page" not in plain
    assert "FIRST HEADER Person02" in pages[PAGES + 1]


# --- the parts of the combined file ---------------------------------------------------------

def parts_of(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def xml(parts: dict[str, bytes], name: str):
    return etree.fromstring(parts[name])


def main_part(parts) -> str:
    types = xml(parts, "[Content_Types].xml")
    return next(o.get("PartName").lstrip("/") for o in types.iter(f"{CT}Override")
                if o.get("ContentType").endswith("document.main+xml"))


def rels_of(parts, part: str) -> dict[str, tuple[str, str]]:
    """The links of `part`: id -> (type, target part or external target)."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in parts:
        return {}
    links = {}
    for link in xml(parts, rels).iter(f"{REL}Relationship"):
        target = link.get("Target")
        if link.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, target))
        links[link.get("Id")] = (link.get("Type").rsplit("/", 1)[-1], target)
    return links


def assert_sound_package(docx: bytes) -> dict[str, bytes]:
    """Every link leads to a part, every part has a content type, ids that must be unique are."""
    parts = parts_of(docx)
    types = xml(parts, "[Content_Types].xml")
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{CT}Override")}
    defaults = {d.get("Extension").lower() for d in types.iter(f"{CT}Default")}
    for name in parts:
        assert name in overrides or name.rsplit(".", 1)[-1].lower() in defaults, name
    assert overrides <= set(parts)
    xml_parts = [name for name in parts if name.endswith(".xml") and name in overrides]
    drawing_ids, bookmark_ids = [], []
    for name in xml_parts:
        root = xml(parts, name)
        links = rels_of(parts, name)
        for element in root.iter():
            for attribute, value in element.attrib.items():
                if attribute.startswith(R):
                    assert value in links, (name, value)
        for _kind, target in links.values():
            assert "://" in target or target in parts, (name, target)
        drawing_ids += [d.get("id") for d in root.iter(f"{WP}docPr")]
        bookmark_ids += [b.get(f"{W}id") for b in root.iter(f"{W}bookmarkStart")]
    assert len(drawing_ids) == len(set(drawing_ids))
    assert len(bookmark_ids) == len(set(bookmark_ids))
    main = main_part(parts)
    document = xml(parts, main)
    links = rels_of(parts, main)
    notes = {kind: target for kind, target in links.values() if kind in ("footnotes", "endnotes")}
    for kind, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
        references = [r.get(f"{W}id") for r in document.iter(f"{W}{tag}Reference")]
        if not references:
            continue
        ids = [note.get(f"{W}id") for note in xml(parts, notes[kind]).iter(f"{W}{tag}")]
        assert len(ids) == len(set(ids))
        assert set(references) <= set(ids)
        assert len(references) == len(set(references))
    Document(io.BytesIO(docx))  # python-docx reads it
    return parts


def letter_sections(document) -> list:
    return [section for section in document.iter(f"{W}sectPr")
            if section.getparent().tag in (f"{W}pPr", f"{W}body")]


def test_combined_parts_are_sound(combined):
    parts = assert_sound_package(combined)
    document = xml(parts, main_part(parts))
    sections = letter_sections(document)
    assert len(sections) == LETTERS
    for section in sections:
        assert section.find(f"{W}pgNumType").get(f"{W}start") == "1"
        assert section.find(f"{W}type").get(f"{W}val") == "nextPage"
        assert section.find(f"{W}titlePg") is not None
        kinds = {(r.tag, r.get(f"{W}type")) for r in section
                 if r.tag in (f"{W}headerReference", f"{W}footerReference")}
        assert kinds == {(f"{W}headerReference", "first"), (f"{W}headerReference", "default"),
                         (f"{W}footerReference", "first"), (f"{W}footerReference", "default")}


def test_the_picture_is_stored_once(combined):
    parts = parts_of(combined)
    pictures = [name for name, data in parts.items() if data == png()]
    assert len(pictures) == 1
    document = xml(parts, main_part(parts))
    links = rels_of(parts, main_part(parts))
    shown = [links[blip.get(f"{R}embed")][1] for blip in document.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}blip")]
    assert shown == pictures * LETTERS


def test_headers_the_letters_share_are_stored_once(combined):
    parts = parts_of(combined)
    headers = [data for name, data in parts.items() if re.fullmatch(r"word/header.*\.xml", name)]
    assert sum(b"DEFAULT HEADER" in data for data in headers) == 1
    assert sum(b"FIRST HEADER" in data for data in headers) == LETTERS


def test_bookmarks_are_renamed_and_page_references_follow_them(combined):
    parts = parts_of(combined)
    document = xml(parts, main_part(parts))
    names = [b.get(f"{W}name") for b in document.iter(f"{W}bookmarkStart")]
    assert len(names) == len(set(names)) == LETTERS and names[0] == "Terms"
    assert all(len(name) <= 40 for name in names)
    codes = [code.text for code in document.iter(f"{W}instrText") if "PAGEREF" in code.text]
    assert [code.split()[1] for code in codes] == names
    for start in document.iter(f"{W}bookmarkStart"):
        ends = [e for e in document.iter(f"{W}bookmarkEnd") if e.get(f"{W}id") ==
                start.get(f"{W}id")]
        assert len(ends) == 1


def test_each_letter_has_its_own_list_that_starts_again(combined):
    parts = parts_of(combined)
    document = xml(parts, main_part(parts))
    numbering = xml(parts, "word/numbering.xml")
    nums = {num.get(f"{W}numId"): num for num in numbering.iter(f"{W}num")}
    used = [p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in document.iter(f"{W}p")
            if p.find(f"{W}pPr/{W}numPr/{W}numId") is not None]
    assert len(used) == 2 * LETTERS
    per_letter = used[::2]
    assert used[1::2] == per_letter and len(set(per_letter)) == LETTERS
    abstracts = {nums[number].find(f"{W}abstractNumId").get(f"{W}val") for number in per_letter}
    assert len(abstracts) == 1  # one list definition, shared
    for number in per_letter:
        starts = nums[number].findall(f"{W}lvlOverride/{W}startOverride")
        assert starts and starts[0].get(f"{W}val") == "1"
    assert len(list(numbering.iter(f"{W}abstractNum"))) == len(
        list(etree.fromstring(parts_of(letter_template())["word/numbering.xml"]).iter(
            f"{W}abstractNum")))


def test_comments_and_endnotes_are_carried_over_with_fresh_ids():
    document = Document()
    paragraph = document.add_paragraph("Dear «Contact_Name»")
    document.add_comment(paragraph.runs, text="Check the name", author="Ann", initials="AB")
    template = Template(_with_endnote(docx_bytes(document)))
    letters = [template.render({"Contact_Name": name}) for name in NAMES[:3]]
    parts = assert_sound_package(combine(letters))
    document = xml(parts, main_part(parts))
    comments = xml(parts, "word/comments.xml")
    comment_ids = [c.get(f"{W}id") for c in comments.iter(f"{W}comment")]
    assert len(comment_ids) == 3 == len(set(comment_ids))
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert [m.get(f"{W}id") for m in document.iter(f"{W}{tag}")] == comment_ids
    endnotes = xml(parts, "word/endnotes.xml")
    texts = ["".join(t.text for t in note.iter(f"{W}t")) for note in endnotes.iter(f"{W}endnote")
             if note.get(f"{W}type") is None]
    assert texts == [f"Endnote for {name}" for name in NAMES[:3]]


def _with_endnote(docx: bytes) -> bytes:
    parts = parts_of(docx)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    parts["word/endnotes.xml"] = (
        f'<w:endnotes {w}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:endnote><w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        '<w:continuationSeparator/></w:r></w:p></w:endnote><w:endnote w:id="1"><w:p><w:r>'
        '<w:t>Endnote for «Contact_Name»</w:t></w:r></w:p></w:endnote></w:endnotes>').encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdEnd" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/endnotes.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.wordprocessingml.endnotes+xml"/></Types>')
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"</w:p>", b'<w:r><w:endnoteReference w:id="1"/></w:r></w:p>', 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- real Word documents --------------------------------------------------------------------

REAL = {"winword2010-dutch-letter.docx": ("Voornaam", "Achternaam"),
        "macword2011-letter.docx": ("first_name", "last_name"),
        "field-names-with-spaces.docx": ("Singleword", "Hello world")}
REAL_NAMES = ["Anna Berg", "Bertil Ek", "Cecilia Lind"]


def real_letters(name: str) -> list[bytes]:
    template = Template(word_fixture(name).read_bytes(), name)
    first, last = REAL[name]
    return [template.render({first: person.split()[0], last: person.split()[1]})
            for person in REAL_NAMES]


@pytest.fixture(scope="module")
def real_read_back(tmp_path_factory):
    """Each real Word document merged for three people: one letter alone and the three
    combined, as PDF page counts and text; one LibreOffice run."""
    folder = tmp_path_factory.mktemp("real")
    paths: list[Path] = []
    for name in REAL:
        letters = real_letters(name)
        for kind, data in (("single", letters[0]), ("combined", combine(letters))):
            path = folder / f"{Path(name).stem}-{kind}.docx"
            path.write_bytes(data)
            paths.append(path)
    pdfs = to_pdf(*paths)
    return {path.stem: (page_count(pdf), "".join(pdf_pages(pdf))) for path, pdf in
            zip(paths, pdfs)}


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_word_letters_combine_soundly(name):
    parts = assert_sound_package(combine(real_letters(name)))
    document = xml(parts, main_part(parts))
    assert len(letter_sections(document)) == len(REAL_NAMES)


@pytest.mark.parametrize("name", sorted(REAL))
def test_real_word_letters_read_back_combined(name, real_read_back):
    single_pages, _ = real_read_back[f"{Path(name).stem}-single"]
    pages, text = real_read_back[f"{Path(name).stem}-combined"]
    assert pages == len(REAL_NAMES) * single_pages
    flat = " ".join(text.split())
    positions = [flat.find(person.split()[0]) for person in REAL_NAMES]
    assert -1 not in positions and positions == sorted(positions)


def test_a_letter_of_another_document_brings_the_styles_it_uses():
    plain = Document()
    plain.add_paragraph("A plain letter")
    styled = Document()
    styled.styles.add_style("Fancy Letter", 1).font.bold = True
    styled.add_paragraph("A styled letter", style="Fancy Letter")
    parts = assert_sound_package(combine([docx_bytes(plain), docx_bytes(styled)]))
    styles = xml(parts, "word/styles.xml")
    ids = [style.get(f"{W}styleId") for style in styles.iter(f"{W}style")]
    assert ids.count("FancyLetter") == 1 and len(ids) == len(set(ids))
    document = xml(parts, main_part(parts))
    used = {p.get(f"{W}val") for p in document.iter(f"{W}pStyle")}
    assert used <= set(ids)


def test_links_and_simple_fields_follow_their_letters_renamed_bookmark():
    document = Document()
    target = document.add_paragraph("The terms")
    start, end = (etree.SubElement(target._p, f"{W}bookmark{kind}") for kind in ("Start", "End"))
    start.set(f"{W}id", "0")
    start.set(f"{W}name", "Terms")
    end.set(f"{W}id", "0")
    paragraph = document.add_paragraph()
    link = etree.SubElement(paragraph._p, f"{W}hyperlink", {f"{W}anchor": "Terms"})
    etree.SubElement(etree.SubElement(link, f"{W}r"), f"{W}t").text = "see the terms"
    simple = etree.SubElement(paragraph._p, f"{W}fldSimple", {f"{W}instr": ' REF "Terms" \\h '})
    etree.SubElement(etree.SubElement(simple, f"{W}r"), f"{W}t").text = "The terms"
    letter = docx_bytes(document)
    parts = assert_sound_package(combine([letter, letter, letter]))
    body = xml(parts, main_part(parts))
    names = [b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")]
    assert names[0] == "Terms" and len(set(names)) == 3
    assert [a.get(f"{W}anchor") for a in body.iter(f"{W}hyperlink")] == names
    assert [s.get(f"{W}instr") for s in body.iter(f"{W}fldSimple")] == [
        f' REF "{name}" \\h ' for name in names]


def test_a_letter_that_is_not_a_word_document_is_named():
    letter = Template(letter_template()).render({"Contact_Name": "Ann"})
    with pytest.raises(DomainError, match="letter 2 is damaged"):
        combine([letter, b"not a zip file"])
    with pytest.raises(DomainError, match="letter 1 is damaged"):
        combine([letter[: len(letter) // 2], letter])
