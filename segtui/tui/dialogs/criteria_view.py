"""The criteria of a segment, read-only: each action with its options, origin and filters."""
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from segtui.domain.segments.queries import criteria_rows
from segtui.i18n import _
from segtui.tui.literal import Literal, literal, literal_title
from segtui.tui.services import run_service


def criteria_text(rows: list[dict]) -> Literal:
    """One block per criteria action: its head line, then its options and filters indented."""
    text = Literal()
    for row in rows:
        if row["type"] == "Action":
            if text:
                text.line_break()
            text.append(f"#{row['action_no']} {_(row['action'])}", style="bold")
            stamp = " · ".join(str(part) for part in (
                _(row["origin"]), row["user_id"], row.get("created_at") or "") if part)
            text.append(f"  {stamp}", style="dim").line_break()
            if row["options"]:
                text.append("   " + _("Options: ") + row["options"], style="italic").line_break()
        else:
            # the filter as read: a profile answer as "Question: Answer" (S-18)
            text.append("   " + row["filter_text"]).line_break()
    return text


class CriteriaViewDialog(ModalScreen[None]):
    """Lists the criteria actions of a segment in order; Escape or q closes."""

    BINDINGS = [
        Binding("escape,q", "close", _("Close"), id="criteria_view.close"),
    ]

    def __init__(self, segment_no: str) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box criteria-view-box") as box:
            box.border_title = literal_title(_("Criteria of segment {no}").format(
                no=self.segment_no))
            with VerticalScroll(id="criteria-view-scroll"):
                yield Static(_("Loading…"), id="criteria-view", markup=False)
            yield Static(_("↑↓ scroll · Esc closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#criteria-view-scroll").focus()
        run_service(self, criteria_rows, self.segment_no, done=self._show,
                    failed=self._failed, group="criteria-view")

    def _show(self, rows: list[dict]) -> None:
        self.query_one("#criteria-view", Static).update(
            literal(criteria_text(rows)) if rows else _("This segment has no criteria actions."))

    def _failed(self, message: str) -> None:
        view = self.query_one("#criteria-view", Static)
        view.update(literal(message))
        view.add_class("dialog-error")

    def action_close(self) -> None:
        self.dismiss(None)
