"""The NAV procedure as one person does it, at 80×24, keys only, in English and in Swedish.

Create a segment, fill its header, Add contacts by industry (live count), Reduce, Go Back, save
the criteria and reuse them in a second segment, a personal text, the preview, the merge, Log
with a follow-up segment, the Segment Log, cancel with a reason. The database is asserted after
every step and the screen is compared with a snapshot at the key steps.

The Swedish journey runs the same steps in a pytest process of its own (swedish_journey.py): the
language is chosen before the TUI is imported (its bindings and titles are translated at import
time).
"""
import datetime
import os
import subprocess
import sys
from pathlib import Path

from pytest_textual_snapshot import SVGImageExtension
from tests.support.criteria_dialog import type_criterion
from tests.support.segment_form import edit_header_field
from tests.support.tui import settle, wait_for

from tests.support.crm import EXCLUDED

from segtui.store.models import (
    InteractionLogEntry, LoggedSegment, SavedSegmentCriteria, SegmentCriteriaLine, SegmentHeader,
    SegmentLine)
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.log_segment import LogDialog
from segtui.tui.dialogs.merge import MergeDialog
from segtui.tui.dialogs.personal_text import PersonalTextDialog
from segtui.tui.dialogs.reason import ReasonDialog
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens.segment_log import SegmentLogScreen
from segtui.tui.screens.segments import SegmentsScreen
from segtui.tui.widgets.message_line import MessageLine

RETAIL_AND_WHOLESALE = {"C-ACME", "P-ANNA", "P-BERT", "P-CARL", "C-BOLT", "P-DORA", "C-CRAFT"}
PERSONS = {"P-ANNA", "P-BERT", "P-CARL", "P-DORA"}
PERSONAL_TEXT = "Thank you for your visit"
REASON = "Wrong list"


def lines(segment_no: str) -> set[str]:
    return {line.contact_no for line in
            SegmentLine.select().where(SegmentLine.segment == segment_no)}


def newest_segment() -> str:
    return SegmentHeader.select().order_by(SegmentHeader.no.desc()).get().no


async def keys(pilot, *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
    await settle(pilot)


async def screen_is(pilot, kind) -> None:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)


async def edit_header(pilot, attr: str, text: str, *, tab: str = "") -> None:
    """Edit the header field `attr` (of its group `tab`) by keys, then Escape back to the lines."""
    screen = pilot.app.screen
    await edit_header_field(pilot, attr, text, group=tab)
    await keys(pilot, "escape")  # back to the lines
    await wait_for(pilot, lambda: screen.focused is screen.lines, "the focus back on the lines")


async def criteria_action(pilot, key: str, field: str, text: str, shots=None, shot="") -> None:
    """Open Add (a), Reduce (r) or Refine (f), the field's source by its key, type `text`, wait
    for the live count (a snapshot `shot` then), apply with ctrl+s."""
    await keys(pilot, key)
    await type_criterion(pilot, field, text)
    if shots is not None:
        await shots.take(shot)
    await keys(pilot, "ctrl+s")
    await screen_is(pilot, SegmentFormScreen)


class Shots:
    """The snapshots of one journey, named by step and language."""

    def __init__(self, snapshot, pilot) -> None:
        self.snapshot = snapshot.use_extension(SVGImageExtension)
        self.pilot = pilot

    async def take(self, step: str, *, quiet: bool = False) -> None:
        """Compare the screen with the snapshot `step`; `quiet` hides the message lines first
        (one behind a dialog would show where the test keeps its files)."""
        if quiet:
            for screen in self.pilot.app.screen_stack:
                for line in screen.query(MessageLine):
                    line.clear()
        await settle(self.pilot)
        await self.pilot.wait_for_scheduled_animations()
        await self.pilot.pause()
        app = self.pilot.app
        svg = app.export_screenshot(title=app.title, simplify=True)
        if self.snapshot(name=step) != svg:
            shown = Path(os.environ.get("TMPDIR", "/tmp")) / f"journey-{step}.svg"
            shown.write_text(svg, encoding="utf-8")
            raise AssertionError(f"the screen at {step} is not its snapshot; it is in {shown}")


async def test_the_nav_procedure_by_keys(letters, log_day, tmp_path, snapshot):
    await journey(letters, tmp_path, snapshot)


async def journey(letters, tmp_path, snapshot) -> None:
    app = SegtuiApp(letters)
    app.NOTIFICATION_TIMEOUT = 3600  # a slow machine must not see a message go before the shot
    async with app.run_test(size=(80, 24)) as pilot:
        shots = Shots(snapshot, pilot)
        await settle(pilot)
        # 1. a new segment from the Segments list (F2 from anywhere), its header by keys
        await keys(pilot, "f2")
        await screen_is(pilot, SegmentsScreen)
        before = SegmentHeader.select().count()
        await keys(pilot, "n")
        await screen_is(pilot, SegmentFormScreen)
        first = newest_segment()
        assert SegmentHeader.select().count() == before + 1
        await edit_header(pilot, "description", "Spring mailing")
        await edit_header(pilot, "salesperson", "AH")
        await edit_header(pilot, "date", "2026-03-02")  # not today's: the snapshots stay put
        await edit_header(pilot, "interaction_template", "LETTER", tab="interaction")
        header = SegmentHeader.get(SegmentHeader.no == first)
        assert (header.description, header.salesperson_code, header.interaction_template_code,
                header.date) == ("Spring mailing", "AH", "LETTER", datetime.date(2026, 3, 2))

        # 2. Add contacts by industry, with the live count
        await criteria_action(pilot, "a", "industry.code", "RETAIL|WHOLESALE", shots,
                              "add-contacts")
        assert lines(first) == RETAIL_AND_WHOLESALE
        await shots.take("after-add")

        # 3. Reduce: the companies go
        await criteria_action(pilot, "r", "contact.type", "Company")
        assert lines(first) == PERSONS

        # 4. Go Back asks (default No), then the companies are back
        await keys(pilot, "b")
        await screen_is(pilot, ConfirmDialog)
        await keys(pilot, "y")
        await screen_is(pilot, SegmentFormScreen)
        assert lines(first) == RETAIL_AND_WHOLESALE
        assert SegmentCriteriaLine.select().where(
            SegmentCriteriaLine.segment_no == first).count() >= 1

        # 5. save the criteria, reuse them in a second segment
        await keys(pilot, "s")
        await keys(pilot, *"TRADE", "enter")
        await screen_is(pilot, SegmentFormScreen)
        assert SavedSegmentCriteria.get_or_none(SavedSegmentCriteria.code == "TRADE")
        await keys(pilot, "escape")
        await screen_is(pilot, SegmentsScreen)
        await keys(pilot, "n")
        await screen_is(pilot, SegmentFormScreen)
        second = newest_segment()
        assert second != first
        await keys(pilot, "u")
        await keys(pilot, *"TRADE", "enter")
        await wait_for(pilot, lambda: lines(second) == RETAIL_AND_WHOLESALE, "the reuse")
        await keys(pilot, "escape")  # back to the list, then to the first segment again
        await screen_is(pilot, SegmentsScreen)
        await keys(pilot, "home")
        while pilot.app.screen.table.highlighted_row.no != first:
            await keys(pilot, "down")
        await keys(pilot, "enter")
        await screen_is(pilot, SegmentFormScreen)
        assert pilot.app.screen.segment_no == first

        # 6. a personal text for the first line, then its preview
        form = pilot.app.screen
        contact = form.lines.highlighted_row.contact_no
        await keys(pilot, "p")
        await screen_is(pilot, PersonalTextDialog)
        await keys(pilot, *PERSONAL_TEXT, "ctrl+s")
        await screen_is(pilot, SegmentFormScreen)
        line = SegmentLine.get((SegmentLine.segment == first) & (SegmentLine.contact == contact))
        assert line.attachment_no is not None  # the line has a document of its own now
        await keys(pilot, "v")
        await wait_for(pilot, lambda: PERSONAL_TEXT in preview_text(pilot), "the preview")
        await keys(pilot, "escape")
        await screen_is(pilot, SegmentFormScreen)

        # 7. merge: one letter per line and the combined file
        await keys(pilot, "m")
        await screen_is(pilot, MergeDialog)
        out = tmp_path / "letters"
        await keys(pilot, "ctrl+a", "ctrl+k", *str(out), "enter")
        await screen_is(pilot, SegmentFormScreen)
        await wait_for(pilot, lambda: len(list(out.glob("*.docx"))) == len(lines(first)) + 1,
                       "the letters")

        # 8. Log, with a follow-up segment and without delivery
        await keys(pilot, "l")
        await screen_is(pilot, LogDialog)
        await shots.take("log-dialog", quiet=True)
        dialog = pilot.app.screen
        await set_box(pilot, dialog, "log-deliver", False)
        await set_box(pilot, dialog, "log-follow-up", True)
        await keys(pilot, "ctrl+l")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, LogDialog), "the Log")
        logged = LoggedSegment.get(LoggedSegment.segment_no == first)
        assert SegmentHeader.get_or_none(SegmentHeader.no == first) is None
        logged_contacts = {entry.contact_no for entry in InteractionLogEntry.select().where(
            InteractionLogEntry.logged_segment_entry_no == logged.entry_no)}
        assert logged_contacts == RETAIL_AND_WHOLESALE - EXCLUDED
        follow_up = newest_segment()
        assert follow_up not in (first, second) and lines(follow_up) == logged_contacts

        # 9. the Segment Log (F3), the logged segment under the cursor, its entries and back
        await keys(pilot, "f3")
        await screen_is(pilot, SegmentLogScreen)
        log_screen = pilot.app.screen
        await wait_for(pilot, lambda: log_screen.row is not None, "the Segment Log's rows")
        while log_screen.row.entry_no != logged.entry_no:
            await keys(pilot, "down")
        await shots.take("segment-log")

        # 10. cancel it with a reason: it and its entries are canceled
        await keys(pilot, "c")
        await screen_is(pilot, ReasonDialog)
        await keys(pilot, *REASON, "ctrl+s")
        await screen_is(pilot, SegmentLogScreen)
        await wait_for(pilot, lambda: LoggedSegment.get_by_id(logged.entry_no).canceled,
                       "the cancel")
        assert not InteractionLogEntry.select().where(
            (InteractionLogEntry.logged_segment_entry_no == logged.entry_no)
            & (InteractionLogEntry.canceled == False)).exists()  # noqa: E712
        await shots.take("canceled")


def preview_text(pilot) -> str:
    from textual.widgets import TextArea
    areas = pilot.app.screen.query(TextArea)
    return areas.first().text if areas else ""


async def set_box(pilot, dialog, name: str, value: bool) -> None:
    """Tab to the check box `name` of the Log dialog and tick or untick it with space."""
    box = dialog.query_one(f"#{name}")
    for _step in range(20):
        if dialog.focused is box:
            break
        await pilot.press("tab")
    else:
        raise AssertionError(f"check box {name} not reached by Tab")
    if bool(box.value) != value:
        await keys(pilot, "space")
    assert bool(box.value) == value


def test_the_nav_procedure_in_swedish(request):
    """The same journey, in Swedish, in a pytest process of its own (swedish_journey.py, which
    only this test runs: its snapshots are its own)."""
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider",
            str(Path(__file__).with_name("swedish_journey.py"))]
    if request.config.getoption("--snapshot-update", default=False):
        args.append("--snapshot-update")
    env = {**os.environ, "SEGTUI_TEST_LANG": "sv"}
    result = subprocess.run(args, capture_output=True, text=True, env=env, timeout=600,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
