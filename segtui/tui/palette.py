"""Textual's command palette with its own words in the user's language: the prompt (given by
the caller) and "No matches found", which Textual writes in English when a search finds nothing.

The override copies CommandPalette._start_no_matches_countdown of the pinned Textual (8.2.8)
with the text translated; tests/tui/test_textual_texts.py sees it in Swedish.
"""
from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from segtui.i18n import _


class Palette(CommandPalette):
    """The command palette, saying "No matches found" in the user's language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(_("No matches found"), style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:  # discovering, not searching: nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
