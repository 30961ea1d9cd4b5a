"""The Labels dialog (C-02) by keys at 80×24: L on the Segment form and on the Segment Log, the
layout by 1–4, the file following the layout until edited, Enter writes, one notification."""
import pytest
from docx import Document
from tests.support.documents import letter_segment
from tests.support.segment_form import open_form
from tests.support.tui import settle, wait_for
from textual.widgets import Input

from segtui.domain.documents import labels
from segtui.domain.segments.log_segment import log_segment
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.labels import LabelsDialog
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens.segment_log import SegmentLogScreen

SIZE = (80, 24)
USER = "TESTER"
CONTACTS = ("P-ANNA", "P-BERT", "C-BOLT", "P-GUS")


def label_count(path) -> int:
    table = Document(str(path)).tables[0]
    return sum(1 for row in table.rows for cell in row.cells if cell.text)


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_c02_labels_from_the_segment_form_by_keys(crm_settings, tmp_path):
    segment_no = letter_segment(*CONTACTS)
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_form(pilot, segment_no)
        await pilot.press("L")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LabelsDialog)
        out = dialog.query_one("#labels-out", Input)
        assert out.value == str(labels.default_path("36x70", segment_no=segment_no))
        await pilot.press("3")  # the file follows the layout while it is not edited
        assert dialog.chosen_layout == "36x105"
        assert out.value == str(labels.default_path("36x105", segment_no=segment_no))
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SegmentFormScreen)
        assert not labels.default_path("36x105", segment_no=segment_no).exists()

        await pilot.press("L")
        await settle(pilot)
        await pilot.press("4", "tab")
        out = app.screen.query_one("#labels-out", Input)
        out.value = ""
        await pilot.press(*str(tmp_path / "sheet1.docx"))  # a digit typed stays in the name
        assert app.screen.chosen_layout == "37x105"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SegmentFormScreen)
                       and notices(app), "the labels written")
    written = tmp_path / "sheet1.docx"
    assert label_count(written) == len(CONTACTS)
    assert notices(app)[-1] == (f"{len(CONTACTS)} labels, 1 page (37×105 mm): {written}")


@pytest.fixture
def logged(crm_settings, monkeypatch) -> int:
    monkeypatch.setattr(SegtuiApp, "MODES", {**SegtuiApp.MODES, "segment_log": SegmentLogScreen})
    segment_no = letter_segment(*CONTACTS)
    return log_segment(segment_no, user=USER).logged_segment_entry_no


async def test_c02_labels_of_a_logged_segment_from_the_segment_log_in_swedish(
        logged, crm_settings, swedish):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await app.switch_mode("segment_log")
        await settle(pilot)
        await pilot.press("home")  # the newest logged segment first
        await pilot.press("L")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, LabelsDialog)
        assert dialog.title_text == f"Etiketter för loggat segment {logged}"
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SegmentLogScreen)
                       and notices(app), "the labels written")
    path = labels.default_path("37x70", logged_entry_no=logged)
    assert notices(app)[-1] == f"{len(CONTACTS)} etiketter, 1 sida (37×70 mm): {path}"
    assert label_count(path) == len(CONTACTS)
