"""The comment sheet of one interaction log entry: its comments, and a line to add one."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from segtui.domain.journal import interaction_log
from segtui.i18n import _
from segtui.tui.literal import Literal, literal, literal_title
from segtui.tui.services import run_service
from segtui.tui.widgets.form_input import FormInput


def comment_text(comments: list[dict]) -> Literal:
    """The comments one a line, dated where the day's first comment carries the date."""
    if not comments:
        return literal(_("No comments yet."), style="dim")
    text = Literal()
    for number, comment in enumerate(comments):
        if number:
            text.line_break()
        text.append(f"{comment['date'] or '':<10}  ", style="dim")
        text.append(comment["comment"])
    return text


class CommentsDialog(ModalScreen[int]):
    """Lists entry `entry_no`'s comments; Enter adds the one typed. Dismisses with how many
    comments were added."""

    BINDINGS = [
        Binding("escape", "close", _("Close"), id="comments.close"),
    ]

    def __init__(self, entry_no: int) -> None:
        super().__init__(classes="dialog")
        self.entry_no = entry_no
        self.added = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box comments-box") as box:
            box.border_title = literal_title(_("Comments · entry {no}").format(no=self.entry_no))
            with VerticalScroll(id="comments-scroll"):
                yield Static(_("Loading…"), id="comments-list", markup=False)
            with Horizontal(classes="field-line"):
                yield Label(_("New comment"), classes="field-label")
                yield FormInput(id="comments-input", max_length=80, compact=True,
                            classes="field-editor")
            yield Static("", id="comments-message", classes="dialog-error", markup=False)
            yield Static(_("Enter adds the comment · Esc closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.reload()

    def reload(self) -> None:
        run_service(self, interaction_log.comments, self.entry_no, done=self._show,
                    failed=self._say, group="comments-read", exclusive=True)

    def _show(self, comments: list[dict]) -> None:
        self.query_one("#comments-list", Static).update(literal(comment_text(comments)))
        self.query_one("#comments-scroll").scroll_end(animate=False)

    def _say(self, message: str) -> None:
        self.query_one("#comments-message", Static).update(literal(message))

    @on(Input.Changed)
    def _typed(self) -> None:
        self._say("")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        run_service(self, interaction_log.add_comment, self.entry_no, event.value,
                    done=self._added, failed=self._say, group="comments-write")

    def _added(self, _line_no: int) -> None:
        self.added += 1
        self.query_one(Input).value = ""
        self.reload()

    def action_close(self) -> None:
        self.dismiss(self.added)
