"""Asks for the path of a file to read or write (a .docx to import, where to export one)."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from segtui.i18n import _
from segtui.tui.literal import literal_title
from segtui.tui.widgets.form_input import FormInput


class PathDialog(ModalScreen[str | None]):
    """Dismisses with the path typed (~ expanded by the caller's service), or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="path.cancel"),
    ]

    def __init__(self, title: str, path: str = "") -> None:
        super().__init__(classes="dialog")
        self.dialog_title = title
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box path-box") as box:
            box.border_title = literal_title(self.dialog_title)
            with Horizontal(classes="field-line"):
                yield Label(_("File"), classes="path-label")
                yield FormInput(self.path, compact=True, id="path-input", classes="field-editor")
            yield Static("", id="path-message", classes="dialog-error", markup=False)
            yield Static(_("Enter accepts · Esc cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip()
        if path:
            self.dismiss(path)
        else:
            self.query_one("#path-message", Static).update(_("Type the path of a file."))

    def action_cancel(self) -> None:
        self.dismiss(None)
