"""Themes: ctrl+t (or the palette) picks one of Textual's themes, the next start uses it again;
NO_COLOR makes Textual draw without colour."""
import re
import stat

from rich.terminal_theme import SVG_EXPORT_THEME
from textual.command import CommandPalette
from tests.support.tui import settle

from segtui.tui import preferences
from segtui.tui.app import SegtuiApp

HEX = re.compile(r"#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})\b", re.IGNORECASE)


async def choose_theme(pilot, name: str) -> None:
    await pilot.press("ctrl+t")
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*name)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_theme_chosen_by_keys_is_back_after_a_restart(crm_settings, private_data_dir):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-dark"
        await choose_theme(pilot, "nord")
        assert pilot.app.theme == "nord"
        assert not isinstance(pilot.app.screen, CommandPalette)
    path = private_data_dir / "preferences.json"
    assert preferences.load() == {"theme": "nord"}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "nord"
        await choose_theme(pilot, "gruvbox")
        assert pilot.app.theme == "gruvbox"
    assert preferences.load()["theme"] == "gruvbox"


async def test_theme_is_in_the_command_palette(crm_settings):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"app: theme")
        await settle(pilot)
        await pilot.press("enter")  # the app.theme binding, offered as "app: theme"
        await settle(pilot)
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"dracula", "enter")
        await settle(pilot)
        assert pilot.app.theme == "dracula"


async def test_unknown_or_unreadable_preferences_are_ignored(crm_settings, private_data_dir):
    preferences.save(theme="no-such-theme")
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-dark"
    (private_data_dir / "preferences.json").write_text("{not json")
    assert preferences.load() == {}
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "textual-dark"


def colours(svg: str) -> set[tuple[int, int, int]]:
    """The colours of a screenshot, without Rich's window buttons and default foreground."""
    drawn = re.sub(r"<circle[^>]*>", "", svg)
    found = {tuple(int(part, 16) for part in match.groups()) for match in HEX.finditer(drawn)}
    return found - {tuple(SVG_EXPORT_THEME.foreground_color)}


async def test_no_color_draws_in_greys_only(crm_settings, monkeypatch):
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any(len(set(colour)) > 1 for colour in colours(pilot.app.export_screenshot()))

    monkeypatch.setenv("NO_COLOR", "1")
    async with SegtuiApp(crm_settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.no_color
        drawn = colours(pilot.app.export_screenshot())
        assert drawn and all(len(set(colour)) == 1 for colour in drawn), drawn


async def test_the_theme_setting_wins_over_the_one_chosen_last_time(crm_settings):
    import dataclasses

    preferences.save(theme="gruvbox")
    settings = dataclasses.replace(crm_settings, theme="nord")
    async with SegtuiApp(settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.theme == "nord"
