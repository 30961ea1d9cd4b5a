"""Contact data full of Rich markup, escape sequences, control characters, right-to-left marks
and a 10,000-character name shows literally on every screen at 80×24 and never breaks the layout."""
import datetime

import pytest
from textual.widgets import Input
from tui_support import settle

from segtui.domain.segment_lines import add_line
from segtui.domain.segment_log import log_segment
from segtui.domain.segments import create_segment
from segtui.store.enums import ContactType
from segtui.store.models import Contact, SegmentHeader
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.screens.contact_card import ContactCardScreen
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.widgets.key_bar import KeyBar

SIZE = (80, 24)
USER = "TESTER"
MARKUP = "[bold red]x[/]"
LINK = "[link=file:///etc/passwd]y"
HOSTILE = {  # no: (name, company name, city)
    "H-MARKUP": (MARKUP, LINK, MARKUP),
    "H-ANSI": ("\x1b[2J\x1b[31mred", "\x1b]8;;http://evil\x1b\\co", "\x1b[5mcity"),
    "H-CTRL": ("bell\x07ring\rback", "tab\there", "nul\x00city"),
    "H-RTL": ("\u202eevil\u202c", "\u200fco", "\u202ecity"),
    "H-LONG": ("L" * 10_000, "C" * 10_000, "T" * 10_000),
}
RAW = ("\x1b", "\x07", "\r", "\x00", "\t")
"""Characters that must never reach the terminal as they are."""


@pytest.fixture
def hostile(crm_settings):
    """The hostile contacts, an open segment holding them and a logged one (markup description)."""
    Contact.insert_many([
        {"no": no, "type": ContactType.PERSON, "name": name, "search_name": name.upper()[:100],
         "company_name": company, "city": city, "email": f"{no.lower()}@example.com"}
        for no, (name, company, city) in HOSTILE.items()]).execute()
    segments = []
    for description in (MARKUP + "\x1b[31m", "\u202e" + LINK):
        segment_no = create_segment(user=USER, description="x", template="LETTER",
                                    salesperson="AH", date=datetime.date(2026, 1, 15))
        # as older data or another program may have stored it (segtui refuses control chars)
        SegmentHeader.update(description=description).where(
            SegmentHeader.no == segment_no).execute()
        for no in HOSTILE:
            add_line(segment_no, no, user=USER)
        segments.append(segment_no)
    log_segment(segments[1], user=USER)
    return segments[0]


def screen_lines(app) -> list:
    """The whole screen as drawn: one strip per terminal line."""
    return app.screen._compositor.render_strips()


def outside_inputs(app, y: int, strip):
    """The parts of screen line `y` not covered by an input field."""
    start = 0
    for region in sorted(widget.region for widget in app.screen.query(Input)
                         if widget.region.y <= y < widget.region.bottom):
        yield strip.crop(start, region.x)
        start = region.right
    yield strip.crop(start, SIZE[0])


def raw_characters(app, strips, inputs: bool = False) -> list[str]:
    """The drawn texts holding a character that must not reach the terminal as it is."""
    parts = strips if inputs else [part for y, strip in enumerate(strips)
                                   for part in outside_inputs(app, y, strip)]
    return [segment.text for part in parts for segment in part
            if any(char in segment.text for char in RAW)]


def assert_sound(app, path) -> list[str]:
    """The screen renders (and saves as a screenshot), fills exactly 80×24, sends no raw control
    characters, and keeps the footer on the last line; returns its lines as text."""
    app.save_screenshot(str(path))
    strips = screen_lines(app)
    assert len(strips) == SIZE[1]
    assert all(strip.cell_length == SIZE[0] for strip in strips)
    assert raw_characters(app, strips) == []
    key_bars = app.screen.query(KeyBar)
    if key_bars:
        assert key_bars.first().region.y == SIZE[1] - 1
    return [strip.text for strip in strips]


def one_line_each(lines: list[str], texts) -> None:
    """Each text shows on at most one line (a table row never grows), and at least one shows."""
    counts = {text: sum(text in line for line in lines) for text in texts}
    assert all(count <= 1 for count in counts.values()), counts
    assert any(counts.values()), counts


def assert_literal_markup(lines: list[str]) -> None:
    """Markup is shown as typed, never taken as style (it would vanish from the text)."""
    assert any("[bold red]x[/]" in line for line in lines), lines


async def test_contacts_list_and_card_show_hostile_data_literally(hostile, crm_settings,
                                                                   tmp_path):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("contacts")
        await settle(pilot)
        lines = assert_sound(app, tmp_path / "contacts.svg")
        one_line_each(lines, HOSTILE)
        assert_literal_markup(lines)
        assert any("[link=file:///" in line for line in lines)
        for no in HOSTILE:
            app.push_screen(ContactCardScreen(no))
            await settle(pilot)
            lines = assert_sound(app, tmp_path / f"{no}.svg")
            if no == "H-MARKUP":
                assert_literal_markup(lines)
            app.pop_screen()
            await settle(pilot)


async def test_segment_form_shows_hostile_lines_literally(hostile, crm_settings, tmp_path):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SegmentFormScreen(hostile))
        await settle(pilot)
        lines = assert_sound(app, tmp_path / "form.svg")
        one_line_each(lines, HOSTILE)
        assert_literal_markup(lines)


async def test_segment_log_and_interaction_log_show_hostile_data_literally(hostile, crm_settings,
                                                                           tmp_path):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_mode("segment_log")
        await settle(pilot)
        lines = assert_sound(app, tmp_path / "segment_log.svg")
        assert any("[link=file://" in line for line in lines), lines
        await app.switch_mode("interaction_log")
        await settle(pilot)
        lines = assert_sound(app, tmp_path / "interaction_log.svg")
        one_line_each(lines, HOSTILE)


async def test_contact_lookup_shows_hostile_names_literally(hostile, crm_settings, tmp_path):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(LookupDialog.of("contact"))
        await settle(pilot)
        await pilot.press(*"H-")
        await pilot.pause(0.4)
        await settle(pilot)
        lines = assert_sound(app, tmp_path / "lookup.svg")
        one_line_each(lines, HOSTILE)
        assert_literal_markup(lines)



async def test_an_input_field_never_sends_raw_control_characters(hostile, crm_settings):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SegmentFormScreen(hostile))
        await settle(pilot)
        assert raw_characters(app, screen_lines(app), inputs=True) == []
