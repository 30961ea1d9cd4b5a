"""A yes/no question with a default answer, as NAV's confirmations (Enter takes the default);
optionally with one option to tick, asked in the same question (not in a second one)."""
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from segtui.i18n import _
from segtui.tui.literal import literal, literal_title
from segtui.tui.widgets.check_box import TickBox


class ConfirmDialog(ModalScreen[bool]):
    """Asks `question`; dismisses True for Yes, False for No or Escape. With `option`, a check
    box (unticked) the caller reads in `option_ticked` when the answer is Yes; Tab goes to it."""

    BINDINGS = [
        Binding("y", "answer(True)", _("Yes"), id="confirm.yes"),
        Binding("n", "answer(False)", _("No"), id="confirm.no"),
        Binding("escape", "answer(False)", _("Cancel"), id="confirm.cancel"),
        Binding("left,right,tab,shift+tab", "switch", _("Other answer"), show=False,
                id="confirm.switch"),
    ]

    def __init__(self, question: str, *, default: bool, title: str = "",
                 option: str = "") -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.option = option
        self.default = default
        self.dialog_title = title or _("Confirm")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box confirm-box") as box:
            box.border_title = literal_title(self.dialog_title)
            yield Static(literal(self.question), classes="dialog-message", markup=False)
            if self.option:
                yield TickBox(literal(self.option), id="confirm-option", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Yes"), id="yes", variant="primary" if self.default else "default")
                yield Button(_("No"), id="no", variant="default" if self.default else "primary")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default else "#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @property
    def option_ticked(self) -> bool:
        """True when the dialog has an option and it is ticked."""
        return bool(self.option) and self.query_one("#confirm-option", TickBox).value

    def action_switch(self) -> None:
        """The other answer; with an option, Yes, No and the option in turn."""
        order = [self.query_one("#yes", Button), self.query_one("#no", Button),
                 *self.query("#confirm-option")]
        at = order.index(self.focused) if self.focused in order else -1
        order[(at + 1) % len(order)].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
