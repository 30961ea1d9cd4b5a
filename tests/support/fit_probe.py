"""Goes through every screen of segtui and the dialogs its keys open, headless at 80×24 in the
language given (`python fit_probe.py sv DB`), and prints one line for each text that does not
fit: a menu item wrapped, a key bar whose keys are cut, a dialog's hint wrapped or cut; and
each text of the help or a key bar left in English though the catalogue translates it.

A process of its own: bindings are translated when the TUI's modules are imported, so the
language is chosen before any of them is (tests/tui/test_fit_80_columns.py runs it).
"""
import asyncio
import os
import sys

from rich.cells import cell_len

from segtui import i18n

VERBOSE = bool(os.environ.get("FIT_PROBE_VERBOSE"))  # also say where each visit ended
# (where, keys pressed from the Segments list, focus stops to look at) — each starts afresh
TOUR = [
    ("Segments", [], 6),
    ("Segments: filter", ["slash"], 1),
    ("Segment form", ["enter"], 8),
    ("Segment form: lines", ["enter", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab",
                             "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab"], 1),
    ("Segment Log", ["f3"], 6),
    ("Interaction Log", ["f6"], 6),
    ("Contacts", ["f7"], 6),
    ("Contact card", ["f7", "enter"], 12),
    ("Contact card: Communication", ["f7", "enter", "ctrl+pagedown"], 12),
    ("Contact card: Classification", ["f7", "enter", "ctrl+pagedown", "ctrl+pagedown"], 12),
    ("Contact card: History", ["f7", "enter", "ctrl+pagedown", "ctrl+pagedown",
                               "ctrl+pagedown"], 8),
    ("Setup", ["f8"], 6),
]
# dialogs: keys from the Segments list that open one (the last key opens it)
DIALOGS = [
    ("Help", ["f1"]),
    ("Delete segment", ["d"]),
    ("Export list", ["E"]),
    ("Add contacts", ["enter", "a"]),
    ("Reduce", ["enter", "r"]),
    ("Log segment", ["enter", "l"]),
    ("Segment: help", ["enter", "f1"]),
    ("Segment: criteria", ["enter", "c"]),
    ("Segment: save criteria", ["enter", "s"]),
    ("Segment: reuse criteria", ["enter", "u"]),
    ("Segment: reuse logged", ["enter", "o"]),
    ("Segment: mailing group", ["enter", "i"]),
    ("Segment: personal text", ["enter", "p"]),
    ("Segment: merge", ["enter", "m"]),
    ("Segment: go back", ["enter", "b"]),
    ("Segment Log: cancel", ["f3", "c"]),
    ("Segment Log: follow-up", ["f3", "f"]),
    ("Segment Log: journal", ["f3", "J"]),
    ("Segment Log: resend", ["f3", "s"]),
    ("Interaction Log: filter", ["f6", "f"]),
    ("Interaction Log: evaluate", ["f6", "e"]),
    ("Interaction Log: cancel", ["f6", "c"]),
    ("Interaction Log: comments", ["f6", "m"]),
    ("Interaction Log: as sent", ["f6", "v"]),
    ("Interaction Log: resend", ["f6", "s"]),
    ("Contacts: delete", ["f7", "d"]),
    ("Contacts: import", ["f7", "i"]),
    ("Contact card: help", ["f7", "enter", "f1"]),
    ("Setup: edit", ["f8", "tab", "enter"]),
    ("Setup: new", ["f8", "tab", "n"]),
    ("Setup: delete", ["f8", "tab", "d"]),
    ("Segments: whole row", ["w"]),
    ("Segment: new line", ["enter", "n"]),
    ("Segment: export lines", ["enter", "E"]),
    ("Segment Log: whole row", ["f3", "w"]),
    ("Interaction Log: whole row", ["f6", "w"]),
    ("Contacts: new contact", ["f7", "n"]),
    ("Contacts: export", ["f7", "E"]),
    ("Palette", ["ctrl+p"]),
    ("Theme", ["ctrl+t"]),
]


def key_bar_cut(screen) -> list[str]:
    """The keys of the screen's key bar that are not shown whole."""
    from segtui.tui.widgets.key_bar import KeyBar

    cut = []
    for bar in screen.query(KeyBar):
        shown = bar.render().plain
        for key, description, _enabled in bar.keys():
            entry = f" {key} {description} " if description else f" {key} "
            if entry not in shown:
                cut.append(f"key bar: {entry.strip()!r} cut ({shown.rstrip()!r})")
    return cut


def menu_wrapped(screen) -> list[str]:
    """The items of the navigation and of Setup's list of pages wider than their menu."""
    from segtui.tui.widgets.navigation import Navigation

    wrapped = []
    for menu in [*screen.query(Navigation), *screen.query("#setup-pages")]:
        for index in range(menu.option_count):
            prompt = str(menu.get_option_at_index(index).prompt)
            if cell_len(prompt) > menu.scrollable_content_region.width:
                wrapped.append(f"menu: {prompt!r} wider than "
                               f"{menu.scrollable_content_region.width}")
    return wrapped


def hints_wrapped(screen) -> list[str]:
    """The one-line hints of a dialog that wrap or are cut."""
    wrapped = []
    for hint in screen.query(".dialog-hint, .dialog-buttons Button"):
        text = str(hint.render()) if not hasattr(hint, "label") else str(hint.label)
        lines = text.count("\n") + 1
        if not hint.display or not hint.region.area:
            continue
        too_wide = any(cell_len(line) > hint.content_region.width for line in text.split("\n"))
        if hint.content_region.height > lines or too_wide:
            wrapped.append(f"{type(hint).__name__} {text!r} does not fit in "
                           f"{hint.content_region.width}")
    return wrapped


def left_in_english(screen) -> list[str]:
    """The descriptions of the help's keys and of the key bar that the catalogue translates
    but that are shown untranslated (a text of Textual's, or one read before the language was
    chosen)."""
    from segtui.tui.screens.help import HelpScreen
    from segtui.tui.widgets.key_bar import KeyBar

    texts = []
    if isinstance(screen, HelpScreen):
        texts += [(title, "help") for title, _rows in screen.groups]
        texts += [(text, "help") for _title, rows in screen.groups for _keys, text in rows]
    for bar in screen.query(KeyBar):
        texts += [(text, "key bar") for _key, text, _enabled in bar.keys()]
    return [f"{where}: {text!r} is not translated" for text, where in dict.fromkeys(texts)
            if text and i18n._(text) != text]


def problems(screen) -> list[str]:
    return (key_bar_cut(screen) + menu_wrapped(screen) + hints_wrapped(screen)
            + left_in_english(screen))


async def visit(settings, where: str, keys: list[str], stops: int, report) -> None:
    from textual.command import CommandPalette

    from segtui.tui.app import SegtuiApp

    app = SegtuiApp(settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        for key in keys:
            await pilot.press(key)
            await app.workers.wait_for_complete()
            await pilot.pause()
        if VERBOSE:
            report(f"{where}: {type(app.screen).__name__}")
        seen = set()
        for stop in range(max(stops, 1)):
            await pilot.pause()
            focused = app.screen.focused
            label = f"{where} ({type(app.screen).__name__}, focus "
            label += f"{type(focused).__name__}#{getattr(focused, 'id', '')})"
            for problem in problems(app.screen):
                if problem not in seen:
                    seen.add(problem)
                    report(f"{label}: {problem}")
            if stop + 1 < stops and not isinstance(app.screen, CommandPalette):
                await pilot.press("tab")
                await app.workers.wait_for_complete()


async def tour(db: str) -> None:
    from segtui.config import Settings
    from segtui.store.connection import open_database

    open_database(db)
    settings = Settings(db_target=db, is_default_db=False, user="TESTER")
    report = print
    for where, keys, stops in TOUR:
        await visit(settings, where, keys, stops, report)
    for where, keys in DIALOGS:
        await visit(settings, where, keys, 1, report)


if __name__ == "__main__":
    language, database = sys.argv[1:3]
    i18n.setup(language)  # before the TUI's modules are imported
    asyncio.run(tour(database))
