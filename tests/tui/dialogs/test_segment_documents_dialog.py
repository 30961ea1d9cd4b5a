"""The Documents dialog of the Segment form (S-04, M-36) by keys at 80×24: a line's document
exported to a typed path, edited, imported back (the line shows "Unique"), the replace question
(default No), removed again ("Inherited"); the header's document created over the old one only
after Yes; a refusal is one line in the dialog; the dialog in Swedish."""
import pytest
from docx import Document
from textual.widgets import Static
from tests.support.segment_form import open_form
from tests.support.tui import settle, wait_for
from tests.tui.dialogs.test_line_dialogs import make_segment

from segtui.config import Settings
from segtui.domain.documents.segment_documents import header_documents
from segtui.domain.segments.lines import get_line
from segtui.domain.segments.queries import line_rows
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.segment_documents import SegmentDocumentsDialog
from segtui.tui.screens.setup_pages.path import PathDialog

USER = "TESTER"
SIZE = (80, 24)
ADDED = "See you at the fair, Bert."


@pytest.fixture
def segment(sqlite_database, tmp_path, monkeypatch) -> str:
    """A LETTER segment (real documents in ENU and SVE) with lines for P-ANNA (SVE) and P-BERT
    (ENU); files are typed relative to the test's own folder."""
    monkeypatch.chdir(tmp_path)
    return make_segment()


@pytest.fixture
def settings(segment) -> Settings:
    return Settings(db_target="crm.db", is_default_db=False, user=USER)


def document_of(segment_no: str, contact_no: str) -> str:
    return next(row["document"] for row in line_rows(segment_no)
                if row["contact_no"] == contact_no)


def dialog(pilot) -> SegmentDocumentsDialog:
    screen = pilot.app.screen
    assert isinstance(screen, SegmentDocumentsDialog), screen
    return screen


async def to_row(pilot, line_no: int, language: str) -> None:
    """Up or down the table to the row of that line (0: the header) and language."""
    for _step in range(12):
        await pilot.press("up")  # to the first row
    for _step in range(12):
        row = dialog(pilot).current
        if row is not None and (row.line_no, row.language) == (line_no, language):
            return
        await pilot.press("down")
    raise AssertionError(f"no row for line {line_no} in {language}")


async def type_path(pilot, name: str) -> None:
    """In the path dialog: the field emptied, `name` typed, Enter."""
    assert isinstance(pilot.app.screen, PathDialog)
    await pilot.press("ctrl+a", "ctrl+k", *name, "enter")
    await settle(pilot)


async def test_m36_export_edit_import_a_line_s_document_then_remove_it(settings, segment,
                                                                       tmp_path):
    bert = get_line(segment, next(row["line_no"] for row in line_rows(segment)
                                  if row["contact_no"] == "P-BERT"))
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, segment)
        await pilot.press("down")  # P-BERT's line
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        await to_row(pilot, bert.line_no, "ENU")
        await pilot.press("x")
        await type_path(pilot, "bert.docx")
        document = Document(tmp_path / "bert.docx")
        document.add_paragraph(ADDED)
        document.save(tmp_path / "bert.docx")

        await pilot.press("i")
        await type_path(pilot, "bert.docx")  # an inherited document: no question
        await wait_for(pilot, lambda: document_of(segment, "P-BERT") == "Unique", "the import")
        assert document_of(segment, "P-ANNA") == "Inherited"
        unique = get_line(segment, bert.line_no).attachment

        await pilot.press("i")
        await type_path(pilot, "bert.docx")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")  # the default: No
        await settle(pilot)
        assert get_line(segment, bert.line_no).attachment == unique

        await pilot.press("r")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("y")
        await wait_for(pilot, lambda: document_of(segment, "P-BERT") == "Inherited",
                       "the removal")
        assert any("the document is removed" in str(notification.message)
                   for notification in pilot.app._notifications)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is form
    assert get_line(segment, bert.line_no).attachment == header_documents(segment)["ENU"].attachment


async def test_s04_the_header_s_document_is_replaced_only_after_yes(settings, segment):
    old = header_documents(segment)["ENU"].attachment
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(SegmentDocumentsDialog(segment))
        await settle(pilot)
        await to_row(pilot, 0, "ENU")
        await pilot.press("c")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert header_documents(segment)["ENU"].attachment == old
        await pilot.press("c", "y")
        await wait_for(pilot, lambda: header_documents(segment)["ENU"].attachment != old,
                       "the new header document")
    new = header_documents(segment)["ENU"].attachment
    assert get_line(segment, line_rows(segment)[1]["line_no"]).attachment == new  # P-BERT


async def test_a_refusal_is_one_line_in_the_dialog(settings, segment, tmp_path):
    (tmp_path / "notes.docx").write_text("not a Word document")
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(SegmentDocumentsDialog(segment))
        await settle(pilot)
        await to_row(pilot, 0, "DEU")  # no document yet: no question
        await pilot.press("i")
        await type_path(pilot, "notes.docx")
        message = str(dialog(pilot).query_one("#segment-documents-message", Static).content)
        assert "notes.docx" in message and "Word document" in message
        assert "\n" not in message
        await to_row(pilot, 0, "ENU")
        await pilot.press("r")  # the default language's document (H7)
        await pilot.press("y")
        await settle(pilot)
        message = str(dialog(pilot).query_one("#segment-documents-message", Static).content)
        assert "(H7)" in message
    assert "DEU" not in header_documents(segment)


async def test_the_dialog_in_swedish(settings, segment, swedish):
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        pilot.app.push_screen(SegmentDocumentsDialog(segment))
        await settle(pilot)
        box = dialog(pilot).query_one(".segment-documents-box")
        assert box.border_title == f"Dokument för segment {segment}"
        await to_row(pilot, 0, "ENU")
        hints = [str(hint.content) for hint in dialog(pilot).query(".dialog-hint")]
        assert any("c skapa · i importera" in hint for hint in hints)
