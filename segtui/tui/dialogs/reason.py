"""Ask why: the reason a cancel, un-cancel or deletion keeps in the journal (J1, X1)."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from segtui.i18n import _
from segtui.tui.literal import literal, literal_title
from segtui.tui.widgets.form_input import FormInput

MAX_REASON = 250  # the journal's Reason column


class ReasonDialog(ModalScreen[str | None]):
    """Asks `prompt` and a reason; dismisses with the reason (stripped), or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="reason.cancel"),
        Binding("ctrl+s", "accept", _("OK"), id="reason.accept"),
    ]

    def __init__(self, title: str, prompt: str) -> None:
        super().__init__(classes="dialog")
        self.dialog_title = title
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box reason-prompt-box") as box:
            box.border_title = literal_title(self.dialog_title)
            yield Static(literal(self.prompt), classes="dialog-message", markup=False)
            with Horizontal(classes="field-line"):
                yield Label(_("Reason"), classes="field-label")
                yield FormInput(compact=True, max_length=MAX_REASON, id="reason-input",
                            classes="field-editor")
            yield Static("", id="reason-message", classes="dialog-error", markup=False)
            yield Static(_("Enter accepts · Esc cancels · kept in the journal"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#reason-input", Input).focus()

    @property
    def reason(self) -> str:
        return self.query_one("#reason-input", Input).value.strip()

    def _say(self, message: str) -> None:
        line = self.query_one("#reason-message", Static)
        line.update(literal(message))
        line.set_class(bool(message), "shown")

    @on(Input.Submitted, "#reason-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_accept()

    @on(Input.Changed, "#reason-input")
    def _typed(self) -> None:
        self._say("")

    def action_accept(self) -> None:
        if not self.reason:
            self._say(_("Give a reason: a colleague reads it in the journal later."))
            return
        self.dismiss(self.reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
