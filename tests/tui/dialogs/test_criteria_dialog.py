"""The Add / Reduce / Refine Contacts dialog: live count, validation beside fields, keys only."""
import datetime

import pytest
from tests.support.crm import NAV_ORDER, build_crm
from textual.widgets import Checkbox
from tests.support.criteria_dialog import (
    choose_source, criteria_counted, criteria_message, criteria_status, to_criteria_field,
    type_criterion)
from tests.support.tui import settle

from segtui.config import Settings
from segtui.domain.segments.selection import AddOptions, add_contacts, remove_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.store.enums import CriteriaAction
from segtui.store.models import SegmentCriteriaLine, SegmentLine
from segtui.tui import app as app_module
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.criteria import CriteriaDialog, CriteriaRequest
from segtui.tui.dialogs.lookup import LookupDialog

SIZE = (80, 24)
USER = "TESTER"
ADD, REDUCE, REFINE = CriteriaAction.ADD_CONTACTS, CriteriaAction.REDUCE, CriteriaAction.REFINE


@pytest.fixture
def crm_settings(sqlite_database):
    """The known CRM (the typing pause before a count is zero: tests/tui/conftest.py)."""
    build_crm()
    return Settings(db_target="crm.db", is_default_db=False, user=USER)


def new_segment() -> str:
    return create_segment(user=USER, description="Spring letter", template="LETTER",
                          salesperson="AH", date=datetime.date(2026, 1, 15))


@pytest.fixture
def empty_segment(crm_settings) -> str:
    return new_segment()


@pytest.fixture
def full_segment(crm_settings) -> str:
    """A segment with a line for every contact Add Contacts may take."""
    segment_no = new_segment()
    add_contacts(segment_no, parse_criteria([]), user=USER, all_contacts=True)
    return segment_no


def dry_add(segment_no: str, *texts: str, **options) -> int:
    return add_contacts(segment_no, parse_criteria(list(texts)), user=USER,
                        options=AddOptions(**options), all_contacts=not texts,
                        dry_run=True).count


def dry_remove(segment_no: str, action: CriteriaAction, *texts: str,
               entire_companies: bool = False) -> int:
    return remove_contacts(segment_no, action, parse_criteria(list(texts)), user=USER,
                           entire_companies=entire_companies, dry_run=True).count


counted = criteria_counted
status = criteria_status
message = criteria_message
to_field = to_criteria_field


async def open_dialog(pilot, segment_no: str, action: CriteriaAction, results: list):
    pilot.app.push_screen(CriteriaDialog(segment_no, action), results.append)
    await counted(pilot)
    return pilot.app.screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await counted(pilot)


def nothing_written(segment_no: str, lines: int = 0) -> None:
    assert SegmentLine.select().where(SegmentLine.segment == segment_no).count() == lines
    assert SegmentCriteriaLine.select().where(
        SegmentCriteriaLine.segment == segment_no).count() == (1 if lines else 0)


async def test_typing_an_industry_group_shows_the_live_count(empty_segment, crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, empty_segment, ADD, results)
        assert status(dialog) == f"Would add {dry_add(empty_segment):,} contacts (every contact)"
        await to_field(pilot, "industry.code")
        await type_text(pilot, "RETAIL")
        expected = dry_add(empty_segment, "industry=RETAIL")
        assert expected == 5
        assert status(dialog) == f"Would add {expected} contacts"
        assert message(dialog, "industry.code") == ""
        await pilot.press("tab", "tab", "space")  # past Allow Existing to Expand Companies
        await counted(pilot)
        assert dialog.query_one("#option-expand_companies", Checkbox).value
        widened = dry_add(empty_segment, "industry=RETAIL", expand_companies=True)
        assert status(dialog) == f"Would add {widened} contacts"
        assert results == []
    nothing_written(empty_segment)


async def test_a_bad_filter_shows_beside_its_field_and_ok_is_refused(empty_segment,
                                                                     crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, empty_segment, ADD, results)
        await to_field(pilot, "interaction.date")
        await type_text(pilot, "2026-13-01")
        assert "'2026-13-01' is not a date" in message(dialog, "interaction.date")
        assert status(dialog).startswith("✗")
        await type_criterion(pilot, "industry.code", "NOPE")
        assert message(dialog, "industry.code") == "industry group NOPE does not exist"
        assert dialog.query_one("#field-industry-code").has_class("invalid")
        await pilot.press("ctrl+s")
        await counted(pilot)
        assert results == [] and pilot.app.screen is dialog
        assert pilot.app.focused is dialog.field_input("interaction.date")
        await pilot.press("ctrl+u")  # clear the date: the industry code is still wrong
        await counted(pilot)
        assert message(dialog, "interaction.date") == ""
        await pilot.press("ctrl+s")
        await counted(pilot)
        assert pilot.app.focused is dialog.field_input("industry.code")
        assert results == []
    nothing_written(empty_segment)


async def test_other_criteria_take_any_field_of_any_source(empty_segment, crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, empty_segment, ADD, results)
        assert await choose_source(pilot, "other") is dialog.field_input("other")
        await type_text(pilot, "contact.language=ENU; jobresp=X")
        assert message(dialog, "other") == ("jobresp=X: job responsibility X does not exist")
        await pilot.press("backspace", *"SALES")
        await counted(pilot)
        assert message(dialog, "other") == ""
        texts = ["contact.language=ENU", "jobresp=SALES"]
        assert dry_add(empty_segment, *texts) == 1
        assert status(dialog) == "Would add 1 contact"
        await pilot.press("ctrl+s")
        await counted(pilot)
    assert results[0].criteria.describe() == texts


async def test_ctrl_s_returns_the_request_with_the_ticked_options(empty_segment, crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_dialog(pilot, empty_segment, ADD, results)
        await to_field(pilot, "industry.code")
        await type_text(pilot, "RETAIL")
        await pilot.press("tab", "space", "tab", "tab", "tab", "space")  # the first, the last
        await pilot.press("ctrl+s")
        await counted(pilot)
    request = results[0]
    assert isinstance(request, CriteriaRequest)
    assert request.action == ADD
    assert request.criteria.describe() == ["industry.code=RETAIL"]
    assert request.options == AddOptions(allow_existing=True, ignore_exclusion=True)
    assert not request.entire_companies and not request.all_contacts
    nothing_written(empty_segment)


async def test_ok_button_applies_and_escape_cancels(empty_segment, crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await open_dialog(pilot, empty_segment, ADD, results)
        await pilot.press("escape")
        await settle(pilot)
        assert results == [None]
        await open_dialog(pilot, empty_segment, ADD, results)
        await type_criterion(pilot, "contact.no", "P-ANNA|P-GUS")
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "enter")  # sources, Cancel, OK
        await counted(pilot)
    assert results[1].criteria.describe() == ["contact.no=P-ANNA|P-GUS"]
    nothing_written(empty_segment)


@pytest.mark.parametrize("action", [REDUCE, REFINE])
async def test_reduce_and_refine_count_lines_of_the_segment(full_segment, crm_settings, action):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, full_segment, action, results)
        assert status(dialog).startswith("Give a criterion")
        await pilot.press("ctrl+s")
        await counted(pilot)
        assert results == [] and pilot.app.screen is dialog
        await to_field(pilot, "industry.code")
        await type_text(pilot, "RETAIL")
        expected = dry_remove(full_segment, action, "industry=RETAIL")
        assert expected == (5 if action == REDUCE else len(NAV_ORDER) - 5)
        assert status(dialog) == f"Would remove {expected} lines"
        await pilot.press("tab", "space")  # Entire Companies
        await counted(pilot)
        whole = dry_remove(full_segment, action, "industry=RETAIL", entire_companies=True)
        assert status(dialog) == f"Would remove {whole} lines"
        await pilot.press("ctrl+s")
        await counted(pilot)
    request = results[0]
    assert request.action == action and request.entire_companies
    assert request.criteria.describe() == ["industry.code=RETAIL"]
    assert request.options == AddOptions() and not request.all_contacts
    nothing_written(full_segment, lines=len(NAV_ORDER))


async def test_the_newest_count_wins(empty_segment, crm_settings):
    """With no typing pause every key starts a count; each newer one cancels the older."""
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, empty_segment, ADD, results)
        await to_field(pilot, "industry.code")
        await pilot.press(*"RETAIL", *["backspace"] * 6, *"WHOLESALE")
        await counted(pilot)
        expected = dry_add(empty_segment, "industry=WHOLESALE")
        assert expected == 3
        assert status(dialog) == f"Would add {expected} contacts"
        assert message(dialog, "industry.code") == ""


async def test_f4_picks_codes_into_the_field(empty_segment, crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, empty_segment, ADD, results)
        field = await to_field(pilot, "industry.code")
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LookupDialog)
        await pilot.press("enter")
        await counted(pilot)
        assert pilot.app.screen is dialog and field.value == "RETAIL"
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await counted(pilot)
        assert field.value == "RETAIL|WHOLESALE"
        assert pilot.app.focused is field
        expected = dry_add(empty_segment, "industry=RETAIL|WHOLESALE")
        assert status(dialog) == f"Would add {expected} contacts"
        await choose_source(pilot, "jobresp")  # Job Responsibility has a pick list too
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LookupDialog)
        await pilot.press("escape")
        await settle(pilot)
        await to_field(pilot, "contact.territory")
        await pilot.press("f4")  # no pick list for territories: nothing opens
        await settle(pilot)
        assert pilot.app.screen is dialog


async def test_add_without_criteria_asks_before_every_contact(empty_segment, crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, empty_segment, ADD, results)
        await pilot.press("ctrl+s")
        await counted(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert f"Add every contact ({dry_add(empty_segment)})" in pilot.app.screen.question
        await pilot.press("enter")  # the default is No
        await settle(pilot)
        assert pilot.app.screen is dialog and results == []
        await pilot.press("ctrl+s")
        await counted(pilot)
        await pilot.press("y")
        await settle(pilot)
    request = results[0]
    assert request.all_contacts and not request.criteria
    nothing_written(empty_segment)


async def test_user_data_in_messages_is_shown_literally(empty_segment, crm_settings):
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_dialog(pilot, empty_segment, ADD, results)
        await type_criterion(pilot, "contact.no", "[bold]x")
        await pilot.press("tab", "tab", *"[red]")
        await counted(pilot)
        assert message(dialog, "contact.type").startswith("'[red]' is not one of")
