"""The Segment Log screen: newest first, cancel / un-cancel with a reason, follow-up, drill-down,
the journal, deleting canceled logged segments; keys only at 80×24."""
import datetime

import pytest
from tests.support.tui import settle

from segtui.domain.journal.logged_segments import set_canceled as cancel_logged
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.log_segment import log_segment
from segtui.domain.segments.headers import create_segment
from segtui.store.models import (
    CancelJournal, InteractionLogEntry, LoggedSegment, SegmentHeader, SegmentLine)
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.cancel_journal import CancelJournalDialog
from segtui.tui.dialogs.reason import ReasonDialog
from segtui.tui.dialogs.reuse_options import ReuseOptionsDialog
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens.segment_log import SegmentLogScreen
from segtui.tui.widgets.paged_table import PagedTable

SIZE = (80, 24)
USER = "TESTER"
MARKUP = "[bold]x"


def logged(description: str, *contacts: str) -> int:
    """Log a new LETTER segment to `contacts`; its logged segment entry no."""
    segment_no = create_segment(user=USER, description=description, template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, 15))
    for contact_no in contacts:
        add_line(segment_no, contact_no, user=USER)
    return log_segment(segment_no, user=USER).logged_segment_entry_no


@pytest.fixture
def log(crm_settings, monkeypatch) -> list[int]:
    """The crm's entry 1, then "Spring letter" (P-ANNA, P-BERT) and a markup-like description."""
    monkeypatch.setattr(SegtuiApp, "MODES", {**SegtuiApp.MODES, "segment_log": SegmentLogScreen})
    return [1, logged("Spring letter", "P-ANNA", "P-BERT"), logged(MARKUP, "P-DORA")]


class DrillApp(SegtuiApp):
    """An app with the Interaction Log's drill-down action, recording its calls."""

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.opened: list[int] = []

    def action_open_interactions(self, entry_no: int) -> None:
        self.opened.append(entry_no)


async def open_log(pilot) -> None:
    await pilot.app.switch_mode("segment_log")
    await settle(pilot)


def table(pilot) -> PagedTable:
    return pilot.app.screen.query_one("#segment-log-table", PagedTable)


def drawn(pilot) -> list[str]:
    widget = table(pilot)
    return [widget.render_line(y).text for y in range(widget.size.height)]


def notices(app) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def answer(pilot, reason: str) -> None:
    assert isinstance(pilot.app.screen, ReasonDialog)
    await pilot.press(*reason, "enter")
    await settle(pilot)


async def test_the_list_shows_the_logged_segments_newest_first(crm_settings, log):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert isinstance(app.screen, SegmentLogScreen)
        assert [row.entry_no for row in table(pilot).window] == log[::-1]
        lines = drawn(pilot)
        assert lines[0].split() == ["Entry", "Segment", "Description", "Inter.", "Canceled", "Date"]
        assert lines[2].split()[2:5] == ["Spring", "letter", "2"]
        assert lines[3].split()[:5] == ["1", "SEG00090", "Autumn", "letter", "4"]
        assert "Row 1 of 3" in str(app.screen.query_one("#segment-log-status").render())


async def test_user_data_with_markup_shows_literally(crm_settings, log):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert MARKUP in drawn(pilot)[1]


async def test_cancel_with_a_reason_cancels_the_entries_and_journals_it(crm_settings, log):
    spring = log[1]
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("down")  # the cursor on Spring letter
        await pilot.press("c")
        await answer(pilot, "Wrong list")
        assert isinstance(app.screen, SegmentLogScreen)
        assert LoggedSegment.get_by_id(spring).canceled
        entries = InteractionLogEntry.select().where(
            InteractionLogEntry.logged_segment_entry_no == spring)
        assert [entry.canceled for entry in entries] == [True, True]
        journal = CancelJournal.get()
        assert (journal.action, journal.logged_segment_entry_no, journal.reason,
                journal.no_of_entries, journal.user_id) == (
            "cancel segment", spring, "Wrong list", 2, USER)
        assert f"Logged segment {spring} canceled: 2 interactions." in notices(app)
        assert table(pilot).highlighted_row.canceled
        assert drawn(pilot)[2].split()[-3:-1] == ["2", "Yes"]


async def test_uncancel_with_a_reason(crm_settings, log):
    spring = log[1]
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("down", "c")
        await answer(pilot, "Wrong list")
        await pilot.press("u")
        await answer(pilot, "It was right after all")
        assert not LoggedSegment.get_by_id(spring).canceled
        assert not InteractionLogEntry.select().where(
            InteractionLogEntry.logged_segment_entry_no == spring,
            InteractionLogEntry.canceled).exists()
        assert [row.action for row in CancelJournal.select().order_by(CancelJournal.no)] == [
            "cancel segment", "uncancel segment"]
        assert f"Logged segment {spring} un-canceled: 2 interactions." in notices(app)


async def test_a_blank_reason_is_refused_beside_the_field(crm_settings, log):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("c", "space", "space", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        message = dialog.query_one("#reason-message")
        assert message.has_class("shown") and "reason" in str(message.render())
        assert not LoggedSegment.get_by_id(log[2]).canceled
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SegmentLogScreen)
        assert not CancelJournal.select().exists()


async def test_keys_follow_the_canceled_state(crm_settings, log):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("u")  # the newest is not canceled: nothing to un-cancel
        assert isinstance(app.screen, SegmentLogScreen)
        await pilot.press("j")  # vim keys move the cursor
        assert table(pilot).highlighted_row.entry_no == log[1]
        await pilot.press("end")
        assert table(pilot).highlighted_row.entry_no == 1
        await pilot.press("c")  # entry 1 is not canceled in the crm
        assert isinstance(app.screen, ReasonDialog)


async def test_follow_up_opens_the_form_of_a_segment_to_the_logged_contacts(crm_settings, log):
    spring = log[1]
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("down", "f")
        await settle(pilot)
        assert isinstance(app.screen, ReuseOptionsDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SegmentFormScreen)
        logged_no = LoggedSegment.get_by_id(spring).segment_no
        header = SegmentHeader.get_by_id(form.segment_no)
        assert header.description == f"Follow-up on segment {logged_no}"
        contacts = SegmentLine.select(SegmentLine.contact).where(
            SegmentLine.segment == form.segment_no).tuples()
        assert sorted(contact for contact, in contacts) == ["P-ANNA", "P-BERT"]
        assert sorted(row.contact_no for row in form.lines.window) == ["P-ANNA", "P-BERT"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SegmentLogScreen)


async def test_C15_follow_up_of_an_all_canceled_logged_segment_says_why(crm_settings, log,
                                                                       swedish):
    cancel_logged(1, True, user=USER, reason="sent by mistake")
    segments = SegmentHeader.select().count()
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_log(pilot)
        await pilot.press("end", "f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReuseOptionsDialog)
        preview = dialog.query_one("#reuse-preview")
        assert str(preview.render()) == (
            "ingen rad: alla 5 poster i loggat segment 1 är annullerade; kryssa i Ta med "
            "annullerade")
        await pilot.press("ctrl+s")  # no line: refused, the dialog stays
        await settle(pilot)
        assert app.screen is dialog and SegmentHeader.select().count() == segments
        await pilot.press("space", "ctrl+s")  # Ta med annullerade
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SegmentFormScreen)
        assert [str(note.message) for note in app._notifications][-1].startswith(
            f"uppföljningssegment {form.segment_no}: lade till 4 rader från loggat segment 1")
    assert sorted(contact for contact, in SegmentLine.select(SegmentLine.contact).where(
        SegmentLine.segment == form.segment_no).tuples()) \
        == ["C-CRAFT", "P-ANNA", "P-BERT", "P-FRIDA"]


async def test_enter_drills_down_to_the_interactions_of_the_logged_segment(crm_settings, log):
    app = DrillApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.opened == [log[1]]


async def test_the_journal_lists_the_cancel_with_its_reason(crm_settings, log):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("c")
        await answer(pilot, f"Sent twice {MARKUP}")
        await pilot.press("J")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, CancelJournalDialog)
        journal = dialog.query_one("#cancel-journal-table")
        cells = [str(cell) for cell in journal.get_row_at(0)]
        assert cells[1:] == [USER, "Segment canceled", f"Log. segm. {log[2]}", "1"]
        reason = str(dialog.query_one("#cancel-journal-reason").render())
        assert reason == f"Reason: Sent twice {MARKUP}"
        await pilot.press("escape")
        assert isinstance(app.screen, SegmentLogScreen)


async def test_delete_is_refused_for_a_logged_segment_not_canceled(crm_settings, log):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, SegmentLogScreen)
        assert any("is not canceled" in text for text in notices(app))
        assert LoggedSegment.select().count() == 3


async def test_delete_a_canceled_logged_segment_with_a_reason(crm_settings, log):
    newest = log[2]
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("c")
        await answer(pilot, "Wrong list")
        await pilot.press("delete")
        await answer(pilot, "Clean up")
        assert LoggedSegment.get_or_none(LoggedSegment.entry_no == newest) is None
        assert [row.entry_no for row in table(pilot).window] == log[1::-1]
        assert CancelJournal.select().where(CancelJournal.action == "delete segment").count() == 1
        assert f"Logged segment {newest} deleted." in notices(app)


async def test_the_filter_narrows_by_segment_no_or_description(crm_settings, log):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("slash", *"spring", "enter")
        await settle(pilot)
        assert [row.entry_no for row in table(pilot).window] == [log[1]]
        await pilot.press("escape")
        await settle(pilot)
        assert [row.entry_no for row in table(pilot).window] == log[::-1]
        await pilot.press("slash", *"seg00090", "enter")
        await settle(pilot)
        assert [row.entry_no for row in table(pilot).window] == [1]
