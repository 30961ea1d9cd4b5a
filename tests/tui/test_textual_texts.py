"""Textual's own texts in the user's language: the descriptions Textual gives its bindings (tab
"Focus Next", an input's keys), where F1, the key bar and the palette show them, and the
palette's system commands and prompt."""
import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest
import textual.widgets
from textual.binding import Binding
from textual.command import CommandInput, CommandList, CommandPalette
from textual.dom import DOMNode
from tests.support.tui import settle, wait_for

from segtui import i18n
from segtui.tui.app import SegtuiApp
from segtui.tui.screens.help import HelpScreen
from segtui.tui.textual_texts import DESCRIPTIONS

SIZE = (80, 24)
TEXTUAL_MODULES = ["textual.app", "textual.screen", "textual.containers", "textual.command",
                   "textual.scroll_view", "textual.widget",
                   *(module.name for module in pkgutil.iter_modules(textual.widgets.__path__,
                                                                     "textual.widgets."))]


def textual_descriptions() -> Iterator[str]:
    """The description of every binding a class of Textual declares."""
    for name in TEXTUAL_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (inspect.isclass(value) and issubclass(value, DOMNode)
                    and value.__module__ == module.__name__):
                for binding in value.__dict__.get("BINDINGS", []):
                    text = (binding.description if isinstance(binding, Binding)
                            else binding[2] if len(binding) > 2 else "")
                    if text:
                        yield text


def test_every_description_of_textual_is_listed():
    missing = sorted(set(textual_descriptions()) - set(DESCRIPTIONS))
    assert not missing, ("Textual describes these keys, segtui.tui.textual_texts does not list "
                         f"them (and sv has no translation): {missing}")


@pytest.fixture
def swedish():
    """Swedish for what is translated when shown (segtui's own bindings were translated when
    imported, in English here)."""
    i18n.setup("sv")
    yield
    i18n.setup("en")


def help_text(app) -> str:
    return "\n".join(widget.render_line(y).text for widget in app.screen.query(".help-table")
                     for y in range(widget.size.height))


async def test_help_names_textuals_keys_in_swedish(crm_settings, swedish):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        shown = help_text(app)
        for swedish_text in ("Nästa fält", "Föregående fält", "Kopiera markerad text"):
            assert swedish_text in shown
        for english in ("Focus Next", "Focus Previous", "Copy selected text"):
            assert english not in shown


async def test_help_names_an_inputs_keys_in_swedish(crm_settings, swedish):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # the filter: an Input
        await settle(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        shown = help_text(app)
        assert "Radera tecken till vänster" in shown and "Delete character left" not in shown


async def test_the_palette_offers_textuals_commands_in_swedish(crm_settings, swedish):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await settle(pilot)
        palette = app.screen
        assert palette.query_one(CommandInput).placeholder == "Sök efter kommandon…"
        commands = palette.query_one(CommandList)
        prompts = [str(commands.get_option_at_index(index).prompt)
                   for index in range(commands.option_count)]
        for title in ("Tema", "Avsluta", "Tangenter", "Skärmbild"):
            assert any(prompt.startswith(title) for prompt in prompts), (title, prompts)
        assert not any(prompt.startswith(("Keys", "Screenshot")) for prompt in prompts)
        await pilot.press(*"Tangenter")
        await settle(pilot)
        await pilot.press("enter")
        # "Keys" shows segtui's help (in the user's language), not Textual's key panel
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert not app.query("HelpPanel")


async def test_the_palette_says_no_matches_in_swedish(crm_settings, swedish):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        await pilot.press(*"qqqqzz")
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.get_option("--no-matches") if any(
            option.id == "--no-matches" for option in commands.options) else None,
            "no matches")
        assert str(commands.get_option("--no-matches").prompt.renderable) == "Inga träffar"


async def test_ctrl_c_says_which_key_quits(crm_settings, swedish):
    app = SegtuiApp(crm_settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: app.screen.query("MessageLine.shown"), "the message")
        assert str(app.screen.query_one("MessageLine").render()) == "Tryck ^q för att avsluta"
