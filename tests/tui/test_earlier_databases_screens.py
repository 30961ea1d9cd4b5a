"""Every screen opens at 80×24 on a database made by an earlier commit (the demo fixtures of
tests/fixtures, upgraded on open), reached with keys as a person would, without an error."""
import pytest
from tests.support.earlier_databases import DEMO_COMMITS, make_old_database, unpack
from textual.widgets import DataTable
from tests.support.tui import settle

from segtui.config import Settings
from segtui.store.connection import close_database, open_database
from segtui.tui.app import SegtuiApp
from segtui.tui.screens.contact_card import ContactCardScreen
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.widgets.navigation import Navigation

SIZE = (80, 24)


@pytest.fixture(params=DEMO_COMMITS + ("3c42bf8", "84d7447"))
def old_settings(request, tmp_path):
    """A demo fixture opened (upgraded); for the two schemas before the demo, the first demo's
    rows in them."""
    path = tmp_path / "old.db"
    if request.param in DEMO_COMMITS:
        unpack(request.param, path)
    else:
        make_old_database(str(path), request.param, tmp_path).close()
    open_database(str(path))
    yield Settings(db_target="old.db", is_default_db=False, user="UPGRADE")
    close_database()


def errors(app) -> list[str]:
    return [str(note.message) for note in app._notifications if note.severity == "error"]


async def assert_shown(pilot, screen_type=None, rows=True, over=None) -> None:
    """The screen in front settled, is of `screen_type` (or a dialog over the screen `over`),
    shows rows, and nothing went wrong."""
    await settle(pilot)
    app = pilot.app
    assert errors(app) == []
    if screen_type is not None:
        assert isinstance(app.screen, screen_type), app.screen
    if over is not None:
        assert app.screen_stack[-2] is over, app.screen_stack
    if rows:
        tables = list(app.screen.query(DataTable))  # the paged tables are DataTables too
        assert tables and any(table.row_count for table in tables), app.screen


async def open_section(pilot, section: str) -> None:
    """Tab to the navigation, move to `section`, Enter."""
    for _step in range(8):
        if isinstance(pilot.app.focused, Navigation):
            break
        await pilot.press("tab")
    navigation = pilot.app.focused
    assert isinstance(navigation, Navigation)
    for _step in range(6):
        if navigation.highlighted_option.id == section:
            break
        await pilot.press("up" if section == "segments" else "down")
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.current_mode == section


async def open_dialog(pilot, key: str, rows: bool = False) -> None:
    """Press `key` on the screen in front: a dialog opens over it, shows, and Escape closes it."""
    under = pilot.app.screen
    await pilot.press(key)
    await assert_shown(pilot, rows=rows, over=under)
    await pilot.press("escape")
    await settle(pilot)
    assert pilot.app.screen is under


async def test_every_screen_opens_on_an_upgraded_database(old_settings):
    app = SegtuiApp(old_settings)
    async with app.run_test(size=SIZE) as pilot:
        await assert_shown(pilot)  # Segments
        await pilot.press("enter")
        await assert_shown(pilot, SegmentFormScreen)
        await open_dialog(pilot, "c")  # the criteria the old code recorded
        await pilot.press("escape")
        await assert_shown(pilot)

        await open_section(pilot, "segment_log")
        await assert_shown(pilot)
        await open_dialog(pilot, "J")  # the journal of cancels (a table the old code lacked)

        await open_section(pilot, "interaction_log")
        await assert_shown(pilot)
        await open_dialog(pilot, "m")  # an old entry's comments

        await open_section(pilot, "contacts")
        await assert_shown(pilot)
        await pilot.press("enter")
        await assert_shown(pilot, ContactCardScreen, rows=False)
        await pilot.press("escape")
        await settle(pilot)

        await open_section(pilot, "setup")
        await assert_shown(pilot, rows=False)
        await pilot.press("enter")
        await assert_shown(pilot, rows=False)
        assert app.return_code is None  # nothing closed the app
