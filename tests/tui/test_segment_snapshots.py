"""How the Segment screens look at 80×24: the list, the form, Add Contacts, Log and Merge
dialogs."""
import datetime

import pytest
from tests.support.criteria_dialog import criteria_counted
from tests.support.documents import docx, letter_segment
from tests.support.tui import settle, wait_for
from textual.widgets import Input

from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents.template_documents import import_document
from segtui.domain.segments.selection import add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.store.enums import CriteriaAction
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.criteria import CriteriaDialog
from segtui.tui.dialogs.log_segment import LogDialog
from segtui.tui.dialogs.merge import MergeDialog
from segtui.tui.screens.segment_form import SegmentFormScreen

SIZE = (80, 24)


@pytest.fixture
def segment_no(crm_settings) -> str:
    no = create_segment(user="TESTER", description="Spring mailing", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(no, parse_criteria(["industry=RETAIL|WHOLESALE"]), user="TESTER")
    create_segment(user="TESTER", description="Autumn [bold]fair[/]", salesperson="PS",
                   date=datetime.date(2026, 9, 1))
    return no


def shows(*screens, keys=()):
    """A run_before that opens `screens` (callables making them) in turn and lets them settle,
    then presses `keys` and waits for the live count."""
    async def run_before(pilot) -> None:
        await settle(pilot)
        for make in screens:
            pilot.app.push_screen(make())
            await settle(pilot)
            await wait_for(pilot, lambda screen=pilot.app.screen: not getattr(
                screen, "count_pending", False), "the live count")
        if keys:
            await pilot.press(*keys)
            await criteria_counted(pilot)
        for field in pilot.app.screen.query(Input):
            # a steady cursor: a blinking one is drawn or not by how long the screen took
            field.cursor_blink = False
        await pilot.pause()
    return run_before


def test_segment_list(snap_compare, crm_settings, segment_no):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=shows())


def test_segment_form(snap_compare, crm_settings, segment_no):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE,
                        run_before=shows(lambda: SegmentFormScreen(segment_no)))


def test_add_contacts_dialog(snap_compare, crm_settings, segment_no):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=shows(
        lambda: SegmentFormScreen(segment_no),
        lambda: CriteriaDialog(segment_no, CriteriaAction.ADD_CONTACTS)))


def test_add_contacts_dialog_in_swedish_refusing_a_filter(snap_compare, crm_settings,
                                                           segment_no, swedish):
    """Swedish, the Business Relation source chosen by its key and a malformed filter typed:
    the refusal beside the field, ✗ on the source, no number for the count."""
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=shows(
        lambda: SegmentFormScreen(segment_no),
        lambda: CriteriaDialog(segment_no, CriteriaAction.ADD_CONTACTS),
        keys=("i", *"RETAIL", "alt+r", *"..;;<>")))


def test_reduce_contacts_dialog_on_the_interaction_source(snap_compare, crm_settings,
                                                          segment_no):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=shows(
        lambda: SegmentFormScreen(segment_no),
        lambda: CriteriaDialog(segment_no, CriteriaAction.REDUCE), keys=("l", *"RE")))


def test_log_dialog(snap_compare, crm_settings, segment_no):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=shows(
        lambda: SegmentFormScreen(segment_no), lambda: LogDialog(segment_no)))


def test_segment_form_interaction_group_with_a_refusal(snap_compare, crm_settings, segment_no):
    """The header's Interaction group (Alt+I) with a refused Unit Cost: the message whole under
    its field, the group's keys in the key bar, the lines right under the header."""
    async def run_before(pilot) -> None:
        await shows(lambda: SegmentFormScreen(segment_no))(pilot)
        await pilot.press("h", "alt+i")
        await settle(pilot)
        for _step in range(12):
            if pilot.app.screen.focused.id == "field-unit_cost" or any(
                    node.id == "field-unit_cost" for node in pilot.app.screen.focused.ancestors):
                break
            await pilot.press("tab")
        await pilot.press("ctrl+a", "ctrl+k", *"1000000000000000", "enter")
        await settle(pilot)
        pilot.app.screen.focused.cursor_blink = False
        await pilot.pause()
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=run_before)


def test_merge_dialog_asks_once_about_unknown_fields(snap_compare, crm_settings):
    """The template check names the unknown field with its places and nearest name, as every
    surface does; Merge asks once, No focused."""
    import_document("LETTER", "ENU", letter_docx("ENU"), replace=True)
    import_document("LETTER", "SVE", docx("Hej «Contact_Nmae», «Contact_City»"), replace=True)
    segment_no = letter_segment("P-ANNA", "P-BERT", description="Letters")

    async def run_before(pilot) -> None:
        await shows(lambda: SegmentFormScreen(segment_no), lambda: MergeDialog(segment_no))(pilot)
        pilot.app.screen.query_one("#merge-folder", Input).value = "/letters"  # not tmp_path
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=run_before)
