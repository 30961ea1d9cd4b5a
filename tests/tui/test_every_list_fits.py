"""Every list of every screen and dialog at 80×24 over the demo data: no number or code is cut
(a cell wider than its column), `w` shows the row under the cursor whole, and a notification
never covers the row under the cursor."""
import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.widgets import DataTable
from tests.support.tui import settle, wait_for

from segtui.config import Settings
from segtui.domain.demo.build import load_demo
from segtui.store.enums import ContactType
from segtui.store.models import Contact
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.dialogs.row_view import RowDialog
from segtui.tui.screens.contact_card import ContactCardScreen
from segtui.tui.screens.setup import PageList

SIZE = (80, 24)
LONG = ("The segment could not be logged: contact CT000123 has neither an e-mail address nor a "
        "postal address, so nothing can be sent to it")


@pytest.fixture
def demo_settings(sqlite_database):
    load_demo(contacts=300, seed=1)
    return Settings(db_target="demo.db", is_default_db=False, user="TESTER")


def paged_tables(screen) -> list[DataTable]:
    """The lists of `screen` that fit their columns (PagedTable, the Segments list)."""
    return [table for table in screen.query(DataTable)
            if hasattr(table, "paged_columns") and table.display and table.region.area]


def cut_cells(table: DataTable) -> list[str]:
    """Each number or code cell of `table` wider than its column."""
    kinds = {column.attribute: column for column in table.paged_columns}
    cut = []
    for index, column in enumerate(table.ordered_columns):
        paged = kinds[column.key.value]
        if not paged.whole:
            continue
        for row in range(table.row_count):
            text = table.get_row_at(row)[index].plain
            if cell_len(text) > column.width:
                cut.append(f"{paged.label or paged.attribute}: {text!r} in {column.width}")
    return cut


def cursor_region(table: DataTable) -> Region:
    """Where the row under the cursor is on the screen."""
    content = table.content_region
    y = content.y + table.header_height + table.cursor_row - round(table.scroll_y)
    return Region(content.x, y, content.width, 1)


def covering(app, region: Region) -> list[str]:
    """What a notification draws over `region`: the message line, a toast."""
    return [type(widget).__name__ for widget in app.screen.query("MessageLine, Toast")
            if widget.display and widget.region.area and widget.region.overlaps(region)]


async def check_lists(pilot, where: str) -> bool:
    """The lists on the screen in front: no code cut; the cursor row, at the bottom of the list
    with a long notification shown, in sight and not covered; w shows it whole. False when the
    list has no rows (a setup table the demo leaves empty)."""
    app = pilot.app
    tables = paged_tables(app.screen)
    assert tables, f"{where}: no list"
    for table in tables:
        await wait_for(pilot, lambda table=table: not getattr(table, "is_loading", False),
                       "the rows")
        if not table.row_count:
            return False
        assert cut_cells(table) == [], where
    table = tables[-1]
    table.focus()
    await pilot.press("end")
    await settle(pilot)
    app.notify(LONG, severity="error")
    await settle(pilot)
    await pilot.pause()
    cursor = cursor_region(table)
    assert table.content_region.contains_region(cursor), f"{where}: the cursor row is hidden"
    assert covering(app, cursor) == [], f"{where}: a notification covers the cursor row"
    shown = app.screen.query_one("MessageLine")
    assert "Error: " + LONG in " ".join(shown.render().plain.split("\n")).replace("  ", " ") \
        or LONG.split()[-1] in shown.render().plain, where
    fields = table.row_fields(table.highlighted_row) if hasattr(table, "row_fields") else None
    await pilot.press("w")
    await wait_for(pilot, lambda: isinstance(app.screen, RowDialog), f"{where}: the row dialog")
    dialog = app.screen
    if fields is not None:
        assert dialog.fields == [(label, value) for label, value in fields if label]
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is not dialog, "the row dialog closing")
    return True


@pytest.mark.parametrize("mode", ["segments", "segment_log", "interaction_log", "contacts"])
async def test_section_lists_fit(demo_settings, mode):
    app = SegtuiApp(demo_settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await app.switch_mode(mode)
        await settle(pilot)
        assert await check_lists(pilot, mode)


async def test_segment_lines_fit_and_a_company_line_has_its_name(demo_settings):
    app = SegtuiApp(demo_settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.query("#segment-lines"), "the segment form")
        assert await check_lists(pilot, "segment lines")
        table = app.screen.query_one("#segment-lines")
        companies = {contact.no: contact.name for contact in
                     Contact.select().where(Contact.type == ContactType.COMPANY)}
        lines = [row for row in table.window if row.contact_no in companies]
        assert lines, "the demo segment has a company line"
        assert all(row.contact_name == companies[row.contact_no] for row in lines)


async def test_setup_pages_fit(demo_settings):
    app = SegtuiApp(demo_settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await app.switch_mode("setup")
        await settle(pilot)
        pages = app.screen.query_one(PageList)
        checked = []
        for index in range(pages.option_count):
            pages.focus()
            pages.highlighted = index
            await settle(pilot)
            page = app.screen.page
            if not paged_tables(page):
                continue  # a page that is not a list (the template documents, say)
            if await check_lists(pilot, f"setup page {page.id}"):
                checked.append(page.id)
                app.screen.query_one("MessageLine").clear()
        assert len(checked) >= 5, checked


async def test_lookup_and_contact_card_fit(demo_settings):
    app = SegtuiApp(demo_settings)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(LookupDialog.of("contact"))
        await settle(pilot)
        assert await check_lists(pilot, "contact lookup")
        await pilot.press("escape")
        company = Contact.select().where(Contact.type == ContactType.COMPANY).first()
        await app.switch_mode("contacts")
        app.push_screen(ContactCardScreen(company.no))
        await settle(pilot)
        for table in paged_tables(app.screen):
            assert cut_cells(table) == [], "contact card"
