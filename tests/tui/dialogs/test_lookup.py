"""The pick list at 80×24 by keys: typing narrows it (also while the list has the focus), the
arrows move its highlight from the search field, and Enter takes the highlighted row."""
import pytest
from tests.support.tui import settle, wait_for

from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.widgets.paged_table import PagedTable

SIZE = (80, 24)


async def open_lookup(pilot, kind: str, chosen: list) -> LookupDialog:
    await settle(pilot)
    pilot.app.push_screen(LookupDialog.of(kind), chosen.append)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, LookupDialog), "the pick list")
    dialog = pilot.app.screen
    await wait_for(pilot, lambda: dialog.query_one(PagedTable).row_count > 1, "its rows")
    return dialog


def codes(dialog: LookupDialog) -> list[str]:
    table = dialog.query_one(PagedTable)
    return [str(table.get_row_at(index)[0]) for index in range(table.row_count)]


async def test_down_then_enter_takes_the_highlighted_row(crm_settings):
    chosen = []
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_lookup(pilot, "salesperson", chosen)
        rows = codes(dialog)
        await pilot.press("down")                     # from the search field: the next row
        await settle(pilot)
        table = dialog.query_one(PagedTable)
        assert table.cursor_row == 1
        assert dialog.query_one("#lookup-filter").has_focus    # typing still narrows
        await pilot.press("enter")
        await settle(pilot)
    assert chosen == [rows[1]]


async def test_typing_narrows_the_list_also_from_the_list(crm_settings):
    chosen = []
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_lookup(pilot, "salesperson", chosen)
        await pilot.press("tab")                      # into the list
        await settle(pilot)
        assert dialog.query_one(PagedTable).has_focus
        await pilot.press("P", "S")
        await wait_for(pilot, lambda: codes(dialog) == ["PS"], "the list narrowed to PS")
        assert dialog.query_one("#lookup-filter").value == "PS"
        await pilot.press("enter")
        await settle(pilot)
    assert chosen == ["PS"]


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_search_fields_placeholder_reads_as_a_hint(crm_settings, monkeypatch,
                                                             no_color):
    """Italic (and dim without colour), never like a typed value."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        dialog = await open_lookup(pilot, "salesperson", [])
        search = dialog.query_one("#lookup-filter")
        hint = [segment for segment in search.render_line(0) if "description" in segment.text]
        assert hint and hint[0].style.italic
        assert bool(hint[0].style.dim) is no_color
        await pilot.press("A")
        await settle(pilot)
        typed = [segment for segment in search.render_line(0) if segment.text.strip()]
        assert not any(segment.style.italic for segment in typed)
