"""The Segments screen: the list with line counts, filter, new / open / delete, reload on resume."""
import datetime

import pytest
from tests.support.tui import settle

from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.models import SegmentHeader, SegmentLine
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.screens.contacts import ContactsScreen
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens.segments import (
    SegmentRow, SegmentsScreen, SegmentTable, filter_segments)
from segtui.tui.widgets.navigation import Navigation

SIZE = (80, 24)
USER = "TESTER"
MARKUP = "[bold red]x[/]"


def segment(description: str, *contacts: str, day: int = 15) -> str:
    segment_no = create_segment(user=USER, description=description, template="LETTER",
                                salesperson="AH", date=datetime.date(2026, 1, day))
    for contact_no in contacts:
        add_line(segment_no, contact_no, user=USER)
    return segment_no


@pytest.fixture
def three(crm_settings) -> list[str]:
    """Spring letter (3 lines), Autumn meeting (1 line), a markup-like description (no lines)."""
    return [segment("Spring letter", "P-ANNA", "P-BERT", "P-CARL"),
            segment("Autumn meeting", "P-DORA", day=16),
            segment(MARKUP, day=17)]


def table(pilot) -> SegmentTable:
    return pilot.app.screen.query_one(SegmentTable)


def shown(pilot) -> list[tuple[str, int]]:
    return [(row.no, row.lines) for row in table(pilot).rows_shown]


def drawn(pilot) -> list[str]:
    """The table's lines as drawn (the heading first)."""
    widget = table(pilot)
    return [widget.render_line(y).text for y in range(widget.size.height)]


def segment_count() -> int:
    return SegmentHeader.select().count()


async def test_the_app_opens_on_the_segments_with_their_line_counts(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SegmentsScreen)
        assert isinstance(app.focused, SegmentTable)
        assert shown(pilot) == [(three[0], 3), (three[1], 1), (three[2], 0)]
        lines = drawn(pilot)
        assert lines[0].split() == ["No.", "Description", "Lines", "Date", "Salesp."]
        assert lines[1].split() == [three[0], "Spring", "letter", "3", "2026-01-15", "AH"]
        assert lines[2].split() == [three[1], "Autumn", "meeting", "1", "2026-01-16", "AH"]
        assert str(app.screen.query_one("#segments-status").render()) == "Row 1 of 3"
        assert app.screen.query_one(Navigation).highlighted_option.id == "segments"


async def test_a_large_line_count_is_shown_whole(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = [SegmentRow("SEG09999", "Everyone", "AH", "2026-01-15", "", 1_234_567)]
        table(pilot).show(rows)
        await pilot.pause()
        lines = drawn(pilot)
        assert "Lines" in lines[0] and "1,234,567" in lines[1]
        table(pilot).show([row._replace(lines=12) for row in rows])  # narrow again
        await pilot.pause()
        assert drawn(pilot)[1].split()[:4] == ["SEG09999", "Everyone", "12", "2026-01-15"]


async def test_a_description_with_markup_shows_literally(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert MARKUP in drawn(pilot)[3]


async def test_the_filter_narrows_by_number_or_description_and_escape_clears_it(
        crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"autumn")
        await settle(pilot)
        assert [no for no, _lines in shown(pilot)] == [three[1]]
        await pilot.press("enter")
        assert isinstance(app.focused, SegmentTable)
        await pilot.press("slash", *("backspace",) * 6, *three[2].lower())
        await settle(pilot)
        assert [no for no, _lines in shown(pilot)] == [three[2]]
        await pilot.press("escape")
        await settle(pilot)
        assert len(shown(pilot)) == 3
        assert app.screen.query_one("#segments-filter").value == ""
        assert isinstance(app.focused, SegmentTable)


async def test_a_filter_matching_nothing_says_so(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zzz")
        await settle(pilot)
        assert shown(pilot) == []
        assert str(app.screen.query_one("#segments-empty").render()) == (
            "No segment matches the filter")


def test_filter_segments_ignores_case_and_blanks():
    rows = [SegmentRow("SEG00001", "Spring letter", "AH", "2026-01-15", "", 3),
            SegmentRow("SEG00002", "Autumn", "", "2026-01-16", "", 0)]
    assert filter_segments(rows, "") == rows
    assert filter_segments(rows, "  LETTER ") == rows[:1]
    assert filter_segments(rows, "seg00002") == rows[1:]
    assert filter_segments(rows, "x") == []


async def test_without_segments_the_list_tells_how_to_create_one(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown(pilot) == []
        assert str(app.screen.query_one("#segments-empty").render()) == (
            "No segments yet — press n to create one")
        await pilot.press("enter", "d")  # nothing to open or delete
        await settle(pilot)
        assert isinstance(app.screen, SegmentsScreen)


@pytest.mark.parametrize("key", ["n", "insert"])
async def test_n_creates_a_segment_and_opens_it(crm_settings, three, key):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        assert segment_count() == 4
        new_no = SegmentHeader.select(SegmentHeader.no).order_by(SegmentHeader.no.desc()).scalar()
        assert new_no not in three
        assert isinstance(app.screen, SegmentFormScreen)
        assert app.screen.segment_no == new_no


async def test_enter_opens_the_segment_under_the_cursor(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "j", "k", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SegmentFormScreen)
        assert app.screen.segment_no == three[1]


async def test_delete_asks_first_and_deletes_only_on_yes(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        for answer in ("enter", "n", "escape"):  # Enter takes the default: No
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert app.screen.question == f"Delete segment {three[1]} (1 lines)?"
            await pilot.press(answer)
            await settle(pilot)
            assert isinstance(app.screen, SegmentsScreen)
            assert segment_count() == 3
        await pilot.press("delete", "y")
        await settle(pilot)
        assert [header.no for header in SegmentHeader.select()] == [three[0], three[2]]
        assert SegmentLine.select().where(SegmentLine.segment == three[1]).count() == 0
        assert shown(pilot) == [(three[0], 3), (three[2], 0)]
        assert table(pilot).highlighted_row.no == three[2]


async def test_the_list_reloads_when_the_screen_is_shown_again(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SegmentFormScreen)
        add_line(three[2], "P-GUS", user=USER)
        later = segment("Winter", day=20)
        app.pop_screen()
        await settle(pilot)
        assert shown(pilot) == [(three[0], 3), (three[1], 1), (three[2], 1), (later, 0)]
        await pilot.press("r")
        await settle(pilot)
        assert len(shown(pilot)) == 4


async def test_contacts_stay_a_mode_beside_segments(crm_settings, three):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", "shift+tab")
        navigation = app.screen.query_one(Navigation)
        assert app.focused is navigation
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)
        assert app.current_mode == "contacts"
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("shift+tab", "shift+tab", "home", "enter")
        await settle(pilot)
        assert app.current_mode == "segments"
        assert isinstance(app.screen, SegmentsScreen)
        assert len(shown(pilot)) == 3
