"""How the other screens look at 80×24: Segment Log, Interaction Log, a contact card, Setup."""
import pytest
from tests.support.tui import settle

from segtui.tui.app import SegtuiApp
from segtui.tui.screens.contact_card import ContactCardScreen

SIZE = (80, 24)


def opens(mode: str, *keys: str, push=None):
    """A run_before that opens the section `mode`, maybe a screen on top, then presses keys."""
    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.app.switch_mode(mode)
        await settle(pilot)
        if push is not None:
            pilot.app.push_screen(push())
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
    return run_before


@pytest.mark.parametrize("mode", ["segment_log", "interaction_log", "setup"])
def test_section(snap_compare, crm_settings, mode):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(mode))


def test_contact_card(snap_compare, crm_settings):
    assert snap_compare(SegtuiApp(crm_settings), terminal_size=SIZE, run_before=opens(
        "contacts", push=lambda: ContactCardScreen("P-ANNA")))
