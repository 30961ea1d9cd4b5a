"""Textual's own texts that segtui shows: the descriptions Textual gives its bindings (tab "Focus
Next", an input's "Delete character left", …), translated where F1, the key bar and the command
palette show them, and the palette's system commands, offered in the user's language.

Textual's bindings are made when Textual is imported, in English; `description()` looks each
one up in the catalogue when it is shown. segtui's own bindings are translated already (their
descriptions are not in DESCRIPTIONS), so they are shown as they are.
"""
from textual.binding import Binding

from segtui.i18n import _

# Every description a binding of Textual's widgets, screens, containers, palette or app has
# (tests/tui/test_textual_texts.py checks the list against the installed Textual).
DESCRIPTIONS = (
    "Quit",
    "Focus Next",
    "Focus Previous",
    "Copy selected text",
    "Scroll Up",
    "Scroll Down",
    "Scroll Left",
    "Scroll Right",
    "Scroll Home",
    "Scroll End",
    "Page Up",
    "Page Down",
    "Page Left",
    "Page Right",
    "Go to bottom",
    "Go to top",
    "Next command",
    "Exit the command palette",
    "Next page",
    "Previous page",
    "Previous command",
    "Press button",
    "Toggle collapsible",
    "Select",
    "Cursor up",
    "Cursor down",
    "Cursor right",
    "Cursor left",
    "Page up",
    "Page down",
    "Top",
    "Bottom",
    "Home",
    "End",
    "Move cursor left",
    "Move cursor left and select",
    "Move cursor left a word",
    "Move cursor left a word and select",
    "Move cursor right or accept the completion suggestion",
    "Move cursor right and select",
    "Move cursor right a word",
    "Move cursor right a word and select",
    "Delete character left",
    "Select all",
    "Go to start",
    "Go to end",
    "Select line start",
    "Select line end",
    "Delete character right",
    "Submit",
    "Delete left to start of word",
    "Delete all to the left",
    "Delete right to start of word",
    "Delete all to the right",
    "Cut selected text",
    "Paste text from the clipboard",
    "Open link",
    "Down",
    "Last",
    "First",
    "Up",
    "Next option",
    "Toggle",
    "Previous option",
    "Dismiss menu",
    "Show menu",
    "Toggle option",
    "Previous tab",
    "Next tab",
    "Cursor word left",
    "Cursor word right",
    "Cursor line start",
    "Cursor line end",
    "Cursor page up",
    "Cursor page down",
    "Cursor left word select",
    "Cursor right word select",
    "Cursor line start select",
    "Cursor line end select",
    "Cursor up select",
    "Cursor down select",
    "Cursor left select",
    "Cursor right select",
    "Select line",
    "Cut",
    "Copy",
    "Paste",
    "Delete to line start",
    "Delete to line end",
    "Delete line",
    "Undo",
    "Redo",
    "Cursor to parent",
    "Cursor to next ancestor",
    "Cursor to previous sibling",
    "Cursor to next sibling",
    "Expand or collapse all",
    "Cursor Up",
    "Cursor Down",
    "palette",  # the command palette's key, a binding the app adds when it starts
)
_TEXTUAL = frozenset(DESCRIPTIONS)


def description(binding: Binding) -> str:
    """What `binding` does, in the user's language."""
    text = binding.description
    return _(text) if text in _TEXTUAL else text
