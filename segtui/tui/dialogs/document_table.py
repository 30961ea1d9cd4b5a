"""A dialog of Word documents in a table, one row each, with a line for what went wrong and key
hints below: the base of a template's documents (Setup) and a segment's (the Segment form).

A subclass says its heading, hints and columns, how the rows are read (in a worker) and how a row
is drawn; the actions on the row under the cursor are its own.
"""
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from segtui.tui.literal import literal, literal_title
from segtui.tui.services import run_service


class DocumentTableDialog(ModalScreen):
    """`ID` names the table (`{ID}-table`) and the message line (`{ID}-message`), `BOX` the
    box's style class."""

    ID = "documents"
    BOX = "documents-box"

    def __init__(self) -> None:
        super().__init__(classes="dialog")
        self.rows: list = []

    # --- what a subclass says ---------------------------------------------------------------

    def heading(self) -> str:
        raise NotImplementedError

    def hints(self) -> list[str]:
        raise NotImplementedError

    def columns(self) -> list[tuple[str, int]]:
        """(label, width) of each column."""
        raise NotImplementedError

    def read_rows(self) -> list:
        """The rows, read in a worker (no widget may be touched here)."""
        raise NotImplementedError

    def cells(self, row) -> list[str]:
        raise NotImplementedError

    # --- the table --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes=f"dialog-box {self.BOX}") as box:
            box.border_title = literal_title(self.heading())
            yield DataTable(cursor_type="row", id=f"{self.ID}-table")
            yield Static("", id=f"{self.ID}-message", markup=False)
            for hint in self.hints():
                yield Static(literal(hint), classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in self.columns():
            table.add_column(literal(label), width=width)
        table.focus()
        self.reload()

    def reload(self) -> None:
        run_service(self, self.read_rows, done=self._show,
                    failed=lambda message: self.say(message, error=True),
                    group=f"{self.ID}-read", exclusive=True)

    def _show(self, rows: list) -> None:
        self.rows = rows
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(*(literal(cell) for cell in self.cells(row)))
        table.move_cursor(row=min(cursor, max(len(rows) - 1, 0)))
        self.refresh_bindings()

    @property
    def current(self):
        """The row under the cursor, None in an empty table."""
        index = self.query_one(DataTable).cursor_row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one(f"#{self.ID}-message", Static)
        line.update(literal(message))
        line.set_class(error, "dialog-error")

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()
