"""The Interaction Log screen: the remembered filter, marks, cancel, evaluate, comments,
documents."""
import pytest
from tests.support.documents import docx, letter_segment
from tests.support.tui import settle

from segtui.config import output_dir
from segtui.domain.journal import cancel_journal
from segtui.domain.segments import log_segment
from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.documents.template_documents import import_document
from segtui.store.enums import Evaluation
from segtui.store.models import (
    Contact, InteractionLogEntry, InterLogEntryCommentLine, LoggedSegment)
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.entry_filter import EntryFilterDialog
from segtui.tui.dialogs.text_view import TextViewDialog
from segtui.tui.screens.interaction_log import InteractionLogScreen
from segtui.tui.widgets.field_row import FieldRow
from segtui.tui.widgets.paged_table import PagedTable

SIZE = (80, 24)
MODE = "interaction_log"


@pytest.fixture(autouse=True)
def interaction_mode(monkeypatch):
    monkeypatch.setattr(SegtuiApp, "MODES", {**SegtuiApp.MODES, MODE: InteractionLogScreen})


@pytest.fixture
def sent_letter(crm_settings):
    """The crm plus a logged letter to P-ANNA with a real Word document: settings, entry no."""
    import_document("LETTER", "SVE", docx("Hej «Contact_Name»!", "Vi ses i vår."), replace=True)
    log_segment.log_segment(letter_segment("P-ANNA"), user="TESTER")
    newest = InteractionLogEntry.select().order_by(InteractionLogEntry.entry_no.desc()).get()
    return crm_settings, newest.entry_no


async def open_log(pilot) -> None:
    await pilot.app.switch_mode(MODE)
    await settle(pilot)


def shown(pilot) -> list[int]:
    return [row.entry_no for row in pilot.app.screen.query_one(PagedTable).window]


def lines(pilot) -> list[str]:
    table = pilot.app.screen.query_one(PagedTable)
    return [table.render_line(y).text for y in range(table.size.height)]


def status(pilot) -> str:
    return str(pilot.app.screen.query_one("#interactions-status").render())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(char, char) for char in text])


async def set_filter(pilot, field: str, text: str) -> None:
    """Open the filter dialog, go to `field`, replace its text, apply."""
    await pilot.press("slash")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, EntryFilterDialog)
    for row in dialog.query(FieldRow):
        if row.spec.attr == field:
            break
        await pilot.press("down")
    assert dialog.focused is dialog.query_one(f"#entry-filter-{field}", FieldRow).editor
    await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)


async def test_opens_on_the_newest_entries(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert shown(pilot) == [8, 7, 6, 5, 4, 3, 2, 1]
        # at 80 columns: number, contact, name, description, template, canceled (no date)
        assert lines(pilot)[0].split()[:4] == ["No.", "Contact", "Name", "Description"]
        assert lines(pilot)[1].split()[:4] == ["8", "P-GUS", "Gus", "Hale"]
        assert "Yes" in lines(pilot)[7]  # entry 2, P-FRIDA, is canceled
        assert status(pilot) == "Row 1 of 8"


async def test_filter_narrows_and_is_remembered_across_modes(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await set_filter(pilot, "segment", "SEG00090")
        assert shown(pilot) == [5, 4, 3, 2, 1]
        await set_filter(pilot, "contact", "p-anna|P-BERT")
        assert shown(pilot) == [5, 1]
        assert pilot.app.interaction_filter == EntryFilter(contact="p-anna|P-BERT",
                                                           segment="SEG00090")
        summary = str(pilot.app.screen.query_one("#interactions-filter").render())
        assert "P-BERT" in summary and "SEG00090" in summary
        await pilot.app.switch_mode("segments")
        await settle(pilot)
        await open_log(pilot)
        assert shown(pilot) == [5, 1]
        await pilot.press("escape")  # clears the filter
        await settle(pilot)
        assert shown(pilot) == [8, 7, 6, 5, 4, 3, 2, 1]
        assert pilot.app.interaction_filter == EntryFilter()


async def test_a_bad_filter_shows_its_message_beside_the_field(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await set_filter(pilot, "date", "2026-13-01")
        dialog = pilot.app.screen
        assert isinstance(dialog, EntryFilterDialog)  # not applied
        row = dialog.query_one("#entry-filter-date", FieldRow)
        message = str(row.query_one(".field-message").render())
        assert "2026-13-01" in message or "month" in message
        assert row.has_class("invalid")
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "2026-01-01..")
        await pilot.press("enter")
        await settle(pilot)
        assert shown(pilot) == [8, 7, 6]


async def test_show_logged_segment_drills_down(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        pilot.app.screen.show_logged_segment(1)
        await settle(pilot)
        assert shown(pilot) == [5, 4, 3, 2, 1]
        assert pilot.app.interaction_filter == EntryFilter(logged_segment="1")


async def test_mark_two_entries_and_evaluate_them(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("space", "down", "space")  # entries 8 and 6
        await settle(pilot)
        assert pilot.app.screen.marks == {8, 6}
        assert lines(pilot)[1].startswith(" ✓") and lines(pilot)[3].startswith(" ✓")
        assert status(pilot).startswith("2 marked")
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # Very Positive, Positive, Neutral
        await settle(pilot)
        evaluations = dict(InteractionLogEntry.select(InteractionLogEntry.entry_no,
                                                      InteractionLogEntry.evaluation).tuples())
        assert evaluations[8] == evaluations[6] == Evaluation.NEUTRAL
        assert evaluations[7] == Evaluation.BLANK
        assert pilot.app.screen.marks == set()
        # the Evaluation column gives way at 80 columns: the row shows it whole (w)
        assert pilot.app.screen.query_one(PagedTable).window[0].evaluation_text == "Neutral"


async def test_cancel_with_a_reason_writes_the_journal(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("down", "c")  # entry 7
        await settle(pilot)
        await pilot.press("enter")  # a reason is required
        await settle(pilot)
        assert "reason" in str(pilot.app.screen.query_one("#reason-message").render())
        await type_text(pilot, "sent twice")
        await pilot.press("enter")
        await settle(pilot)
        assert InteractionLogEntry.get_by_id(7).canceled
        journal = cancel_journal.journal_rows()[-1]
        assert (journal["action"], journal["entry_nos"], journal["reason"],
                journal["user_id"]) == ("cancel entries", "7", "sent twice", "TESTER")
        assert "Yes" in lines(pilot)[2]
        await pilot.press("u")
        await settle(pilot)
        await type_text(pilot, "not sent twice after all")
        await pilot.press("enter")
        await settle(pilot)
        assert not InteractionLogEntry.get_by_id(7).canceled
        assert cancel_journal.journal_rows()[-1]["action"] == "uncancel entries"


async def test_uncancel_refused_while_the_logged_segment_is_canceled_shows_why(crm_settings):
    LoggedSegment.update(canceled=True).execute()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("end", "up", "u")  # entry 2, canceled, in the canceled logged segment
        await settle(pilot)
        await type_text(pilot, "oops")
        await pilot.press("enter")
        await settle(pilot)
        assert InteractionLogEntry.get_by_id(2).canceled
        assert any("Logged Segment" in str(note.message)
                   for note in pilot.app._notifications)


async def test_comments_are_listed_and_added(crm_settings):
    InterLogEntryCommentLine.insert(entry=8, line_no=10000, comment="[red]called back").execute()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("m")
        await settle(pilot)
        listing = str(pilot.app.screen.query_one("#comments-list").render())
        assert "[red]called back" in listing
        await type_text(pilot, "wants a meeting")
        await pilot.press("enter")
        await settle(pilot)
        assert "wants a meeting" in str(pilot.app.screen.query_one("#comments-list").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InteractionLogScreen)
    comments = [row.comment for row in InterLogEntryCommentLine.select()
                .where(InterLogEntryCommentLine.entry == 8)
                .order_by(InterLogEntryCommentLine.line_no)]
    assert comments == ["[red]called back", "wants a meeting"]


async def test_show_as_sent_and_export(sent_letter):
    settings, entry_no = sent_letter
    async with SegtuiApp(settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert shown(pilot)[0] == entry_no
        await pilot.press("v")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TextViewDialog)
        assert "Hej Anna Berg!" in dialog.text and "Vi ses i vår." in dialog.text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        path = output_dir("documents") / f"{entry_no} Anna Berg.docx"
        assert path.read_bytes()[:2] == b"PK"
        assert any(str(path) in str(note.message) for note in pilot.app._notifications)


async def test_show_as_sent_without_a_document_says_why(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InteractionLogScreen)
        assert any("no document" in str(note.message) for note in pilot.app._notifications)


async def test_data_shows_literally(crm_settings):
    Contact.update(name="[b]x").where(Contact.no == "P-GUS").execute()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_log(pilot)
        assert "[b]x" in lines(pilot)[1]

