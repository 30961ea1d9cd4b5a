"""The Merge with PDFs from the Segment form, by keys at 80×24, a fake soffice first on PATH:
the work dialog shows the PDF phase, Escape kills LibreOffice, the outcome counts the PDFs."""
import datetime
import time

import pytest
from tests.support import fake_soffice
from tests.support.segment_form import open_form
from tests.support.tui import settle, wait_for
from textual.widgets import ProgressBar, Static

from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.selection import add_contacts
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.merge import MergeDialog
from segtui.tui.dialogs.work import WorkDialog
from segtui.tui.screens.segment_form import SegmentFormScreen


@pytest.fixture
def segment(letters):
    """A LETTER segment of the retail contacts, and the settings of its database."""
    no = create_segment(user="TESTER", description="Letters", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(no, parse_criteria(["industry=RETAIL"]), user="TESTER")
    return no, letters


def soffice(tmp_path, monkeypatch, mode: str):
    folder = fake_soffice.install(tmp_path / mode, mode)
    monkeypatch.setenv("PATH", fake_soffice.on_path(folder))
    return folder


async def merge_with_pdfs(pilot, segment_no: str, out) -> None:
    await open_form(pilot, segment_no)
    await pilot.press("m")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MergeDialog)
    await pilot.press(*str(out), "tab", "space", "ctrl+s")  # the folder, the PDF box, Merge


def messages(pilot) -> list[str]:
    return [str(notification.message) for notification in pilot.app._notifications]


async def test_escape_during_the_pdfs_kills_libreoffice(segment, tmp_path, monkeypatch):
    fake = soffice(tmp_path, monkeypatch, "hang")
    segment_no, settings = segment
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        await merge_with_pdfs(pilot, segment_no, tmp_path / "out")

        def pdf_phase() -> bool:
            screen = pilot.app.screen
            return (isinstance(screen, WorkDialog) and bool(fake_soffice.calls(fake))
                    and "Making PDFs" in str(screen.query_one("#work-message", Static).render()))
        await wait_for(pilot, pdf_phase, "the PDF phase", settling=False)
        bar = pilot.app.screen.query_one(ProgressBar)
        letters = len(list((tmp_path / "out").glob("0*.docx")))
        assert bar.total == 2 * letters  # each letter, and the combined file as its letters
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentFormScreen),
                       "the dialog to close")
        assert any("letters written so far stay" in text for text in messages(pilot))
    deadline = time.monotonic() + 10
    while fake_soffice.left_running(fake) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert fake_soffice.left_running(fake) == []
    assert len(fake_soffice.calls(fake)) == 1


async def test_the_outcome_counts_pdfs_made_and_missing(segment, tmp_path, monkeypatch):
    soffice(tmp_path, monkeypatch, "half")
    segment_no, settings = segment
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        await merge_with_pdfs(pilot, segment_no, tmp_path / "out")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentFormScreen),
                       "the merge to end")
        said = messages(pilot)
    out = tmp_path / "out"
    made = len(list(out.glob("*.pdf")))
    missing = len(list(out.glob("*.docx"))) - made
    assert missing and any(f"PDFs: {made}, missing: {missing}." in text for text in said), said
