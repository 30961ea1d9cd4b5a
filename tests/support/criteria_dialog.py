"""Driving the Add / Reduce / Refine Contacts dialog with keys only: choose a source by its key,
Tab to a field, type, wait for the live count. For any Pilot test that meets the dialog."""
from textual.widgets import Input, Static

from tests.support.tui import settle, wait_for

from segtui.tui.dialogs.criteria_fields import PAGES, page_fields, page_of

SOURCE_KEYS = {page: key for page, _name, key in PAGES}


async def criteria_counted(pilot) -> None:
    """Wait until no count waits for the typing to pause and the newest count has arrived."""
    dialog = pilot.app.screen
    await wait_for(pilot, lambda: not getattr(dialog, "count_pending", False), "the live count")
    await settle(pilot)


async def choose_source(pilot, page: str) -> Input:
    """Press the source's key (alt+key, which works from a field too): its first field has focus."""
    await pilot.press(f"alt+{SOURCE_KEYS[page]}")
    await settle(pilot)
    return pilot.app.focused


async def to_criteria_field(pilot, key: str) -> Input:
    """Choose the source of `key` ("industry.code", "contact.type", "other") and Tab to it."""
    await choose_source(pilot, page_of(key))
    for _step in range(page_fields(page_of(key)).index(key)):
        await pilot.press("tab")
    focused = pilot.app.focused
    assert isinstance(focused, Input) and focused.id == f"input-{key.replace('.', '-')}", (
        f"{key} has no focus, {focused!r} has")
    return focused


async def type_criterion(pilot, key: str, text: str) -> Input:
    """Choose source X, Tab to field Z, type Y (keys only) and wait for the live count."""
    field = await to_criteria_field(pilot, key)
    await pilot.press(*text)
    await criteria_counted(pilot)
    return field


def criteria_status(dialog) -> str:
    """The live count line ("Would add 5 contacts", "✗ Fix the filter …")."""
    return str(dialog.query_one("#criteria-count", Static).render())


def criteria_message(dialog, key: str) -> str:
    """The refusal shown beside the field `key`, without its ✗; "" when there is none."""
    line = dialog.query_one(f"#field-{key.replace('.', '-')} .criteria-message", Static)
    return str(line.render()).removeprefix("✗ ") if line.display else ""
