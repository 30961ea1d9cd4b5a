"""Set operations on the Criteria dialog: a segment no. (or a logged segment) in its own field
shows the live count and applies as one criteria action."""
import datetime

import pytest
from tests.support.crm import LOGGED_ENTRY, build_crm
from textual.widgets import Input, Static
from tests.support.criteria_dialog import type_criterion
from tests.support.tui import settle, wait_for

from segtui.config import Settings
from segtui.domain.segments.selection import add_contacts, remove_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.domain.segments.headers import create_segment
from segtui.store.enums import CriteriaAction
from segtui.store.models import SegmentLine
from segtui.tui import app as app_module
from segtui.tui.dialogs.criteria import CriteriaDialog, CriteriaRequest

USER = "TESTER"


@pytest.fixture
def crm_settings(sqlite_database):
    build_crm()
    return Settings(db_target="crm.db", is_default_db=False, user=USER)


def new_segment(*contacts: str) -> str:
    segment_no = create_segment(user=USER, description="Set ops", template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, 15))
    if contacts:
        add_contacts(segment_no, parse_criteria(["contact.no=" + "|".join(contacts)]), user=USER)
    return segment_no


def contacts(segment_no: str) -> set[str]:
    return {row[0] for row in SegmentLine.select(SegmentLine.contact)
            .where(SegmentLine.segment == segment_no).tuples()}


async def counted(pilot) -> None:
    dialog = pilot.app.screen
    await wait_for(pilot, lambda: not dialog.count_pending, "the live count")
    await settle(pilot)


async def fill(pilot, dialog: CriteriaDialog, key: str, text: str) -> None:
    """Keys only: the field's source by its key, Tab to the field, type."""
    await type_criterion(pilot, key, text)


def status(dialog) -> str:
    return str(dialog.query_one("#criteria-count", Static).render())


async def test_segment_no_shows_the_count_and_applies(crm_settings):
    target, other = new_segment("P-ANNA", "P-GUS"), new_segment("P-ANNA", "P-DORA", "C-BOLT")
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(CriteriaDialog(target, CriteriaAction.ADD_CONTACTS), results.append)
        await counted(pilot)
        dialog = pilot.app.screen
        await fill(pilot, dialog, "segment.no", "SEG09")
        assert "segment SEG09 does not exist" in str(
            dialog.query_one("#field-segment-no .criteria-message", Static).render())
        await pilot.press("ctrl+u")  # clear the field
        await fill(pilot, dialog, "segment.no", other.lower())
        assert status(dialog) == "Would add 2 contacts"
        assert isinstance(pilot.app.focused, Input)
        await pilot.press("ctrl+s")
        await settle(pilot)
    [request] = results
    assert isinstance(request, CriteriaRequest)
    assert request.criteria.describe() == [f"segment.no={other.lower()}"]
    add_contacts(target, request.criteria, user=USER, options=request.options)
    assert contacts(target) == {"P-ANNA", "P-GUS", "P-DORA", "C-BOLT"}


async def test_logged_segment_field_reduces_by_everyone_written_to(crm_settings):
    target = new_segment("P-ANNA", "P-BERT", "P-GUS")
    results = []
    async with app_module.SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(CriteriaDialog(target, CriteriaAction.REDUCE), results.append)
        await counted(pilot)
        dialog = pilot.app.screen
        await fill(pilot, dialog, "interaction.logged_segment", str(LOGGED_ENTRY))
        assert status(dialog) == "Would remove 2 lines"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [request] = results
    remove_contacts(target, request.action, request.criteria, user=USER)
    assert contacts(target) == {"P-GUS"}
