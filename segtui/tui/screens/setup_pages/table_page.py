"""The page of any code table of `segtui.domain.setup.tables`, drawn from its spec alone."""
from segtui.domain.setup import tables as setup_tables
from segtui.i18n import _
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.screens.setup_pages.base import SetupPage
from segtui.tui.screens.setup_pages.record import RecordDialog
from segtui.tui.services import run_service
from segtui.tui.widgets.paged_table import CODE, PagedColumn

WIDTHS = {"bool": 5, "amount": 8, "date": 10, "number": 7, "option": 9}  # least widths


def table_columns(table: setup_tables.SetupTable) -> list[PagedColumn]:
    """The list's columns: codes as wide as they may be (up to 10), texts share the rest."""
    columns = []
    for attr in table.list_attrs:
        spec = table.field(attr)
        if spec.kind == "code":
            columns.append(PagedColumn(_(spec.label), attr, min(spec.length, 10), kind=CODE))
        elif spec.kind == "text":
            columns.append(PagedColumn(_(spec.label), attr, 12, grow=1))
        else:
            columns.append(PagedColumn(_(spec.label), attr, WIDTHS[spec.kind], kind=CODE,
                                       justify="right" if spec.kind in ("amount", "number")
                                       else "left"))
    return columns


class TablePage(SetupPage):
    """A code table: n creates a record, Enter edits one, d deletes one (refused when in use)."""

    def __init__(self, table_name: str) -> None:
        self.spec = setup_tables.setup_table(table_name)
        super().__init__(f"setup-{table_name}", table_columns(self.spec))

    def make_source(self, filter_text: str) -> setup_tables.RecordPageSource:
        return setup_tables.RecordPageSource(self.spec.name, filter_text)

    @property
    def highlighted_key(self) -> str | None:
        row = self.highlighted_row
        return None if row is None else getattr(row, self.spec.key.attr)

    def new(self) -> None:
        self.app.push_screen(RecordDialog(self.spec.name), self._record_closed)

    def edit(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.app.push_screen(RecordDialog(self.spec.name, key), self._record_closed)

    def _record_closed(self, key: str | None) -> None:
        if key is not None:
            self.reload()

    def delete(self) -> None:
        key = self.highlighted_key
        if key is None:
            return
        question = _("Delete {record} {key}?").format(record=_(self.spec.record_name), key=key)

        def answered(delete: bool | None) -> None:
            if delete:
                run_service(self, setup_tables.delete_record, self.spec.name, key,
                            done=self._deleted, group="setup-write")

        self.app.push_screen(ConfirmDialog(question, default=False), answered)

    def _deleted(self, _result: None) -> None:
        self.reload()
