"""The Contacts screen: paging through the database by keys, filter, literal display of data,
delete (M-44)."""
import datetime

import pytest
from tests.support.tui import (CONTACT_COUNT, contact_no, cursor_no, settle, shown_lines, status,
                               table, wait_for)

from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.models import Contact
from segtui.tui.app import SegtuiApp
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.screens import contacts
from segtui.tui.widgets.paged_table import PagedTable

SIZE = (80, 24)


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 10 rows (a window of 30), so a few key presses cross many page boundaries."""
    monkeypatch.setattr(contacts, "PAGE_SIZE", 10)


def expect_position(pilot, number: int) -> None:
    """The cursor is on contact `number` and the status says so (contacts are numbered 1…N)."""
    assert cursor_no(pilot) == contact_no(number)
    assert status(pilot) == f"Row {number:,} of {CONTACT_COUNT:,}"


async def test_opens_on_the_first_contacts(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        assert isinstance(app.focused, PagedTable)
        lines = shown_lines(pilot)
        assert lines[0].split() == ["No.", "Name", "Company", "City"]
        assert lines[1].split()[:3] == ["C000001", "Company", "0001"]
        assert "Person 000002" in lines[2]
        expect_position(pilot, 1)
        assert len(table(pilot).window) == table(pilot).page_size


async def test_moving_down_crosses_pages_in_order(settings, small_pages):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        widget = table(pilot)
        for number in range(2, 46):
            await pilot.press("down" if number % 2 else "j")
            await settle(pilot)
            expect_position(pilot, number)
        assert len(widget.window) <= widget.window_size
        assert widget.window[0].no != contact_no(1)  # the first page has been let go
        for number in range(44, 0, -1):
            await pilot.press("up" if number % 2 else "k")
            await settle(pilot)
            expect_position(pilot, number)


async def test_page_keys_keep_rows_contiguous(settings, small_pages):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        seen = [1]
        while seen[-1] < 200:
            await pilot.press("pagedown")
            await settle(pilot)
            seen.append(int(cursor_no(pilot)[1:]))
            expect_position(pilot, seen[-1])
            window = [int(row.no[1:]) for row in table(pilot).window]
            assert window == list(range(window[0], window[0] + len(window)))
        assert all(0 < later - earlier <= 21 for earlier, later in zip(seen, seen[1:]))
        while seen[-1] > 1:
            await pilot.press("pageup")
            await settle(pilot)
            seen.append(int(cursor_no(pilot)[1:]))
            expect_position(pilot, seen[-1])


async def test_end_shows_the_last_contact_and_home_the_first(settings, small_pages):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        expect_position(pilot, CONTACT_COUNT)
        assert [line.split()[0] for line in shown_lines(pilot) if line.strip()][-2:] == [
            contact_no(CONTACT_COUNT - 1), contact_no(CONTACT_COUNT)]
        await pilot.press("home")
        await settle(pilot)
        expect_position(pilot, 1)
        assert shown_lines(pilot)[1].split()[0] == contact_no(1)
        await pilot.press("G")
        await settle(pilot)
        expect_position(pilot, CONTACT_COUNT)
        for number in range(CONTACT_COUNT - 1, CONTACT_COUNT - 25, -1):
            await pilot.press("k")
            await settle(pilot)
            expect_position(pilot, number)
        await pilot.press("g")
        await settle(pilot)
        expect_position(pilot, 1)


async def test_filter_narrows_the_list_and_escape_returns(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("slash")
        assert app.focused.id == "contacts-filter"
        await pilot.press(*"MALM", "enter")
        await settle(pilot)
        widget = table(pilot)
        assert app.focused is widget
        malmo = [number for number in range(1, CONTACT_COUNT + 1) if number % 7 == 2]
        assert [row.no for row in widget.window] == [contact_no(n) for n in malmo[:100]]
        assert {row.city for row in widget.window} == {"Malmö"}
        assert status(pilot) == f"Row 1 of {len(malmo)}"
        await pilot.press("end")
        await settle(pilot)
        assert cursor_no(pilot) == contact_no(malmo[-1])
        assert status(pilot) == f"Row {len(malmo)} of {len(malmo)}"

        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is widget
        assert app.screen.query_one("#contacts-filter").value == ""
        expect_position(pilot, 1)


async def test_the_filter_waits_for_a_pause_in_typing(settings, monkeypatch):
    """With its delay back (the TUI tests run without it), keys typed in quick succession
    narrow the list once, after the pause, not key by key."""
    monkeypatch.setattr(contacts, "FILTER_DELAY", 1.0)
    applied = []
    real = contacts.ContactPageSource
    monkeypatch.setattr(contacts, "ContactPageSource",
                        lambda text="": applied.append(text) or real(text))
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        applied.clear()
        await pilot.press("slash", *"person 000099")
        assert applied == [] and len(table(pilot).window) > 1  # still typing: not yet
        await wait_for(pilot, lambda: [row.no for row in table(pilot).window] == ["C000099"],
                       "the filtered list")
        assert applied == ["person 000099"]


async def test_filter_applies_while_typing_and_escape_from_the_field_clears_it(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("slash", *"person 000099")
        await wait_for(pilot, lambda: [row.no for row in table(pilot).window] == ["C000099"],
                       "the filtered list")
        assert [row.no for row in table(pilot).window] == ["C000099"]
        assert status(pilot) == "Row 1 of 1"
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is table(pilot)
        expect_position(pilot, 1)


async def test_a_filter_without_matches_says_so(settings):
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await pilot.press("slash", *"nobody", "enter")
        await settle(pilot)
        assert table(pilot).window == []
        assert status(pilot) == "No rows"
        await pilot.press("down", "end", "home")
        await settle(pilot)
        assert status(pilot) == "No rows"


async def test_data_is_shown_as_text_never_as_markup(settings):
    Contact.insert_many([
        {"no": "A1", "name": "[bold]x", "search_name": "[BOLD]X", "city": "[red]"},
        {"no": "A2", "name": "[link=x]y[/link]", "city": "\\[i]z"},
    ]).execute()
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        lines = shown_lines(pilot)
        assert lines[1].split() == ["A1", "[bold]x", "[red]"]
        assert lines[2].split() == ["A2", "[link=x]y[/link]", "\\[i]z"]
        await pilot.press("slash", *"[bold]", "enter")
        await settle(pilot)
        assert [row.no for row in table(pilot).window] == ["A1"]


async def delete_from_list(pilot, contact_no: str, answer: str) -> None:
    """Filter the list to one contact, press d and answer the question."""
    await pilot.press("slash", *contact_no, "enter")
    await settle(pilot)
    assert cursor_no(pilot) == contact_no
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmDialog)
    await pilot.press(answer)
    await settle(pilot)


async def test_delete_asks_and_is_refused_for_a_contact_on_an_open_segment(crm_settings):
    """M-44: a contact on an unlogged segment stays."""
    segment = create_segment(user="TESTER", description="Spring", template="LETTER",
                             salesperson="AH", date=datetime.date(2026, 1, 15))
    add_line(segment, "P-DORA", user="TESTER")
    Contact.insert(no="X-FREE", name="Free Fred", search_name="FREE FRED").execute()
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.switch_mode("contacts")
        await settle(pilot)
        await delete_from_list(pilot, "X-FREE", "enter")  # the default answer is No
        assert Contact.get_or_none(Contact.no == "X-FREE") is not None

        await pilot.press("escape")
        await delete_from_list(pilot, "P-DORA", "y")
        assert Contact.get_or_none(Contact.no == "P-DORA") is not None
        messages = [str(note.message) for note in pilot.app._notifications]
        assert (f"you cannot delete contact P-DORA because it is assigned to unlogged segments: "
                f"{segment}") in messages

        await pilot.press("escape")
        await delete_from_list(pilot, "X-FREE", "y")
        assert Contact.get_or_none(Contact.no == "X-FREE") is None
        assert table(pilot).window == []
