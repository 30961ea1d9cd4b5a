"""S-14: the Interaction Statistics dialog of the Interaction Log, by keys at 80×24: `t` opens it,
a date filter typed at the top and Enter changes the counts, Tab goes to the tables, Esc closes.
The expected counts are counted here over the log's rows."""
import datetime

import pytest
from textual.widgets import DataTable, Input
from tests.support.tui import settle, wait_for

from segtui.store.models import InteractionGroup, InteractionLogEntry, InteractionTemplate
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.interaction_statistics import InteractionStatisticsDialog
from segtui.tui.screens.interaction_log import InteractionLogScreen

SIZE = (80, 24)
MODE = "interaction_log"
SINCE = datetime.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def interaction_mode(monkeypatch):
    monkeypatch.setattr(SegtuiApp, "MODES", {**SegtuiApp.MODES, MODE: InteractionLogScreen})


def expected_counts(model, column, since=datetime.date.min) -> dict[str, str]:
    counts = {row.code: 0 for row in model.select()}
    for entry in InteractionLogEntry.select():
        if not entry.canceled and not entry.postponed and entry.date >= since:
            counts[getattr(entry, column)] += 1
    return {code: str(count) for code, count in counts.items()}


def shown_counts(dialog, table_id: str) -> dict[str, str]:
    """Each row's code and its No. cell as drawn (the total row has no code)."""
    table = dialog.query_one(table_id, DataTable)
    rows = [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]
    count_column = len(table.columns) - 3
    return {row[0]: row[count_column].strip() for row in rows if row[0]}


async def open_statistics(pilot) -> InteractionStatisticsDialog:
    await pilot.app.switch_mode(MODE)
    await settle(pilot)
    await pilot.press("t")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, InteractionStatisticsDialog),
                   "the statistics dialog")
    await settle(pilot)
    return pilot.app.screen


async def test_s14_statistics_dialog_date_filter_changes_the_counts(crm_settings):
    everything = expected_counts(InteractionTemplate, "interaction_template_code")
    since = expected_counts(InteractionTemplate, "interaction_template_code", SINCE)
    assert everything != since  # the filter below leaves some entries out
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_statistics(pilot)
        assert shown_counts(dialog, "#statistics-templates") == everything
        assert shown_counts(dialog, "#statistics-groups") == expected_counts(
            InteractionGroup, "interaction_group_code")
        assert dialog.query_one(Input).has_focus
        await pilot.press(*f"{SINCE}..")
        await pilot.press("enter")
        await wait_for(pilot, lambda: shown_counts(dialog, "#statistics-templates") == since,
                       "the counts since the filter date")
        assert shown_counts(dialog, "#statistics-groups") == expected_counts(
            InteractionGroup, "interaction_group_code", SINCE)
        await pilot.press("tab")
        assert dialog.query_one("#statistics-templates").has_focus
        await pilot.press("tab")
        assert dialog.query_one("#statistics-groups").has_focus
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, InteractionLogScreen),
                       "the Interaction Log again")


async def test_s14_statistics_dialog_refuses_a_bad_filter_in_its_status(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_statistics(pilot)
        before = shown_counts(dialog, "#statistics-templates")
        await pilot.press(*"2026-02-30", "enter")
        status = dialog.query_one("#statistics-status")
        await wait_for(pilot, lambda: "2026-02-30" in str(status.render()), "the refusal")
        assert status.has_class("dialog-error")
        assert shown_counts(dialog, "#statistics-templates") == before


async def test_s14_statistics_dialog_in_swedish(crm_settings, swedish):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_statistics(pilot)
        box = dialog.query_one(".statistics-box")
        assert str(box.border_title) == "Interaktionsstatistik"
        groups = dialog.query_one("#statistics-groups", DataTable)
        last = [str(cell) for cell in groups.get_row_at(groups.row_count - 1)]
        assert last[1] == "Totalt"
        assert last[2].strip() == str(sum(
            int(count) for count in expected_counts(
                InteractionGroup, "interaction_group_code").values()))
