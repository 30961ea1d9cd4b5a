"""Every main screen and the key dialogs at 80×24 with NO_COLOR: check boxes read [x] / [ ],
the focused widget and the cursor row are marked by text style (bold, underline, reverse), so a
terminal without colour shows them (issue 18)."""
import datetime

import pytest
from tests.support.tui import settle, wait_for
from textual.widgets import Input

from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.selection import add_contacts
from segtui.store.enums import CriteriaAction
from segtui.store.models import Contact
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.criteria import CriteriaDialog
from segtui.tui.dialogs.import_contacts import ImportDialog
from segtui.tui.dialogs.log_segment import LogDialog
from segtui.tui.screens.contact_card import ContactCardScreen
from segtui.tui.screens.segment_form import SegmentFormScreen

SIZE = (80, 24)


@pytest.fixture
def colourless(monkeypatch, crm_settings):
    """NO_COLOR set before the app starts (Textual reads it then), and a segment whose P-GUS
    prefers E-mail but has no e-mail address."""
    monkeypatch.setenv("NO_COLOR", "1")
    Contact.update(email="").where(Contact.no == "P-GUS").execute()
    segment_no = create_segment(user="TESTER", description="Spring mailing", template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(segment_no, parse_criteria(["contact.no=P-ANNA|P-GUS|P-CARL"]), user="TESTER")
    return segment_no


def opens(mode: str | None = None, *screens, keys=()):
    """A run_before: the section `mode`, then `screens` on top, then `keys`, each settled."""
    async def run_before(pilot) -> None:
        await settle(pilot)
        assert pilot.app.no_color
        if mode is not None:
            await pilot.app.switch_mode(mode)
            await settle(pilot)
        for make in screens:
            pilot.app.push_screen(make())
            await settle(pilot)
            await wait_for(pilot, lambda screen=pilot.app.screen: not getattr(
                screen, "count_pending", False), "the live count")
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a steady cursor in the picture
        await pilot.pause()
    return run_before


@pytest.mark.parametrize("mode", ["segments", "segment_log", "interaction_log", "contacts",
                                  "setup"])
def test_section(snap_compare, crm_settings, colourless, mode):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(mode))


def test_segment_form(snap_compare, crm_settings, colourless):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE,
                        run_before=opens(None, lambda: SegmentFormScreen(colourless)))


def test_contact_card(snap_compare, crm_settings, colourless):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(
        "contacts", lambda: ContactCardScreen("P-ANNA")))


def test_log_dialog_blocked_by_a_contact_without_address(snap_compare, crm_settings,
                                                         colourless):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(
        None, lambda: SegmentFormScreen(colourless), lambda: LogDialog(colourless)))


def test_log_dialog_with_follow_up_ticked(snap_compare, crm_settings, colourless):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(
        None, lambda: SegmentFormScreen(colourless), lambda: LogDialog(colourless),
        keys=("tab", "space")))


def test_reuse_options_of_a_follow_up_with_include_canceled_ticked(snap_compare, crm_settings,
                                                                   colourless):
    """C14: the options of a follow-up of the crm's logged segment, Include canceled ticked:
    what it would add and skip, said again."""
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(
        "segment_log", keys=("end", "f", "space")))


def test_add_contacts_dialog(snap_compare, crm_settings, colourless):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(
        None, lambda: SegmentFormScreen(colourless),
        lambda: CriteriaDialog(colourless, CriteriaAction.ADD_CONTACTS)))


def test_import_dialog(snap_compare, crm_settings, colourless):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(
        "contacts", lambda: ImportDialog(), keys=("tab", "tab", "space")))
