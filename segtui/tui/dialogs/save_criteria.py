"""Save a segment's criteria under a code, to reuse on another segment (M-22, C6 … C8)."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from segtui.domain.segments.saved_criteria import save_criteria
from segtui.i18n import _
from segtui.tui.literal import literal, literal_title
from segtui.tui.services import run_service
from segtui.tui.widgets.form_input import FormInput


class SaveCriteriaDialog(ModalScreen[str | None]):
    """Asks for a code and a description; dismisses with the saved code, or None."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="save_criteria.cancel"),
        Binding("ctrl+s", "save", _("Save"), id="save_criteria.save"),
    ]

    def __init__(self, segment_no: str) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box save-criteria-box") as box:
            box.border_title = literal_title(_("Save the criteria of segment {no}").format(
                no=self.segment_no))
            with Horizontal(classes="field-line"):
                yield Label(_("Code"), classes="field-label")
                yield FormInput(compact=True, max_length=10, id="save-criteria-code",
                            classes="field-editor")
            yield Static("", id="save-criteria-message", classes="dialog-error", markup=False)
            with Horizontal(classes="field-line"):
                yield Label(_("Description"), classes="field-label")
                yield FormInput(compact=True, max_length=50, id="save-criteria-description",
                            classes="field-editor")
            yield Static(_("Enter or ctrl+s saves · Esc cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#save-criteria-code", Input).focus()

    def _say(self, message: str) -> None:
        self._busy = False
        line = self.query_one("#save-criteria-message", Static)
        line.update(literal(message))
        line.set_class(bool(message), "shown")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._busy:
            return
        self._say("")
        self._busy = True
        run_service(self, save_criteria, self.segment_no,
                    self.query_one("#save-criteria-code", Input).value,
                    user=self.app.settings.user,
                    description=self.query_one("#save-criteria-description", Input).value,
                    done=self.dismiss, failed=self._say, group="save-criteria")

    def action_cancel(self) -> None:
        self.dismiss(None)
