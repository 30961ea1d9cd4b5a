"""What every setup page is: a filter line over a paged list, whose actions the screen calls."""
from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Static

from segtui.domain.paging import PageSource
from segtui.i18n import _
from segtui.tui.literal import literal
from segtui.tui.quiet import after_quiet
from segtui.tui.widgets.paged_table import PagedColumn, PagedTable
from segtui.tui.widgets.form_input import FormInput

FILTER_DELAY = 0.3  # seconds of quiet typing before the filter is applied


class SetupPage(Vertical):
    """A list with a filter; subclasses give the rows (`make_source`) and the actions."""

    can_create = True
    can_show_documents = False

    def __init__(self, page_id: str, columns: Sequence[PagedColumn]) -> None:
        super().__init__(id=page_id, classes="setup-page")
        self.columns = columns
        self._timer = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="setup-bar"):
            yield Label(_("Filter:"), classes="setup-filter-label")
            yield FormInput(placeholder=_("code or description"), classes="setup-filter",
                        compact=True)
            yield Static(_("Loading…"), classes="setup-status", markup=False)
        yield PagedTable(self.columns, page_size=100, classes="setup-table")

    def make_source(self, filter_text: str) -> PageSource:
        raise NotImplementedError

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one(".setup-filter", Input)

    @property
    def highlighted_row(self):
        return self.table.highlighted_row

    def load(self) -> None:
        """Read the list the first time the page is shown."""
        if self.table.source is None:
            self.table.set_source(self.make_source(""))

    def reload(self) -> None:
        self.table.reload()

    def focus_list(self) -> None:
        self.table.focus()

    def focus_filter(self) -> None:
        self.filter_input.focus()

    @property
    def filter_active(self) -> bool:
        return bool(self.filter_input.value) or self.filter_input.has_focus

    def clear_filter(self) -> None:
        self.filter_input.value = ""
        self._apply_filter()
        self.table.focus()

    def new(self) -> None:
        """Create a record (pages that can)."""

    def edit(self) -> None:
        """Open the highlighted record."""

    def delete(self) -> None:
        """Delete the highlighted record, after asking."""

    @on(Input.Changed, ".setup-filter")
    def _filter_typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = after_quiet(self, FILTER_DELAY, self._apply_filter)

    @on(Input.Submitted, ".setup-filter")
    def _filter_submitted(self) -> None:
        self._apply_filter()
        self.table.focus()

    def _apply_filter(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = self.filter_input.value.strip()
        source = self.table.source
        if source is None or text != source.filter_text:
            self.table.set_source(self.make_source(text))

    @on(PagedTable.StatusChanged)
    def _status(self, event: PagedTable.StatusChanged) -> None:
        self.query_one(".setup-status", Static).update(literal(event.status))
        self.screen.refresh_bindings()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.edit()
