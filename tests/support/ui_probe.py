"""Runs `segtui ARGS…` (segtui.cli.main) with the TUI headless at 80×24 and prints the first
screen as text: how the language reaches the footer, key bindings and column headings.

Used by tests/test_translations.py and, inside a venv holding only the wheel, test_packaging.py.
"""
import asyncio
import io
import sys

from rich.console import Console
from textual.app import App


def screen_text(app: App) -> str:
    """The screen as plain text, as a terminal would show it."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      record=True, force_terminal=True, color_system="truecolor")
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def run_headless(app: App, *args, **kwargs) -> None:
    async def show() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _attempt in range(10):
                await pilot.pause()
            print(screen_text(app))
            print("keys:", " | ".join(active.binding.description
                                      for active in app.screen.active_bindings.values()))

    asyncio.run(show())


if __name__ == "__main__":
    App.run = run_headless  # before segtui.cli imports anything of the TUI
    from segtui.cli import main

    sys.exit(main(sys.argv[1:]))
