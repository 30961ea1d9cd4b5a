"""Going between the sections (issue 18): F2 F3 F6 F7 F8 from any screen, the palette's "go to",
the menu showing the screen in front, Escape back where the user came from, Enter opening the
row under the cursor on every list, and the question before a second follow-up."""
import datetime

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from tests.support.crm import LOGGED_ENTRY
from tests.support.tui import settle, wait_for

from segtui.domain.journal import logged_segments
from segtui.domain.segments.headers import create_segment
from segtui.domain.segments.lines import add_line
from segtui.store.models import SegmentHeader
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.line import LineDialog
from segtui.tui.dialogs.reuse_options import ReuseOptionsDialog
from segtui.tui.screens.contact_card import ContactCardScreen
from segtui.tui.screens.contacts import ContactsScreen
from segtui.tui.screens.help import HelpScreen
from segtui.tui.screens.interaction_log import InteractionLogScreen
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens.segment_log import SegmentLogScreen
from segtui.tui.screens.segments import SegmentsScreen
from segtui.tui.screens.setup import SetupScreen
from segtui.tui.screens.setup_pages.record import RecordDialog
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.navigation import Navigation
from segtui.tui.widgets.paged_table import PagedTable

SIZE = (80, 24)
SECTIONS = {"f2": ("segments", SegmentsScreen), "f3": ("segment_log", SegmentLogScreen),
            "f6": ("interaction_log", InteractionLogScreen), "f7": ("contacts", ContactsScreen),
            "f8": ("setup", SetupScreen)}


@pytest.fixture
def lined_segment(crm_settings) -> str:
    """An open segment with one line (P-ANNA)."""
    no = create_segment(user="TESTER", description="Spring letter", template="LETTER",
                        salesperson="AH", date=datetime.date(2026, 1, 15))
    add_line(no, "P-ANNA", user="TESTER")
    return no


async def go(pilot, key: str, screen_class) -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: type(pilot.app.screen) is screen_class,
                   f"{key} showing {screen_class.__name__}")


async def focus_menu(pilot) -> Navigation:
    """Tab backwards until the menu has the focus (keys only)."""
    for _press in range(6):
        if isinstance(pilot.app.focused, Navigation):
            return pilot.app.focused
        await pilot.press("shift+tab")
        await settle(pilot)
    raise AssertionError("the menu never got the focus")


def highlighted_section(screen) -> str:
    menu = screen.query_one(Navigation)
    return menu.get_option_at_index(menu.highlighted).id


async def test_the_menu_shows_the_screen_in_front_after_coming_back(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await focus_menu(pilot)
        await pilot.press("down", "down", "enter")  # Interaction Log
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InteractionLogScreen))
        await go(pilot, "f2", SegmentsScreen)
        assert highlighted_section(pilot.app.screen) == "segments"
        await focus_menu(pilot)
        await pilot.press("down", "enter")  # from Segments: the Segment Log, not Contacts
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentLogScreen))
        assert highlighted_section(pilot.app.screen) == "segment_log"


@pytest.mark.parametrize("start", sorted(SECTIONS))
async def test_every_f_key_from_every_main_screen(crm_settings, start):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in [start, *SECTIONS]:
            await go(pilot, start, SECTIONS[start][1])
            await go(pilot, key, SECTIONS[key][1])
            assert pilot.app.current_mode == SECTIONS[key][0]
            assert highlighted_section(pilot.app.screen) == SECTIONS[key][0]


async def test_f_keys_from_the_segment_form_even_with_a_field_focused(crm_settings,
                                                                      lined_segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentFormScreen))
        await pilot.press("h")  # a header field has the focus
        await wait_for(pilot, lambda: isinstance(pilot.app.focused, Input))
        await go(pilot, "f3", SegmentLogScreen)
        await pilot.press("escape")  # back where the user was: the form
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentFormScreen))
        await go(pilot, "f2", SegmentsScreen)  # the list itself, the form closed
        assert len(pilot.app.screen_stack) == 1
        for key, (_mode, screen_class) in SECTIONS.items():
            await go(pilot, key, screen_class)


async def test_f_keys_from_the_contact_card_and_the_help(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "f7", ContactsScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ContactCardScreen))
        await go(pilot, "f6", InteractionLogScreen)
        await go(pilot, "f7", ContactsScreen)  # the list, not the card left there
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        await go(pilot, "f8", SetupScreen)


async def test_no_f_key_leaves_a_dialog(crm_settings, lined_segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")  # Delete segment? asks
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog))
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert pilot.app.current_mode == "segments"


async def test_the_key_bar_shows_the_sections_as_one_entry_and_f1_each(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await go(pilot, "f7", ContactsScreen)
        bar = pilot.app.screen.query_one(KeyBar).render_line(0).text
        assert len(bar) == SIZE[0]
        # Contacts' own keys fill the rest: the palette's key goes without its word
        assert " / Filter " in bar and bar.rstrip().endswith("▏ f1 Help  f2… Go  ^p")
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
        lines = [widget.render_line(y).text.split()
                 for widget in pilot.app.screen.query(".help-group, .help-table")
                 for y in range(widget.size.height)]
        assert ["Go", "to"] in lines
        for row in (["f2", "Segments"], ["f3", "Segment", "Log"], ["f6", "Interaction", "Log"],
                    ["f7", "Contacts"], ["f8", "Setup"]):
            assert row in lines


async def test_the_palette_goes_to_the_segment_log_from_contacts(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await go(pilot, "f7", ContactsScreen)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await pilot.press(*"segment log")
        commands = pilot.app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count > 0, "a command found")
        prompts = [str(commands.get_option_at_index(index).prompt).splitlines()[0]
                   for index in range(commands.option_count)]
        assert "go to: segment log" in prompts
        index = prompts.index("go to: segment log")
        commands.highlighted = index  # the match is found; choosing it is Enter
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentLogScreen))
        await pilot.press("escape")  # back to Contacts
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ContactsScreen))


async def test_escape_on_a_main_screen_clears_its_filter_before_going_back(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "f7", ContactsScreen)
        await pilot.press("slash", *"anna", "enter")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.filter_text == "anna")
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen.filter_text == "")
        assert pilot.app.screen is screen
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentsScreen))
        await pilot.press("escape")  # nowhere further back: stays
        await settle(pilot)
        assert isinstance(pilot.app.screen, SegmentsScreen)


async def open_logged_entries(pilot) -> InteractionLogScreen:
    """The Segment Log's oldest logged segment (entry 1), Enter: its entries."""
    await go(pilot, "f3", SegmentLogScreen)
    await wait_for(pilot, lambda: pilot.app.screen.row is not None)
    await pilot.press("end")
    await wait_for(pilot, lambda: pilot.app.screen.row.entry_no == LOGGED_ENTRY)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, InteractionLogScreen))
    return pilot.app.screen


async def test_escape_goes_back_from_card_to_entries_to_segment_log(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = await open_logged_entries(pilot)
        await wait_for(pilot, lambda: entries.table.highlighted_row is not None)
        assert {row.logged_segment for row in entries.table.window} == {LOGGED_ENTRY}
        contact = entries.table.highlighted_row.contact_no
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ContactCardScreen))
        assert pilot.app.screen.contact_no == contact
        await pilot.press("escape")
        await wait_for(pilot, lambda: pilot.app.screen is entries)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentLogScreen))
        assert pilot.app.current_mode == "segment_log"
        # the main Interaction Log is not filtered by the drill-down
        await go(pilot, "f6", InteractionLogScreen)
        await wait_for(pilot, lambda: not pilot.app.screen.table.is_loading)
        assert len({row.logged_segment for row in pilot.app.screen.table.window}) > 1


async def test_a_follow_up_opens_over_the_segment_log_and_a_second_one_asks(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "f3", SegmentLogScreen)
        await pilot.press("end")
        await wait_for(pilot, lambda: pilot.app.screen.row.entry_no == LOGGED_ENTRY)
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReuseOptionsDialog))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentFormScreen))
        first = pilot.app.screen.segment_no
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentLogScreen))
        await pilot.press("f")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog))
        assert first in pilot.app.screen.question
        await pilot.press("enter")  # the default: No
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentLogScreen))
        assert logged_segments.follow_up_segments(LOGGED_ENTRY) == [first]
        await pilot.press("f", "y")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReuseOptionsDialog))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentFormScreen))
        assert len(logged_segments.follow_up_segments(LOGGED_ENTRY)) == 2


async def test_enter_on_a_segment_line_opens_the_line_dialog(crm_settings, lined_segment):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, SegmentFormScreen))
        form = pilot.app.screen
        await wait_for(pilot, lambda: form.lines.highlighted_row is not None)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, LineDialog))


@pytest.mark.parametrize("key, opened", [
    ("f2", SegmentFormScreen), ("f3", InteractionLogScreen), ("f6", ContactCardScreen),
    ("f7", ContactCardScreen)])
async def test_enter_opens_the_row_of_each_list(crm_settings, lined_segment, key, opened):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, key, SECTIONS[key][1])
        main = pilot.app.screen
        await wait_for(pilot, lambda: not any(table.is_loading
                                              for table in main.query(PagedTable)))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, opened))
        await pilot.press("escape")
        await wait_for(pilot, lambda: pilot.app.screen is main)


async def test_enter_on_a_setup_page_and_on_the_card_history(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go(pilot, "f8", SetupScreen)
        await pilot.press("enter")  # into the first page's list
        await settle(pilot)
        await pilot.press("enter")  # its first record
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecordDialog))
        await pilot.press("escape")
        await go(pilot, "f6", InteractionLogScreen)
        log = pilot.app.screen
        await wait_for(pilot, lambda: log.table.highlighted_row is not None)
        contact = log.table.highlighted_row.contact_no
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ContactCardScreen))
        card = pilot.app.screen
        await pilot.press("ctrl+pagedown", "ctrl+pagedown", "ctrl+pagedown")  # History
        await wait_for(pilot, lambda: card.focused is not None
                       and card.focused.id == "card-history-table")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, InteractionLogScreen)
                       and pilot.app.screen is not log)
        history = pilot.app.screen
        await wait_for(pilot, lambda: history.table.highlighted_row is not None)
        assert {row.contact_no for row in history.table.window} == {contact}
        await pilot.press("escape")
        await wait_for(pilot, lambda: pilot.app.screen is card)


def test_the_cli_refuses_a_second_follow_up_without_yes(crm_settings):
    first = logged_segments.create_follow_up(LOGGED_ENTRY, user="TESTER").segment_no
    assert logged_segments.follow_up_question(LOGGED_ENTRY) is not None
    with pytest.raises(Exception, match="already has a follow-up segment"):
        logged_segments.create_follow_up(LOGGED_ENTRY, user="TESTER")
    second = logged_segments.create_follow_up(LOGGED_ENTRY, user="TESTER",
                                              confirmed=True).segment_no
    assert logged_segments.follow_up_segments(LOGGED_ENTRY) == sorted([first, second])
    assert SegmentHeader.select().count() >= 2
