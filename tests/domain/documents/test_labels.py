"""Address labels (C-02): one label per line contact (or logged interaction) with the merge's mail
address, in order; the four layouts' geometry read from the docx XML and measured on the page
LibreOffice prints (the pitch within 0.5 mm, eight label rows a page)."""
import re
import subprocess
import zipfile
from collections import defaultdict

import pytest
from docx import Document
from lxml import etree
from tests.support.libreoffice import page_count, require_libreoffice, to_pdf

from segtui.domain.demo.build import load_demo
from segtui.domain.documents import labels
from segtui.domain.documents.merge_data import line_values
from segtui.domain.documents.word.label_sheet import PAGE_HEIGHT_MM, PAGE_WIDTH_MM, pages
from segtui.domain.errors import DomainError
from segtui.domain.journal.interaction_log import set_canceled
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.lines import add_line
from segtui.store.models import Contact, InteractionLogEntry

SEGMENT = "SEG00005"  # the demo's Christmas card
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4
PT_PER_MM = 72 / 25.4
EXPECTED = {"36x70": (36, 70, 3), "37x70": (37, 70, 3), "36x105": (36, 105, 2),
            "37x105": (37, 105, 2)}


@pytest.fixture
def demo(database):
    load_demo(contacts=400, seed=3, user="TESTER")
    return database


def cell_texts(path) -> list[str]:
    table = Document(str(path)).tables[0]
    return [cell.text for row in table.rows for cell in row.cells if cell.text]


def test_c02_every_line_contact_gets_one_label_with_its_address_in_order(demo, tmp_path):
    expected = [values["Contact_Mail_Address"] for _line, values in line_values(SEGMENT)]
    for layout, (_height, _width, columns) in EXPECTED.items():
        written = labels.write_labels(layout, segment_no=SEGMENT.lower(),
                                      out=tmp_path / f"{layout}.docx")
        assert written.labels == len(expected) > 8 * columns
        assert written.pages == -(-len(expected) // (8 * columns))
        assert cell_texts(written.path) == expected
        assert len(Document(str(written.path)).tables[0].rows) == -(-len(expected) // columns)


def test_c02_a_label_holds_no_control_characters(database, tmp_path):
    Contact.create(no="CT-BELL", name="Bell\x07 & <Co>", address="Road\x0b 1", city="Town")
    segment_no = create_segment(user="TESTER", description="bell")
    add_line(segment_no, "CT-BELL", user="TESTER")
    written = labels.write_labels("37x105", segment_no=segment_no, out=tmp_path / "b.docx")
    assert cell_texts(written.path) == ["Bell & <Co>\nRoad 1\nTown"]


def test_c02_logged_segment_labels_skip_canceled_entries(demo, tmp_path):
    entries = list(InteractionLogEntry.select().where(
        InteractionLogEntry.logged_segment_entry_no == 1).order_by(InteractionLogEntry.entry_no))
    set_canceled([entries[1].entry_no], True, user="TESTER", reason="returned")
    kept = [entry for index, entry in enumerate(entries) if index != 1 and not entry.canceled]
    written = labels.write_labels("36x70", logged_entry_no=1, out=tmp_path / "logged.docx")
    texts = cell_texts(written.path)
    assert written.labels == len(kept) == len(texts)
    for entry, text in zip(kept, texts):
        contact = Contact.get_by_id(entry.contact_no)
        assert text.splitlines()[0] == contact.name and contact.address in text


def test_c02_default_file_and_refusals_write_nothing(demo, tmp_path):
    written = labels.write_labels("37x70", segment_no=SEGMENT)
    assert written.path.name == f"{SEGMENT}-37x70.docx" and written.path.parent.name == "labels"
    assert written.path.is_file()
    for arguments in ({"segment_no": SEGMENT, "logged_entry_no": 1}, {},
                      {"segment_no": "NO-SUCH"}, {"logged_entry_no": 999}):
        with pytest.raises(DomainError):
            labels.write_labels("36x70", out=tmp_path / "refused.docx", **arguments)
    with pytest.raises(DomainError, match="36x70"):
        labels.write_labels("40x70", segment_no=SEGMENT, out=tmp_path / "refused.docx")
    assert not (tmp_path / "refused.docx").exists()


def test_c02_stopped_or_empty_labels_leave_no_file(demo, tmp_path):
    folder = tmp_path / "out"  # the SQLite database is in tmp_path
    folder.mkdir()
    def stop(_done: int) -> None:
        raise KeyboardInterrupt  # as the progress bar's Esc stops the work
    with pytest.raises(KeyboardInterrupt):
        labels.write_labels("36x70", segment_no=SEGMENT, out=folder / "stopped.docx",
                            progress=stop)
    empty = create_segment(user="TESTER", description="no lines")
    with pytest.raises(DomainError, match="no contacts"):
        labels.write_labels("36x70", segment_no=empty, out=folder / "empty.docx")
    assert list(folder.iterdir()) == []


def sheet(layout: str, count: int, folder) -> object:
    """A label sheet of `count` labels whose first lines are L0001, L0002 … (no database)."""
    path = folder / f"sheet-{layout}.docx"
    with path.open("wb") as out:
        labels.write_label_sheet(([f"L{n:04d}", "Street 1", "123 45 Town"]
                                  for n in range(1, count + 1)), labels.LAYOUTS[layout], out)
    return path


def twips(element, attribute="w") -> int:
    return int(element.get(W + attribute))


def test_c02_layout_geometry_in_the_docx_xml(tmp_path):
    for layout, (height, width, columns) in EXPECTED.items():
        with zipfile.ZipFile(sheet(layout, 20, tmp_path)) as package:
            xml = etree.fromstring(package.read("word/document.xml"))
        size, margins = xml.find(f".//{W}pgSz"), xml.find(f".//{W}pgMar")
        assert abs(twips(size) - PAGE_WIDTH_MM * TWIPS_PER_MM) <= 1
        assert abs(twips(size, "h") - PAGE_HEIGHT_MM * TWIPS_PER_MM) <= 1
        side = (twips(margins, "left"), twips(margins, "right"))
        assert abs(sum(side) + columns * width * TWIPS_PER_MM - twips(size)) <= 2
        body = twips(size, "h") - twips(margins, "top") - twips(margins, "bottom")
        # room for exactly eight rows: a ninth never fits
        assert 8 * height * TWIPS_PER_MM <= body < 9 * height * TWIPS_PER_MM
        columns_xml = xml.findall(f".//{W}tblGrid/{W}gridCol")
        assert [round(twips(column) / TWIPS_PER_MM) for column in columns_xml] == \
            [width] * columns
        assert xml.find(f".//{W}tblLayout").get(W + "type") == "fixed"
        assert all(twips(margin) == 0 for margin in xml.find(f".//{W}tblCellMar"))
        rows = xml.findall(f".//{W}tr")
        assert len(rows) == -(-20 // columns)
        for row in rows:
            row_height = row.find(f"{W}trPr/{W}trHeight")
            assert row_height.get(W + "hRule") == "exact"
            assert round(twips(row_height, "val") / TWIPS_PER_MM) == height
            assert row.find(f"{W}trPr/{W}cantSplit") is not None


def word_boxes(pdf) -> list[dict[str, tuple[float, float]]]:
    """Per page: first label line (L0001 …) → its (x, y) in mm, from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    found = []
    for page in html.split("<page")[1:]:
        found.append({word: (float(x) / PT_PER_MM, float(y) / PT_PER_MM) for x, y, word in
                      re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(L\d{4})<', page)})
    return found


def test_c02_label_pitch_measured_by_libreoffice(tmp_path):
    require_libreoffice()
    counts = {layout: 8 * columns * 2 + columns + 1
              for layout, (_h, _w, columns) in EXPECTED.items()}  # two full pages and a bit
    documents = [sheet(layout, counts[layout], tmp_path) for layout in EXPECTED]
    pdfs = dict(zip(EXPECTED, to_pdf(*documents)))  # one soffice start for the four
    for layout, (height, width, columns) in EXPECTED.items():
        layout_sheet = labels.LAYOUTS[layout]
        assert page_count(pdfs[layout]) == pages(counts[layout], layout_sheet) == 3
        boxes = word_boxes(pdfs[layout])
        number = 0
        for page_no, page in enumerate(boxes):
            rows = defaultdict(list)  # a label row: its labels' first lines share one top
            for x, y in page.values():
                rows[round(y)].append((x, y))
            tops = [min(y for _x, y in rows[key]) for key in sorted(rows)]
            assert len(tops) == (8 if page_no < 2 else 2), (layout, page_no, tops)
            for upper, lower in zip(tops, tops[1:]):
                assert abs(lower - upper - height) <= 0.5, (layout, page_no, tops)
            for row in rows.values():
                lefts = sorted(x for x, _y in row)
                for left, right in zip(lefts, lefts[1:]):
                    assert abs(right - left - width) <= 0.5, (layout, lefts)
            number += len(page)
        assert number == counts[layout]
        # label by label in order: left to right, then down, then the next page
        reading_order = sorted(boxes[0], key=lambda word: (round(boxes[0][word][1]),
                                                           boxes[0][word][0]))
        assert reading_order == [f"L{n:04d}" for n in range(1, 8 * columns + 1)]
