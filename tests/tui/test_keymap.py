"""The [keymap] of the config file remaps keys by binding id: the key bar, the F1 help and the
palette show the new key, and the new key acts (at 80×24, from the keyboard); the list of ids a
keymap may name is the TUI's own."""
import importlib
import pkgutil

import pytest
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.dom import DOMNode
from tests.support.tui import settle

import segtui.tui
from segtui.config import load_settings
from segtui.store.models import SegmentHeader
from segtui.tui.app import SegtuiApp
from segtui.tui.binding_ids import BINDING_KEYS, keymap_clash
from segtui.tui.screens.help import HelpScreen
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.screens.segments import SegmentsScreen
from segtui.tui.widgets.key_bar import KeyBar

SIZE = (80, 24)


def keymap_settings(tmp_path, monkeypatch, keymap: str):
    """The settings as the command loads them, from a config.toml holding `keymap`."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "config" / "segtui" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text(f"[keymap]\n{keymap}\n")
    return load_settings(db="crm.db", user="TESTER", binding_ids=BINDING_KEYS)


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def test_the_list_of_binding_ids_is_every_binding_of_the_tui():
    for module in pkgutil.walk_packages(segtui.tui.__path__, "segtui.tui."):
        importlib.import_module(module.name)
    declared = {}
    for cls in _subclasses(DOMNode):
        if cls.__module__.startswith("segtui."):
            for binding in cls.__dict__.get("BINDINGS", []):
                assert isinstance(binding, Binding) and binding.id, (cls, binding)
                declared[binding.id] = binding.key
    assert declared == BINDING_KEYS


async def test_a_remapped_key_shows_in_the_key_bar_the_help_and_the_palette_and_acts(
        crm_settings, tmp_path, monkeypatch):
    settings = keymap_settings(tmp_path, monkeypatch, '"segments.new" = "ctrl+n"')
    app = SegtuiApp(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar).render_line(0).text
        assert " ^n New segment " in bar and " n New segment " not in bar

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [widget.render_line(y).text.split()
                 for widget in app.screen.query(".help-table")
                 for y in range(widget.size.height)]
        assert ["^n", "New", "segment"] in lines
        assert not any(line[-2:] == ["New", "segment"] and line[0] == "n" for line in lines)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"new seg")
        await settle(pilot)
        commands = app.screen.query_one(CommandList)
        prompts = [str(commands.get_option_at_index(index).prompt)
                   for index in range(commands.option_count)]
        assert any("segments: new segment" in prompt.lower() and "^n" in prompt
                   for prompt in prompts), prompts
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SegmentsScreen)

        await pilot.press("n")  # the old key no longer makes a segment
        await settle(pilot)
        assert SegmentHeader.select().count() == 0 and isinstance(app.screen, SegmentsScreen)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert SegmentHeader.select().count() == 1
        assert isinstance(app.screen, SegmentFormScreen)


@pytest.mark.parametrize("keymap, clash", [
    ({"segments.new": "slash"}, "segments.new and segments.filter both have slash"),
    ({"segments.new": "ctrl+t"}, "segments.new and app.theme both have ctrl+t"),
    ({"app.quit": "q"}, "app.quit and cancel_journal.close both have q"),
    ({"segments.new": "/", "segments.filter": "/"}, "segments.filter and segments.new both have"),
])
def test_a_key_taken_from_another_binding_is_refused(keymap, clash):
    message = keymap_clash(keymap)
    assert message is not None and clash in message, message


@pytest.mark.parametrize("keymap", [{"segments.new": "slash", "segments.filter": "f"},
                                    {"segments.new": "ctrl+n"}, {"table.down": "n"}])
def test_a_swap_or_a_free_key_is_no_clash(keymap):
    assert keymap_clash(keymap) is None
