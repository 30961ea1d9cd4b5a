"""The Merge dialog: the template check of the segment's documents, the folder, the request;
with unknown fields, Merge asks once (No by default)."""
import pytest
from tests.support.documents import docx, letter_segment
from textual.widgets import Input
from tests.support.tui import settle

from segtui.config import output_dir
from segtui.domain.demo import documents as demo_documents
from segtui.domain.documents.segment_documents import header_documents
from segtui.domain.documents.template_documents import import_document
from segtui.store.models import Attachment
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.merge import MergeDialog, MergeRequest

SIZE = (80, 24)


@pytest.fixture
def letter_settings(crm_settings):
    """The crm with real Word documents on LETTER: ENU known fields, SVE an unknown one."""
    import_document("LETTER", "ENU", demo_documents.letter_docx("ENU"), replace=True)
    import_document("LETTER", "SVE", docx("Hej «Contact_Nmae», «Contact_City»"), replace=True)
    return crm_settings


def shown_text(pilot, selector: str = "#merge-report Static") -> str:
    return "\n".join(str(widget.render()) for widget in pilot.app.screen.query(selector))


async def open_dialog(pilot, segment_no: str, results: list) -> None:
    pilot.app.push_screen(MergeDialog(segment_no), results.append)
    await settle(pilot)


async def test_the_check_lists_fields_and_flags_unknown_ones(letter_settings, tmp_path):
    segment_no = letter_segment("P-ANNA", "P-BERT")
    app = SegtuiApp(letter_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        report = shown_text(pilot)
        assert "Header document · ENU · used by 1 line\n" in report
        assert "Contact_Name" in report and "Salutation_Formal" in report
        assert ("! unknown field «Contact_Nmae» in body: it stays empty (did you mean "
                "Contact_Name?)") in report.splitlines()
        assert "1 unknown merge field" in shown_text(pilot, "#merge-summary")
        assert shown_text(pilot, "#merge-message") == ""
        folder = app.screen.query_one("#merge-folder", Input)
        assert folder.value == str(output_dir("letters") / segment_no)
        assert app.focused is folder
        await pilot.press(*str(tmp_path / "out"))       # the default is selected: typing replaces
        await pilot.press("tab", "space")                # the PDF box
        for no in ("enter", "escape", "n"):              # each leaves the dialog as it was
            await pilot.press("ctrl+s")
            await settle(pilot)
            question = app.screen
            assert isinstance(question, ConfirmDialog)
            assert question.question == ("1 unknown field stays empty in the letters. "
                                         "Merge anyway?")
            await pilot.press(no)
            await settle(pilot)
            assert results == [] and isinstance(app.screen, MergeDialog)
        await pilot.press("ctrl+s", "y")
        await settle(pilot)
    assert results == [MergeRequest(out_dir=tmp_path / "out", pdf=True,
                                    allow_unknown_fields=True)]
    assert not (tmp_path / "out").exists()               # the caller merges, not the dialog


async def test_enter_in_the_folder_merges_with_the_default(letter_settings):
    segment_no = letter_segment("P-BERT")
    app = SegtuiApp(letter_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        await pilot.press("enter")
        await settle(pilot)
    assert results == [MergeRequest(out_dir=output_dir("letters") / segment_no, pdf=False)]


async def test_a_segment_without_documents_is_refused(letter_settings):
    segment_no = letter_segment("P-BERT", template="MEETING")
    app = SegtuiApp(letter_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert "nothing to merge" in shown_text(pilot, "#merge-message")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert results == [] and isinstance(app.screen, MergeDialog)
        await pilot.press("escape")
        await settle(pilot)
    assert results == [None]


async def test_an_unreadable_document_is_flagged_and_blocks(letter_settings):
    segment_no = letter_segment("P-ANNA")
    Attachment.update(file=b"not a word file").where(
        Attachment.no == header_documents(segment_no)["SVE"].attachment).execute()
    app = SegtuiApp(letter_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert "cannot be read" in shown_text(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert results == []
        assert "cannot be read" in shown_text(pilot, "#merge-message")


async def test_an_empty_folder_is_refused(letter_settings):
    segment_no = letter_segment("P-BERT")
    app = SegtuiApp(letter_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        await pilot.press("backspace", "ctrl+s")
        await settle(pilot)
        assert results == []
        assert "folder" in shown_text(pilot, "#merge-message")
        await pilot.press("escape")
        await settle(pilot)
    assert results == [None]


async def test_the_check_and_the_question_in_swedish(letter_settings, swedish):
    segment_no = letter_segment("P-ANNA")
    app = SegtuiApp(letter_settings)
    results = []
    async with app.run_test(size=SIZE) as pilot:
        await open_dialog(pilot, segment_no, results)
        assert ("! okänt fält «Contact_Nmae» i brödtext: det förblir tomt (menade du "
                "Contact_Name?)") in shown_text(pilot).splitlines()
        assert "1 okänt kopplingsfält" in shown_text(pilot, "#merge-summary")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.question == "1 okänt fält förblir tomt i breven. Koppla ändå?"
        await pilot.press("enter")                      # Nej is the default
        await settle(pilot)
        assert results == [] and isinstance(app.screen, MergeDialog)
