"""Driving the Add / Reduce / Refine Contacts dialog by keys, for the tests of other screens."""
from tests.support.tui import settle, wait_for

from segtui.tui.dialogs.criteria import FIELDS


async def criteria_action(pilot, key: str, source: str, text: str, *, field: str = "code",
                          shots=None, shot: str = "") -> None:
    """Open Add/Reduce/Refine with `key`, go to the field `field` of criteria source `source`,
    type `text`, wait for the live count, take the snapshot `shot` when `shots` are given, OK."""
    await pilot.press(key)
    await settle(pilot)
    index = [spec.key for spec in FIELDS].index(f"{source}.{field}")
    await pilot.press(*["tab"] * index, *text)
    dialog = pilot.app.screen
    await wait_for(pilot, lambda: not dialog.count_pending, "the live count")
    if shots is not None:
        await shots.take(shot)
    await pilot.press("ctrl+s")
    await settle(pilot)
