"""A yes/no question with a default answer, as NAV's confirmations (Enter takes the default)."""
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from segtui.i18n import _
from segtui.tui.literal import literal, literal_title


class ConfirmDialog(ModalScreen[bool]):
    """Asks `question`; dismisses True for Yes, False for No or Escape."""

    BINDINGS = [
        Binding("y", "answer(True)", _("Yes"), id="confirm.yes"),
        Binding("n", "answer(False)", _("No"), id="confirm.no"),
        Binding("escape", "answer(False)", _("Cancel"), id="confirm.cancel"),
        Binding("left,right,tab,shift+tab", "switch", _("Other answer"), show=False,
                id="confirm.switch"),
    ]

    def __init__(self, question: str, *, default: bool, title: str = "") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.default = default
        self.dialog_title = title or _("Confirm")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box confirm-box") as box:
            box.border_title = literal_title(self.dialog_title)
            yield Static(literal(self.question), classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Yes"), id="yes", variant="primary" if self.default else "default")
                yield Button(_("No"), id="no", variant="default" if self.default else "primary")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def action_switch(self) -> None:
        other = "#no" if self.focused is self.query_one("#yes", Button) else "#yes"
        self.query_one(other, Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
