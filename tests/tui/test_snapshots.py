"""How the Contacts screen looks at 80×24 (an SVG snapshot; update with `--snapshot-update`)."""
from tests.support.tui import settle

from segtui.tui.app import SegtuiApp


async def open_contacts(pilot) -> None:
    await pilot.app.switch_mode("contacts")
    await settle(pilot)


def test_contacts_screen(snap_compare, settings):
    assert snap_compare(SegtuiApp(settings), terminal_size=(80, 24), run_before=open_contacts)
