"""Plain text written into a Word document's body, everything else kept as it is (M-36,
a personal paragraph for one contact).

Where the text goes: in place of a Personal_Text field of the body (a MERGEFIELD, simple or
complex, or a typed «Personal_Text» placeholder), its lines joined by line breaks and taking the
field's formatting; without such a field, as paragraphs of their own before the closing
paragraph ("Yours sincerely," …) when there is one, else at the end of the body. Text is text:
nothing in it is read as XML or as a field code.
"""
import copy
import re

from lxml import etree

from segtui.domain.documents.merge_fields import normalise
from segtui.domain.documents.word.fields import parse_instruction
from segtui.domain.documents.word.merge import complex_fields, paragraph_texts, replace_span
from segtui.domain.documents.word.package import (
    parse_xml, read_parts, serialise, story_parts, w, write_parts)

FIELD_KEY = "personal_text"
_MARKER = "\U000F0002"
# as merge.py reads placeholders: the field name between the marks, no spaces
_PLACEHOLDER = re.compile(r"«personal_text»", re.IGNORECASE)
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CLOSINGS = frozenset({
    "yours sincerely", "sincerely", "yours faithfully", "kind regards", "best regards",
    "regards", "best wishes", "med vänliga hälsningar", "vänliga hälsningar", "hälsningar",
    "mvh", "mit freundlichen grüßen", "viele grüße", "freundliche grüße", "beste grüße"})


def insert_text(data: bytes, text: str, name: str = "the document") -> bytes:
    """The .docx `data` with `text` (plain, lines separated by "\\n") written into its body."""
    parts = read_parts(data, name)
    main = next(part for part, kind in story_parts(parts, name).items() if kind == "document")
    root = parse_xml(parts[main], main, name)
    lines = text.split("\n")
    if not _mark_fields(root):
        _add_paragraphs(root.find(w("body")), lines)
    else:
        for element in [t for t in root.iter(w("t")) if _MARKER in (t.text or "")]:
            _expand(element, lines)
    parts[main] = serialise(root)
    return write_parts(parts)


def _mark_fields(root) -> bool:
    """Put a marker where each Personal_Text field or placeholder is; True if there was one."""
    found = False
    for simple in list(root.iter(w("fldSimple"))):
        field = parse_instruction(simple.get(w("instr"), ""))
        if field and normalise(field.name) == FIELD_KEY:
            run = simple.find(f".//{w('r')}")
            simple.addprevious(_marker_run(None if run is None else run.find(w("rPr"))))
            simple.getparent().remove(simple)
            found = True
    for field, span, in_code in complex_fields(root):
        if in_code or normalise(field.name) != FIELD_KEY or span[0].getparent() is None:
            continue
        shown = next((run for run in span if run.find(w("t")) is not None), span[0])
        span[0].addprevious(_marker_run(shown.find(w("rPr"))))
        for element in span:
            element.getparent().remove(element)
        found = True
    for texts in paragraph_texts(root):
        joined = "".join(text.text or "" for text in texts)
        starts, offset = [], 0
        for text in texts:
            starts.append(offset)
            offset += len(text.text or "")
        for match in reversed(list(_PLACEHOLDER.finditer(joined))):
            replace_span(texts, starts, match.start(), match.end(), _MARKER)
            found = True
    return found


def _marker_run(rpr):
    run = _element("r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    _text(run, _MARKER)
    return run


def _expand(element, lines: list[str]) -> None:
    """Replace the marker in one w:t by the lines, a line break between them."""
    before, after = (element.text or "").split(_MARKER, 1)
    pieces = [before + lines[0], *lines[1:-1], lines[-1] + after] if len(lines) > 1 \
        else [before + lines[0] + after]
    replacement = []
    for position, piece in enumerate(pieces):
        if position:
            replacement.append(_element("br"))
        replacement.extend(_text_elements(piece))
    for new in replacement:
        element.addprevious(new)
    element.getparent().remove(element)


def _add_paragraphs(body, lines: list[str]) -> None:
    """One paragraph per line before the closing paragraph (formatted like it), else at the
    end of the body."""
    paragraphs = [child for child in body if child.tag == w("p")]
    closing = next((paragraph for paragraph in reversed(paragraphs)
                    if _plain(paragraph) in CLOSINGS), None)
    ppr = closing.find(w("pPr")) if closing is not None else None
    first_run = (next((run for run in closing.iter(w("r")) if run.find(w("t")) is not None),
                      None) if closing is not None else None)
    rpr = first_run.find(w("rPr")) if first_run is not None else None
    anchor = closing if closing is not None else body.find(w("sectPr"))
    for line in lines:
        paragraph = _element("p")
        if ppr is not None:
            paragraph.append(copy.deepcopy(ppr))
        if line:
            run = _element("r", paragraph)
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            run.extend(_text_elements(line))
        if anchor is not None:
            anchor.addprevious(paragraph)
        else:
            body.append(paragraph)


def _plain(paragraph) -> str:
    text = "".join(t.text or "" for t in paragraph.iter(w("t")))
    return text.strip().rstrip(",.!:;").strip().casefold()


def _text_elements(text: str) -> list:
    """w:t elements for `text`, a w:tab for each tab."""
    elements = []
    for position, piece in enumerate(text.split("\t")):
        if position:
            elements.append(_element("tab"))
        if piece:
            elements.append(_text(None, piece))
    return elements


def _text(parent, text: str):
    element = _element("t", parent)
    element.set(_XML_SPACE, "preserve")
    element.text = text
    return element


def _element(tag: str, parent=None):
    return etree.Element(w(tag)) if parent is None else etree.SubElement(parent, w(tag))
