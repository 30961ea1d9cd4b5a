"""The card of one record of a code table: a new one created at once, or one edited field by
field (each field saved when finished), drawn from the table's spec."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from segtui.domain.setup import tables as setup_tables
from segtui.i18n import _
from segtui.tui.literal import literal, literal_title
from segtui.tui.services import run_service
from segtui.tui.widgets.field_row import FieldRow, FormField
from segtui.tui.widgets.field_saving import FieldSaving

ROW_KINDS = {"number": "text"}  # setup kinds FieldRow has no editor of its own for


def form_field(spec: setup_tables.SetupField, *, read_only: bool = False) -> FormField:
    kind = "info" if read_only else ROW_KINDS.get(spec.kind, spec.kind)
    return FormField(spec.attr, _(spec.label), kind, spec.lookup, spec.options)


class RecordDialog(FieldSaving, ModalScreen[str | None]):
    """Without a key, creates a record (ctrl+s); with one, edits it. Dismisses with the key of
    the record created or changed, or None when nothing was.

    Escape saves the field being edited first; when that is refused the card stays open with
    the message, and a second Escape closes without it.
    """

    BINDINGS = [
        Binding("ctrl+s", "create", _("Create"), id="record.create"),
        Binding("escape", "close", _("Close"), id="record.close"),
    ]

    def __init__(self, table_name: str, key: str | None = None) -> None:
        super().__init__(classes="dialog")
        self.spec = setup_tables.setup_table(table_name)
        self.key = key

    @property
    def creating(self) -> bool:
        return self.key is None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box record-box") as box:
            title = _(self.spec.title)
            box.border_title = literal_title(_("New · {title}").format(title=title)
                                             if self.creating else f"{title} · {self.key}")
            yield Static("", id="record-error", classes="dialog-error", markup=False)
            with VerticalScroll(id="record-fields"):
                for spec in self.spec.fields:
                    read_only = spec is self.spec.key and not self.creating
                    yield FieldRow(form_field(spec, read_only=read_only),
                                   id=f"record-{spec.attr}")
            yield Static(_("Tab next field · F4 lookup · ctrl+s creates · Esc cancels")
                         if self.creating else
                         _("Enter saves a field · F4 lookup · Esc closes"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        rows = list(self.query(FieldRow))
        rows[0 if self.creating or len(rows) == 1 else 1].editor.focus()
        if not self.creating:
            self.reload()

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "create":
            return self.creating
        return True

    def reload(self) -> None:
        run_service(self, setup_tables.get_record, self.spec.name, self.key, done=self._show,
                    failed=self._say, group="record-read", exclusive=True)

    def _show(self, values: dict) -> None:
        for row in self.query(FieldRow):
            row.show(values[row.spec.attr])

    def _say(self, message: str) -> None:
        error = self.query_one("#record-error", Static)
        error.update(literal(message))
        error.set_class(bool(message), "shown")

    # --- creating ---------------------------------------------------------------------------

    def action_create(self) -> None:
        if not self.creating or self._saving:
            return
        values = {row.spec.attr: row.text for row in self.query(FieldRow)}
        self._saving += 1

        def refused(message: str) -> None:
            self._saving -= 1
            self._say(message)

        run_service(self, setup_tables.create_record, self.spec.name, values,
                    done=self.dismiss, failed=refused, group="record-write")

    # --- editing ----------------------------------------------------------------------------

    @on(FieldRow.Edited)
    def _edited(self, event: FieldRow.Edited) -> None:
        event.stop()
        if self.creating:
            self._say("")
        else:
            self.field_edited(event.row, event.text)

    def write_field(self, row: FieldRow, text: str, done, failed) -> None:
        run_service(self, setup_tables.update_field, self.spec.name, self.key, row.spec.attr,
                    text, done=done, failed=failed, group="record-write")

    def left(self) -> None:
        self.dismiss(self.key if self.changed else None)

    def action_close(self) -> None:
        if self.creating:
            self.dismiss(None)
        else:
            self.leave()
