"""The row under a list's cursor, every column of it whole: what a narrow column cuts short or
a narrow screen leaves out is read here (w on any list).

Each column is a line, its heading then its value, wrapped; the values are data, so they are
drawn literally (segtui.tui.literal).
"""
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from segtui.i18n import _
from segtui.tui.literal import literal_grid, literal_title


class RowDialog(ModalScreen[None]):
    """Shows `fields` ((heading, value) pairs) of one row; Escape, q or w closes."""

    DEFAULT_CSS = """
    RowDialog .row-view-box {
        width: 76;
    }
    """
    BINDINGS = [
        Binding("escape,q,w", "close", _("Close"), id="row_view.close", priority=True),
    ]

    def __init__(self, title: str, fields: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.view_title = title
        self.fields = [(label, value) for label, value in fields if label]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-box row-view-box") as box:
            box.border_title = literal_title(self.view_title)
            box.can_focus = True
            yield Static(literal_grid([(f"{label}:", value) for label, value in self.fields],
                                      max(len(label) + 1 for label, _value in self.fields)),
                         id="row-view")
            yield Static(_("↑↓ scroll · Esc, q or w closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(".row-view-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)
