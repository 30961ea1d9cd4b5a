"""A long text to read, not to edit: a letter preview and the like, shown exactly as it is
(its hidden characters drawn visibly, segtui.tui.literal)."""
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from segtui.domain.documents import merge_letters
from segtui.i18n import _
from segtui.tui.literal import literal, literal_title, printable_lines
from segtui.tui.services import run_service


class TextViewDialog(ModalScreen[None]):
    """Shows `text` read-only and scrollable (arrows, page keys); Escape or q closes."""

    BINDINGS = [
        Binding("escape,q", "close", _("Close"), id="text_view.close", priority=True),
    ]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__(classes="dialog")
        self.view_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box text-view-box") as box:
            box.border_title = literal_title(self.view_title)
            yield Static("", id="text-view-message", markup=False)
            yield TextArea(printable_lines(self.text), id="text-view", read_only=True,
                           soft_wrap=True, show_cursor=False)
            yield Static(_("↑↓ PgUp PgDn scroll · Esc or q closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def show_text(self, text: str) -> None:
        self.text = text
        self.query_one(TextArea).load_text(printable_lines(text))

    def show_message(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#text-view-message", Static)
        line.update(literal(message))
        line.set_class(bool(message), "shown")
        line.set_class(error, "dialog-error")

    def action_close(self) -> None:
        self.dismiss(None)


class PreviewDialog(TextViewDialog):
    """The merged letter of one line as plain text (or why there is none)."""

    def __init__(self, segment_no: str, line_no: int) -> None:
        super().__init__(_("Letter · line {line} of segment {no}").format(
            line=line_no, no=segment_no))
        self.segment_no = segment_no
        self.line_no = line_no

    def on_mount(self) -> None:
        """(TextViewDialog's on_mount runs too: Textual calls the handler of every class.)"""
        self.show_message(_("Merging the letter…"))
        run_service(self, merge_letters.preview, self.segment_no, self.line_no, done=self._loaded,
                    failed=lambda message: self.show_message(message, error=True),
                    group="preview")

    def _loaded(self, text: str) -> None:
        self.show_message("")
        self.show_text(text)
