"""Moving between screens by drilling down: Segment Log → Interaction Log → contact card, each
opened over the one before (Escape goes back: tests/tui/test_navigation.py)."""
from tests.support.crm import LOGGED_ENTRY
from tests.support.tui import settle

from segtui.store.models import InteractionLogEntry
from segtui.tui.app import SegtuiApp
from segtui.tui.screens.contact_card import ContactCardScreen
from segtui.tui.screens.interaction_log import InteractionLogScreen
from segtui.tui.widgets.paged_table import PagedTable


async def test_from_a_logged_segment_to_its_entries_and_on_to_a_contact(crm_settings):
    entries = {entry.entry_no for entry in InteractionLogEntry.select().where(
        InteractionLogEntry.logged_segment_entry_no == LOGGED_ENTRY)}
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await pilot.app.switch_mode("segment_log")
        await settle(pilot)
        table = pilot.app.screen.query_one(PagedTable)
        table.focus()
        await pilot.press("end")  # the oldest logged segment: entry 1
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, InteractionLogScreen)
        shown = screen.query_one(PagedTable)
        assert {row.entry_no for row in shown.window} == entries
        contact = shown.highlighted_row.contact_no
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ContactCardScreen)
        assert pilot.app.screen.contact_no == contact
        assert pilot.app.current_mode == "segment_log"  # opened over the entries
        assert len(pilot.app.screen_stack) == 3
