"""A Word document as plain text for a terminal preview: headers, body, notes and footers, one
line per paragraph, a table row as its cells joined by " | ", text boxes after their paragraph.
What Word shows is what is printed: field results, not field codes.
"""
from segtui.domain.documents.word.package import (
    parse_xml, read_parts, reading_order, story_parts, w)

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = {w("pPr"), w("rPr"), w("sectPr"), w("txbxContent"), w("instrText"), w("delText"),
            _MC_FALLBACK}
_CHARACTERS = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}


def to_text(data: bytes, name: str = "the document") -> str:
    """The text of the .docx `data`, story by story, separated by a blank line."""
    parts = read_parts(data, name)
    stories = story_parts(parts, name)
    blocks = []
    for part_name in reading_order(stories):
        text = "\n".join(_lines(parse_xml(parts[part_name], part_name, name))).strip("\n")
        if text.strip():
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"


def _lines(element) -> list[str]:
    """The lines of a container (body, header, cell, text box, content control …)."""
    lines = []
    for child in element:
        if child.tag == w("p"):
            lines.append(_paragraph_text(child))
            for box in _text_boxes(child):
                lines.extend(_lines(box))
        elif child.tag == w("tbl"):
            lines.extend(_row_text(row) for row in child.iter(w("tr"))
                         if next(row.iterancestors(w("tbl"))) is child)
        elif child.tag not in _SKIPPED and isinstance(child.tag, str):
            lines.extend(_lines(child))
    return lines


def _row_text(row) -> str:
    cells = [cell for cell in row if cell.tag == w("tc")]
    return " | ".join(" ".join(line.strip() for line in _lines(cell) if line.strip())
                      for cell in cells)


def _paragraph_text(element) -> str:
    pieces = []
    for child in element:
        if child.tag in _SKIPPED or not isinstance(child.tag, str):
            continue
        if child.tag == w("t"):
            pieces.append(child.text or "")
        elif child.tag in _CHARACTERS:
            pieces.append(_CHARACTERS[child.tag])
        else:
            pieces.append(_paragraph_text(child))
    return "".join(pieces)


def _text_boxes(paragraph):
    """The text boxes anchored in `paragraph` (once: Word's VML fallback copy is left out)."""
    for box in paragraph.iter(w("txbxContent")):
        ancestors = list(box.iterancestors())
        if _MC_FALLBACK not in (a.tag for a in ancestors) and next(
                a for a in ancestors if a.tag == w("p")) is paragraph:
            yield box
