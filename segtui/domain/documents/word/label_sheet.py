"""A sheet of address labels as one A4 Word document (C-02): a table of fixed cells.

The labels are the cells of one table, left to right, row by row. Its rows are exactly the
label height (`hRule="exact"`, never split across a page) and its columns exactly the label
width, with no cell padding or borders that would move the grid: the pitch on the paper is the
label size. The page margins centre the grid on the sheet and leave room for exactly
`rows_per_page` rows, so each page holds that many, whatever the reader.
The text inset inside a label is paragraph indentation and spacing, which never shift a cell.
"""
from copy import deepcopy
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from segtui.domain.documents.word.package import xml_text

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
TWIPS_PER_MM = 1440 / 25.4
INSET_MM = 4  # text from the label's left, right and top edge
FONT_PT = 9
LINE_PT = 11  # exact line height: 8 address lines (the most a block has) fit 36 mm
# the paragraph every document ends with: kept tiny, it fits the room left below the grid
END_ROOM_MM = 1


@dataclass(frozen=True)
class LabelFormat:
    """A label sheet: label height and width in mm, labels across, label rows on a page."""
    height_mm: int
    width_mm: int
    columns: int
    rows_per_page: int = 8

    @property
    def top_margin_mm(self) -> float:
        """Half the paper the grid leaves (the grid is centred), less the room at the bottom
        for the closing paragraph when the grid leaves that much."""
        spare = PAGE_HEIGHT_MM - self.height_mm * self.rows_per_page
        return (spare - END_ROOM_MM) / 2 if spare >= 2 * END_ROOM_MM else spare / 2

    @property
    def bottom_margin_mm(self) -> float:
        return PAGE_HEIGHT_MM - self.height_mm * self.rows_per_page - self.top_margin_mm \
            - self.end_room_mm

    @property
    def end_room_mm(self) -> float:
        spare = PAGE_HEIGHT_MM - self.height_mm * self.rows_per_page
        return END_ROOM_MM if spare >= 2 * END_ROOM_MM else spare / 2

    @property
    def side_margin_mm(self) -> float:
        return (PAGE_WIDTH_MM - self.width_mm * self.columns) / 2


def _twips(mm: float) -> str:
    return str(round(mm * TWIPS_PER_MM))


def clean(text: str) -> str:
    """`text` without the characters XML cannot hold, and without DEL, which prints as nothing
    on a label either."""
    return xml_text(text).replace("\x7f", "")


def _set(parent, tag: str, **attributes) -> None:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)


def _table_properties(table, sheet: LabelFormat) -> None:
    """Fixed layout, the exact width, no indent, no cell margins, no borders."""
    properties = table._tbl.tblPr
    _set(properties, "w:tblW", w=_twips(sheet.width_mm * sheet.columns), type="dxa")
    _set(properties, "w:tblInd", w="0", type="dxa")
    _set(properties, "w:tblLayout", type="fixed")
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        _set(margins, f"w:{side}", w="0", type="dxa")
    properties.append(margins)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", val="nil")
    properties.append(borders)
    grid = table._tbl.tblGrid
    for column in grid.findall(qn("w:gridCol")):
        column.set(qn("w:w"), _twips(sheet.width_mm))


def _element(tag: str, *children, **attributes):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}" if ":" not in name else name), value)
    element.extend(children)
    return element


class _RowMaker:
    """Label rows as lxml elements copied from one made-up row: python-docx's own row and cell
    objects look the whole table up on every call, which made a big sheet quadratic."""

    def __init__(self, sheet: LabelFormat) -> None:
        self.columns = sheet.columns
        self.row = _element("w:tr", _element("w:trPr", _element("w:cantSplit"),
                                             _element("w:trHeight", val=_twips(sheet.height_mm),
                                                      hRule="exact")))
        self.cell = _element("w:tc", _element("w:tcPr", _element(
            "w:tcW", w=_twips(sheet.width_mm), type="dxa")))
        inset = _twips(INSET_MM)

        def paragraph(before: str):
            return _element("w:p", _element(
                "w:pPr", _element("w:spacing", before=before, after="0",
                                  line=str(LINE_PT * 20), lineRule="exact"),
                _element("w:ind", left=inset, right=inset)))
        self.first, self.next = paragraph(inset), paragraph("0")
        size = str(FONT_PT * 2)
        self.run = _element("w:r", _element("w:rPr", _element("w:sz", val=size),
                                             _element("w:szCs", val=size)), _element("w:t"))

    def new_row(self):
        row = deepcopy(self.row)
        row.extend(deepcopy(self.cell) for _column in range(self.columns))
        return row

    def fill(self, cell, lines: list[str]) -> None:
        """One label: a paragraph a line (one, empty, when there is none)."""
        for index, line in enumerate(lines or [""]):
            paragraph = deepcopy(self.first if index == 0 else self.next)
            if line:
                run = deepcopy(self.run)
                text = run[-1]
                text.text = clean(line)
                text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                paragraph.append(run)
            cell.append(paragraph)


def write_label_sheet(labels: Iterable[list[str]], sheet: LabelFormat, out: BinaryIO) -> int:
    """Write the labels (each a list of lines) to `out` as a .docx; returns how many."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.left_margin = section.right_margin = Mm(sheet.side_margin_mm)
    section.top_margin = Mm(sheet.top_margin_mm)
    section.bottom_margin = Mm(sheet.bottom_margin_mm)
    section.header_distance = section.footer_distance = Mm(0)
    table = document.add_table(rows=0, cols=sheet.columns)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    _table_properties(table, sheet)
    maker, table_xml, count, row = _RowMaker(sheet), table._tbl, 0, None
    for lines in labels:
        if count % sheet.columns == 0:
            row = maker.new_row()
            table_xml.append(row)
        maker.fill(row.findall(qn("w:tc"))[count % sheet.columns], lines)
        count += 1
    if row is not None:  # a cell needs a paragraph even when no label is in it
        for cell in row.findall(qn("w:tc")):
            if cell.find(qn("w:p")) is None:
                maker.fill(cell, [])
    closing = document.add_paragraph()  # a document ends with a paragraph: make it tiny
    closing.paragraph_format.space_before = closing.paragraph_format.space_after = Pt(0)
    closing.paragraph_format.line_spacing = Mm(sheet.end_room_mm * 0.6)
    closing.add_run().font.size = Pt(1)
    document.save(out)
    return count


def pages(count: int, sheet: LabelFormat) -> int:
    """How many pages `count` labels fill (one, empty, for none)."""
    per_page = sheet.columns * sheet.rows_per_page
    return max(1, -(-count // per_page))

