"""The F1 help screen lists every key of the screen below; the palette runs any binding by name."""
import datetime

import pytest
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from tests.support.tui import settle

from segtui.domain.segments.headers import create_segment
from segtui.store.models import SegmentHeader
from segtui.tui.app import SegtuiApp
from segtui.tui.screens.contacts import ContactsScreen
from segtui.tui.screens.help import HelpScreen
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens.segments import SegmentsScreen

SIZE = (80, 24)


@pytest.fixture
def one_segment(crm_settings) -> str:
    return create_segment(user="TESTER", description="Spring letter", template="LETTER",
                          salesperson="AH", date=datetime.date(2026, 1, 15))


def help_lines(pilot) -> list[str]:
    """Every line of the help screen's groups, scrolled into view or not."""
    lines = []
    for widget in pilot.app.screen.query(".help-group, .help-table"):
        lines += [widget.render_line(y).text.strip() for y in range(widget.size.height)]
    return lines


def declared(screen_class) -> list[Binding]:
    return [binding for binding in screen_class.BINDINGS if binding.id]


async def open_help(pilot, mode: str) -> list[str]:
    await pilot.app.switch_mode(mode)
    await settle(pilot)
    await pilot.press("f1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpScreen)
    return help_lines(pilot)


@pytest.mark.parametrize("mode, screen_class", [("segments", SegmentsScreen),
                                                ("contacts", ContactsScreen)])
async def test_f1_lists_every_key_of_the_screen(crm_settings, one_segment, mode, screen_class):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        lines = await open_help(pilot, mode)
        assert lines[0] == "Screen"
        for binding in declared(screen_class):
            keys = " ".join(app.get_key_display(one)
                            for one in Binding.make_bindings([binding]))
            assert any(line.split() == [*keys.split(), *binding.description.split()]
                       for line in lines), binding.id
        assert "This field" in lines and "App" in lines
        assert any(line.split() == ["f1", "Help"] for line in lines)
        assert any(line.split() == ["^q", "Quit"] for line in lines)


async def test_the_help_groups_the_keys_of_the_focused_field(crm_settings, one_segment):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        lines = await open_help(pilot, "segments")
        field = lines[lines.index("This field") + 1:lines.index("App")]
        assert ["↓", "j", "Down"] in [line.split() for line in field]


@pytest.mark.parametrize("key", ["escape", "f1"])
async def test_escape_or_f1_closes_the_help(crm_settings, key):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press(key)
        assert isinstance(app.screen, SegmentsScreen)


async def palette_entries(pilot) -> list[str]:
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    commands = pilot.app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(index).prompt).split("\n")[0]
            for index in range(commands.option_count)]


async def test_the_palette_offers_the_available_keys_of_the_screen_and_the_app(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = await palette_entries(pilot)
        for name in ("segments: new segment", "segments: filter", "segments: reload",
                     "app: help", "app: quit", "theme"):
            assert any(entry.lower().startswith(name) for entry in entries), name
        # nothing to open or delete in an empty list
        assert not any(entry.startswith(("segments: open", "segments: delete"))
                       for entry in entries)


async def test_the_palette_names_commands_by_the_screen_area(crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("contacts")
        await settle(pilot)
        entries = await palette_entries(pilot)
        assert any(entry.startswith("contacts: filter") for entry in entries)
        assert not any(entry.startswith("segments:") for entry in entries)


async def test_the_palette_runs_new_segment(crm_settings, one_segment):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"new seg")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert SegmentHeader.select().count() == 2
        new_no = SegmentHeader.select(SegmentHeader.no).order_by(SegmentHeader.no.desc()).scalar()
        assert new_no != one_segment
        assert isinstance(app.screen, SegmentFormScreen)
        assert app.screen.segment_no == new_no


async def test_s04_the_segment_form_offers_its_documents_in_the_help_and_the_palette(
        crm_settings, one_segment):
    from tests.support.segment_form import open_form

    from segtui.tui.dialogs.segment_documents import SegmentDocumentsDialog

    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, one_segment)
        await pilot.press("f1")
        await settle(pilot)
        assert ["D", "Documents"] in [line.split() for line in help_lines(pilot)]
        await pilot.press("escape")
        await settle(pilot)
        entries = await palette_entries(pilot)
        assert "segment: documents" in [entry.lower() for entry in entries]
        await pilot.press(*"documents", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SegmentDocumentsDialog)
