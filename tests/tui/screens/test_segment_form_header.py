"""The Segment form's header at 80×24 by keys: its groups' keys (Alt+G, Alt+I, Alt+C; Textual
reads Esc+digit, what a terminal sends for Alt+digit, as macOS characters) in the key bar and
F1, refusals shown whole and gone once corrected, fields that show their start, the lines right
under the header, the title on one clean line."""
import datetime
import decimal

import pytest
from textual import events
from tests.support.segment_form import focused_attr, open_form, tab_to
from tests.support.tui import settle, wait_for

from segtui.domain.segments.headers import create_segment, get_segment
from segtui.domain.segments.selection import add_contacts
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.screens.help import HelpScreen
from segtui.tui.widgets.field_row import FieldRow
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.title_bar import TitleBar

SIZE = (80, 24)


segment_description = "Spring mailing to every retail customer"


@pytest.fixture
def segment(crm_settings):
    no = create_segment(user="TESTER", description=segment_description,
                        template="LETTER", salesperson="AH", date=datetime.date(2026, 1, 15))
    add_contacts(no, parse_criteria(["industry=RETAIL|WHOLESALE"]), user="TESTER")
    return no


def screen_lines(pilot) -> list[str]:
    return [strip.text for strip in pilot.app.screen._compositor.render_strips()]


async def press_alt(pilot, letter: str) -> None:
    """Alt+letter as a terminal sends it (Esc, letter): a printable key, not only a binding."""
    pilot.app.post_message(events.Key(f"alt+{letter}", letter))
    await settle(pilot)


async def answer_questions(pilot) -> None:
    while isinstance(pilot.app.screen, ConfirmDialog):
        await pilot.press("enter")
        await settle(pilot)


async def test_alt_keys_open_the_groups_and_show_in_the_key_bar_and_help(crm_settings,
                                                                          segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, segment)
        bar = form.query_one(KeyBar)
        assert "Interaction" not in bar.render_line(0).text   # the lines have the focus
        await pilot.press("h")
        await settle(pilot)
        shown = bar.render_line(0).text
        for key, title in (("g", "General"), ("i", "Interaction"), ("c", "Campaign")):
            assert f"alt+{key} {title}" in shown
        assert "Add contacts" not in shown                   # the lines' keys give way
        await press_alt(pilot, "i")
        assert focused_attr(pilot) == "interaction_template"
        await press_alt(pilot, "c")
        assert focused_attr(pilot) == "campaign"
        await press_alt(pilot, "g")
        assert focused_attr(pilot) == "description"
        assert form.query_one("#field-description", FieldRow).text == segment_description
        assert form.query_one("#field-interaction_template", FieldRow).text == "LETTER"
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), "the help")
        keys = {description: key for _title, rows in pilot.app.screen.groups
                for key, description in rows}
        assert [keys.get(title) for title in ("General", "Interaction", "Campaign")] == [
            pilot.app.get_key_display(binding) for binding in form.query_one(
                "#segment-header").BINDINGS]


async def test_a_refusal_shows_whole_and_goes_once_the_value_is_corrected(crm_settings,
                                                                          segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, segment)
        await pilot.press("h", "alt+i")
        await tab_to(pilot, "unit_cost")
        await pilot.press("ctrl+a", "ctrl+k", *"1000000000000000", "enter")
        await settle(pilot)
        row = form.query_one("#field-unit_cost", FieldRow)
        message = str(row.query_one(".field-message").render())
        assert "1000000000000000" in message and row.has_class("invalid")
        # every word of the message is on the screen, wrapped, none cut off
        text = " ".join(line.strip() for line in screen_lines(pilot))
        for word in message.split():
            assert word in text, word
        await pilot.press("ctrl+a", "ctrl+k", *"12.5", "enter")
        await settle(pilot)
        await answer_questions(pilot)
        await wait_for(pilot, lambda: not row.has_class("invalid"), "the refusal gone")
        assert str(row.query_one(".field-message").render()) == ""
        assert "1000000000000000" not in " ".join(screen_lines(pilot))
        assert get_segment(segment).unit_cost == decimal.Decimal("12.5")


async def test_a_refusal_goes_when_the_stored_value_is_typed_back(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, segment)
        await pilot.press("h", "tab")                                   # the salesperson
        await pilot.press("ctrl+a", "ctrl+k", *"NOBODY", "enter")
        await settle(pilot)
        row = form.query_one("#field-salesperson", FieldRow)
        assert row.has_class("invalid")
        await pilot.press("ctrl+a", "ctrl+k", *"AH", "tab")            # as stored: leave
        await settle(pilot)
        assert not row.has_class("invalid")
        assert str(row.query_one(".field-message").render()) == ""


async def test_a_field_shows_the_start_of_its_value_when_left(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, segment)
        editor = form.query_one("#field-description", FieldRow).editor
        assert editor.render_line(0).text.startswith("Spring mailing")  # before any focus
        await pilot.press("h")                                         # into Description
        await settle(pilot)
        await pilot.press("end", "x", "backspace", "tab")             # typed, and out again
        await settle(pilot)
        assert editor.render_line(0).text.startswith("Spring mailing")


async def test_the_lines_start_right_under_the_header(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, segment)
        header = form.query_one("#segment-header")
        bar = form.query_one("#lines-bar")
        assert bar.region.y == header.region.bottom
        lines = screen_lines(pilot)
        top = lines[header.region.y:bar.region.y]
        assert all(line.strip() for line in top), top                # no blank row
        await pilot.press("h", "alt+i")                                # the biggest group
        await settle(pilot)
        assert form.query_one("#field-cost").region.bottom <= form.query_one(
            "#lines-bar").region.y


async def test_the_title_is_number_and_description_on_one_clean_line(crm_settings, segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        form = await open_form(pilot, segment)
        title = form.query_one(TitleBar).render_line(0).text.strip()
        assert title == f"Segment {segment} · Spring mailing to every retail customer"
