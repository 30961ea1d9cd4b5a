"""Driving the Segment form by keys, for every test that opens one: open it, find a header
field by Tab, edit it."""
from tests.support.tui import settle

from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.widgets.field_row import FieldRow

GROUP_KEYS = {"general": "alt+g", "interaction": "alt+i", "campaign": "alt+c"}


async def open_form(pilot, segment_no: str) -> SegmentFormScreen:
    pilot.app.push_screen(SegmentFormScreen(segment_no))
    await settle(pilot)
    return pilot.app.screen


def focused_attr(pilot) -> str | None:
    """The header field that has the focus, None when the focus is elsewhere."""
    focused = pilot.app.screen.focused
    rows = [node for node in focused.ancestors if isinstance(node, FieldRow)] if focused else []
    return rows[0].spec.attr if rows else None


async def tab_to(pilot, attr: str) -> None:
    for _step in range(20):
        if focused_attr(pilot) == attr:
            return
        await pilot.press("tab")
    raise AssertionError(f"field {attr} not reached by Tab")


async def edit_header_field(pilot, attr: str, text: str, *, group: str = "") -> None:
    """h to the header (and its group `group` by its key), Tab to the field `attr`, replace its
    text, Enter."""
    await pilot.press("h")
    await settle(pilot)
    if group:
        await pilot.press(GROUP_KEYS[group])
        await settle(pilot)
    await tab_to(pilot, attr)
    await pilot.press("ctrl+a", "ctrl+k", *text, "enter")
    await settle(pilot)
