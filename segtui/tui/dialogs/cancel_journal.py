"""The journal of cancels, un-cancels and deletions in the log, newest first, read-only."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from segtui.domain.journal.cancel_journal import journal_rows
from segtui.i18n import _, n_
from segtui.tui.literal import literal
from segtui.tui.services import run_service


def action_text(action: str) -> str:
    """The journal's action code in words."""
    words = {
        "cancel segment": _("Segment canceled"),
        "uncancel segment": _("Segment un-canceled"),
        "delete segment": _("Segment deleted"),
        "cancel entries": _("Entries canceled"),
        "uncancel entries": _("Entries un-canceled"),
        "delete entries": _("Entries deleted"),
    }
    return words.get(action, action)


def what_text(row: dict) -> str:
    """What the journal row is about: a logged segment's entry no., else the entry numbers."""
    if row["logged_segment_entry_no"]:
        return _("Log. segm. {entry}").format(entry=row["logged_segment_entry_no"])
    return row["entry_nos"]


class CancelJournalDialog(ModalScreen[None]):
    """Every journal row (when, who, what, how many) with the reason of the row under the
    cursor in full below; Escape or q closes."""

    BINDINGS = [
        Binding("escape,q", "close", _("Close"), id="cancel_journal.close"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box cancel-journal-box") as box:
            box.border_title = _("Journal of cancels")
            yield Static(_("Loading…"), id="cancel-journal-status", markup=False)
            yield DataTable(cursor_type="row", id="cancel-journal-table")
            yield Static("", id="cancel-journal-reason", markup=False)
            yield Static(_("↑↓ move · Esc or q closes"), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in ((_("When"), 16), (_("User"), 8), (_("Action"), 17),
                             (_("What"), 15), (_("No."), 4)):
            table.add_column(literal(label), width=width)
        table.focus()
        run_service(self, journal_rows, done=self._loaded, group="cancel-journal")

    def _loaded(self, rows: list[dict]) -> None:
        self.rows = rows[::-1]
        table = self.query_one(DataTable)
        for row in self.rows:
            table.add_row(*(literal(value, no_wrap=True, overflow="ellipsis") for value in (
                row["created_at"][:16], row["user_id"], action_text(row["action"]),
                what_text(row), str(row["no_of_entries"]))))
        status = self.query_one("#cancel-journal-status", Static)
        status.update(literal(n_("{count} row, newest first", "{count} rows, newest first",
                                 len(self.rows)) if self.rows
                              else _("Nothing has been canceled or deleted yet")))
        self._show_reason()

    @on(DataTable.RowHighlighted, "#cancel-journal-table")
    def _show_reason(self) -> None:
        row_index = self.query_one(DataTable).cursor_row
        text = ""
        if 0 <= row_index < len(self.rows):
            text = _("Reason: {reason}").format(reason=self.rows[row_index]["reason"])
        self.query_one("#cancel-journal-reason", Static).update(literal(text))

    def action_close(self) -> None:
        self.dismiss(None)
