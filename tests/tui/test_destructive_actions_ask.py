"""Each destructive action of the TUI asks once, saying what (and how many) it affects, No by
default: Enter on the question changes nothing and no second question follows."""
import datetime

import pytest
from tests.support.tui import settle

from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.selection import add_contacts
from segtui.store.models import (
    Contact, ContactJobResponsibility, ContactMailingGroup, SegmentHeader, SegmentLine)
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog

SIZE = (80, 24)


@pytest.fixture
def segment(crm_settings) -> str:
    no = create_segment(user="TESTER", description="Spring mailing", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(no, parse_criteria(["industry=RETAIL|WHOLESALE"]), user="TESTER")
    return no


def everything() -> dict:
    return {model.__name__: sorted(model.select().tuples())
            for model in (SegmentHeader, SegmentLine, Contact, ContactMailingGroup,
                          ContactJobResponsibility)}


async def asked_once(pilot, keys: list[str], words: list[str], *, screen=None) -> None:
    """`keys` ask one question holding `words`, No focused; Enter answers it and changes
    nothing, with no question after it: `screen` (the one in front) is in front again."""
    before = everything()
    screen = screen or pilot.app.screen
    await pilot.press(*keys)
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmDialog), type(dialog)
    for word in words:
        assert word in dialog.question, (word, dialog.question)
    assert dialog.focused.id == "no" and not dialog.default
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.screen is screen
    assert everything() == before


async def test_deleting_a_segment_asks_with_its_lines(crm_settings, segment):
    count = SegmentLine.select().where(SegmentLine.segment == segment).count()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await asked_once(pilot, ["d"], [segment, f"{count} lines"])


async def test_removing_a_line_asks_naming_it(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the form
        await settle(pilot)
        pilot.app.screen.lines.focus()
        await settle(pilot)
        line = pilot.app.screen.lines.highlighted_row
        await asked_once(pilot, ["d"], [f"line {line.line_no}", line.contact_no])


async def test_going_back_asks_with_the_lines_it_changes(crm_settings, segment):
    count = SegmentLine.select().where(SegmentLine.segment == segment).count()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await asked_once(pilot, ["b"], ["criteria action 1", f"{count} lines"])


async def test_applying_a_mailing_group_asks_with_the_contacts_and_lines(crm_settings,
                                                                        segment):
    count = SegmentLine.select().where(SegmentLine.segment == segment).count()
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        form = pilot.app.screen
        await pilot.press("i")
        await settle(pilot)
        await pilot.press(*"XMAS")
        await settle(pilot)
        await asked_once(pilot, ["enter"], ["XMAS", f"({count} lines)", segment], screen=form)


async def test_deleting_a_contact_asks_naming_it(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("slash", *"P-ANNA", "enter")
        await settle(pilot)
        await asked_once(pilot, ["d"], ["P-ANNA"])


async def test_removing_a_classification_row_asks_naming_it(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("slash", *"P-ANNA", "enter")
        await settle(pilot)
        await pilot.press("enter", "ctrl+pagedown", "ctrl+pagedown")  # the card's codes
        await settle(pilot)
        await asked_once(pilot, ["minus"], ["NEWSLETTER", "P-ANNA", "1 row"])
