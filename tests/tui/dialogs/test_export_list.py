"""Exporting the list on screen (E) from the Segments, Segment, Segment Log and Interaction Log
screens: the format and file are asked, every row of the filtered list is written."""
import csv
import datetime
import json

import openpyxl
from tests.support.every_column import table_columns
from tests.support.tui import settle

from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.models import InteractionLogEntry
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.export_list import ExportDialog
from segtui.tui.screens.segment_form import SegmentFormScreen

SIZE = (80, 24)


async def export(pilot, path, fmt_presses: int = 0) -> None:
    """Press E, type `path`, choose the format (→ presses on the format buttons), Enter."""
    await pilot.press("E")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportDialog)
    pilot.app.screen.query_one("#export-path").value = str(path)
    if fmt_presses:
        await pilot.press("shift+tab")
        for _press in range(fmt_presses):
            await pilot.press("right")
        await pilot.press("enter", "tab")
    await pilot.press("enter")
    await settle(pilot)


def csv_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


async def test_the_segment_log_exports_as_csv(crm_settings, tmp_path):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("segment_log")
        await settle(pilot)
        await export(pilot, tmp_path / "log.csv")
        assert not isinstance(pilot.app.screen, ExportDialog)
    rows = csv_rows(tmp_path / "log.csv")
    assert [row["entry_no"] for row in rows] == ["1"]
    assert "segment_no" in rows[0]


async def test_the_interaction_log_exports_only_the_filtered_entries_as_json(crm_settings,
                                                                            tmp_path):
    app = SegtuiApp(crm_settings)
    app.interaction_filter = EntryFilter(contact="P-ANNA")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("interaction_log")
        await settle(pilot)
        await export(pilot, tmp_path / "entries.csv", fmt_presses=1)
    written = json.loads((tmp_path / "entries.json").read_text(encoding="utf-8"))
    expected = InteractionLogEntry.select().where(
        InteractionLogEntry.contact_no == "P-ANNA").count()
    assert expected and len(written) == expected
    assert {row["contact_no"] for row in written} == {"P-ANNA"}


async def test_the_lines_of_a_segment_export_to_excel(crm_settings, tmp_path):
    segment_no = create_segment(user="TESTER", description="x", template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, 15))
    for contact_no in ("P-ANNA", "P-BERT", "C-BOLT"):
        add_line(segment_no, contact_no, user="TESTER")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await pilot.app.push_screen(SegmentFormScreen(segment_no))
        await settle(pilot)
        await export(pilot, tmp_path / "lines.csv", fmt_presses=2)
    sheet = openpyxl.load_workbook(tmp_path / "lines.xlsx").active
    header, *rows = list(sheet.values)
    column = header.index("contact_no")
    assert sorted(row[column] for row in rows) == ["C-BOLT", "P-ANNA", "P-BERT"]


async def test_an_existing_file_is_replaced_only_when_confirmed(crm_settings, tmp_path):
    target = tmp_path / "segments.csv"
    target.write_text("keep me", encoding="utf-8")
    create_segment(user="TESTER", description="Spring", salesperson="AH")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await export(pilot, target)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ExportDialog)
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter", "y")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, (ExportDialog, ConfirmDialog))
    assert [row["description"] for row in csv_rows(target)] == ["Spring"]


async def test_a_missing_folder_is_said_in_the_dialog(crm_settings, tmp_path):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await export(pilot, tmp_path / "nope" / "x.csv")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        assert "does not exist" in str(dialog.query_one("#export-message").render())
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ExportDialog)


async def test_the_contacts_the_filter_shows_export_as_a_contact_file(crm_settings, tmp_path):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("slash", *"P-", "enter")
        await settle(pilot)
        await export(pilot, tmp_path / "contacts.csv")
    rows = csv_rows(tmp_path / "contacts.csv")
    assert rows and all(row["no"].startswith("P-") for row in rows)
    anna = next(row for row in rows if row["no"] == "P-ANNA")
    assert anna["company_no"] == "C-ACME" and anna["industry_groups"] == "RETAIL"


async def test_k6_the_interaction_log_exports_every_column_newest_first(crm_settings, tmp_path):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("interaction_log")
        await settle(pilot)
        await export(pilot, tmp_path / "entries.csv", fmt_presses=1)
    written = json.loads((tmp_path / "entries.json").read_text(encoding="utf-8"))
    numbers = [row["entry_no"] for row in written]
    assert len(numbers) == InteractionLogEntry.select().count() and numbers == sorted(
        numbers, reverse=True)  # as the screen shows them
    assert all(table_columns("interactions list") <= set(row) for row in written)


async def test_k6_the_segments_export_every_column_of_their_header(crm_settings, tmp_path):
    for description in ("Spring", "Autumn"):
        create_segment(user="TESTER", description=description, salesperson="AH")
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = [row.no for row in pilot.app.screen.query_one("SegmentTable").rows_shown]
        await export(pilot, tmp_path / "segments.csv")
    rows = csv_rows(tmp_path / "segments.csv")
    assert [row["segment_no"] for row in rows] == shown and len(shown) == 2
    assert table_columns("segment list") <= set(rows[0])
    assert {row["modified_by"] for row in rows} == {"TESTER"}
