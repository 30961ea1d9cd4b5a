"""The Segments screen: the open segments with their no. of lines, a filter, new / open / delete.

It is the first screen: what only its actions need (the segment service, the export dialog, the
Segment form) is imported when an action runs, not at start-up.
"""
from typing import NamedTuple

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from segtui.domain.segments.open_segments import SEGMENT_LIST, list_segments
from segtui.i18n import _
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.literal import literal, printable
from segtui.tui.services import run_service
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.navigation import Navigation
from segtui.tui.widgets.paged_table import CODE, PagedColumn, fit_columns, show_row
from segtui.tui.widgets.title_bar import TitleBar
from segtui.tui.widgets.form_input import FormInput


class SegmentRow(NamedTuple):
    """One line of the list, as plain values."""
    no: str
    description: str
    salesperson: str
    date: str
    campaign: str
    lines: int


def segment_rows(values: list[dict]) -> list[SegmentRow]:
    """The rows of `segment_queries.list_segments()`."""
    return [SegmentRow(value["segment_no"], value["description"] or "",
                       value["salesperson_code"], value["date"], value["campaign_no"],
                       value["no_of_lines"]) for value in values]


def filter_segments(rows: list[SegmentRow], text: str) -> list[SegmentRow]:
    """The rows whose number or description holds `text`, ignoring case ("" keeps them all)."""
    needle = text.strip().casefold()
    return [row for row in rows
            if needle in row.no.casefold() or needle in row.description.casefold()]


def line_count(row: SegmentRow) -> str:
    """The row's no. of lines as shown: with thousands separators."""
    return f"{row.lines:,}"


def segment_columns() -> list[PagedColumn]:
    """The columns of the list, most important first (the last ones give way first)."""
    return [
        PagedColumn(_("No."), "no", 8, kind=CODE),
        PagedColumn(_("Description"), "description", 20, grow=1),  # before a campaign
        PagedColumn(_("Lines"), "lines", 5, kind=CODE, justify="right"),
        PagedColumn(_("Date"), "date", 10, kind=CODE),
        PagedColumn(_("Salesp."), "salesperson", 0, kind=CODE),
        PagedColumn(_("Campaign"), "campaign", 0, kind=CODE),
    ]


def cell_text(row: SegmentRow, column: PagedColumn) -> str:
    """The text of `row` under `column`: the no. of lines with thousands separators."""
    return line_count(row) if column.attribute == "lines" else getattr(row, column.attribute)


class SegmentTable(DataTable, inherit_bindings=False):
    """The segment rows; Enter is left to the screen, which opens the segment."""

    BINDINGS = [
        Binding("down,j", "cursor_down", _("Down"), show=False, id="table.down"),
        Binding("up,k", "cursor_up", _("Up"), show=False, id="table.up"),
        Binding("pagedown,ctrl+f", "page_down", _("Page down"), show=False,
                id="table.page_down"),
        Binding("pageup,ctrl+b", "page_up", _("Page up"), show=False, id="table.page_up"),
        Binding("home,g,ctrl+home", "scroll_top", _("First"), show=False, id="table.first"),
        Binding("end,G,ctrl+end", "scroll_bottom", _("Last"), show=False, id="table.last"),
        Binding("w", "show_row", _("Whole row"), show=False, id="table.show_row"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.rows_shown: list[SegmentRow] = []
        self._columns = segment_columns()
        self._widths: dict[str, int] = {}
        self._fitted: list[PagedColumn] = []
        self._fitted_width = -1

    @property
    def highlighted_row(self) -> SegmentRow | None:
        """The segment under the cursor, or None when the list is empty."""
        if 0 <= self.cursor_row < len(self.rows_shown):
            return self.rows_shown[self.cursor_row]
        return None

    @property
    def paged_columns(self) -> list[PagedColumn]:
        return self._columns

    def action_show_row(self) -> None:
        """Every column of the segment under the cursor, whole, in a dialog."""
        show_row(self, self.highlighted_row, lambda row: [
            (column.label, cell_text(row, column)) for column in self._columns],
            _("Row {row:,} of {total:,}").format(row=self.cursor_row + 1,
                                                 total=len(self.rows_shown)))

    def show(self, rows: list[SegmentRow]) -> None:
        """Show `rows`, keeping the cursor on the same segment when it is still there."""
        current = self.highlighted_row
        index = self.cursor_row
        self.rows_shown = rows
        if current is not None:
            index = next((i for i, row in enumerate(rows) if row.no == current.no), index)
        widths = {column.attribute: max((cell_len(printable(cell_text(row, column)))
                                         for row in rows), default=0)
                  for column in self._columns}
        if widths != self._widths:  # a number or code is never cut short
            self._widths = widths
            self._fit(index)
        else:
            self._fill(index)

    def on_resize(self) -> None:
        """Fit the columns to the width: spare width widens Description, too little drops some."""
        width = self.scrollable_content_region.width
        if width != self._fitted_width:
            self._fit(self.cursor_row)

    def _fit(self, index: int) -> None:
        self._fitted_width = self.scrollable_content_region.width
        fitted = fit_columns(self._columns, self._fitted_width, self.cell_padding,
                             self._widths)
        self._fitted = [column for column, _width in fitted]
        self.clear(columns=True)
        for column, column_width in fitted:
            self.add_column(literal(column.label), width=column_width, key=column.attribute)
        self._fill(index)

    def _fill(self, index: int) -> None:
        self.clear()
        for row in self.rows_shown:
            self.add_row(*(literal(cell_text(row, column), no_wrap=True, overflow="ellipsis",
                                   justify=column.justify)
                           for column in self._fitted), key=row.no)
        self.move_cursor(row=min(index, max(len(self.rows_shown) - 1, 0)))


class SegmentsScreen(Screen):
    """All open segments in number order; Enter opens one, n creates one, d deletes one."""

    COMMAND_AREA = _("segments")
    AUTO_FOCUS = "#segments-table"
    BINDINGS = [
        Binding("enter", "open_segment", _("Open"), id="segments.open"),
        Binding("n,insert", "new_segment", _("New segment"), id="segments.new"),
        Binding("d,delete", "delete_segment", _("Delete segment"), id="segments.delete"),
        Binding("slash", "focus_filter", _("Filter"), id="segments.filter"),
        Binding("escape", "clear_filter", _("Clear filter"), id="segments.clear_filter"),
        Binding("r,f5", "reload", _("Reload"), show=False, id="segments.reload"),
        Binding("E", "export_list", _("Export list"), show=False, id="segments.export_list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[SegmentRow] | None = None  # None until the first load arrives

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield Navigation("segments", self.app.MODES, id="navigation")
            with Vertical(id="segments"):
                with Horizontal(id="segments-bar"):
                    yield Label(_("Filter:"), id="segments-filter-label")
                    yield FormInput(placeholder=_("number or description"),
                                id="segments-filter", compact=True)
                    yield Static(_("Loading…"), id="segments-status", markup=False)
                yield SegmentTable(id="segments-table")
                yield Static("", id="segments-empty", markup=False)
        yield KeyBar()

    def on_screen_resume(self) -> None:
        """Read the list again: a segment may have been logged or deleted in its form."""
        self.action_reload()

    @property
    def table(self) -> SegmentTable:
        return self.query_one(SegmentTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#segments-filter", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_segment", "delete_segment"):
            return self.table.highlighted_row is not None
        if action == "clear_filter":
            return bool(self.filter_input.value) or self.focused is self.filter_input
        return True

    # --- actions ----------------------------------------------------------------------------

    def action_reload(self) -> None:
        first = self.app.take_first_segments()
        if first is not None and first.ready:
            self._loaded(first.result())  # read while the app was loading: the first frame has rows
            return
        run_service(self, first.result if first else list_segments, done=self._loaded,
                    group="segments-list", exclusive=True)

    def _open(self, segment_no: str) -> None:
        """The Segment form (its module, with all its dialogs, is read on first use)."""
        from segtui.tui.screens.segment_form import SegmentFormScreen

        self.app.push_screen(SegmentFormScreen(segment_no))

    def action_export_list(self) -> None:
        """The segments the filter shows, in the order shown, with every column of the header
        as `segment list` gives them (K6), to a CSV, JSON or Excel file."""
        from segtui.tui.dialogs.export_list import ListExport, export_list

        shown = [row.no for row in self.table.rows_shown]

        def read() -> tuple[tuple[str, ...], list[dict]]:
            by_no = {row["segment_no"]: row for row in list_segments()}
            return SEGMENT_LIST.keys, [by_no[no] for no in shown if no in by_no]

        export_list(self, ListExport(_("Segments"), "segments", read, lambda: len(shown)))

    def action_open_segment(self) -> None:
        row = self.table.highlighted_row
        if row is not None:
            self._open(row.no)

    def action_new_segment(self) -> None:
        from segtui.domain.segments import headers as segments

        run_service(self, segments.create_segment, user=self.app.settings.user,
                    done=self._created, group="segments-write")

    def action_delete_segment(self) -> None:
        row = self.table.highlighted_row
        if row is None:
            return
        question = _("Delete segment {no} ({lines} lines)?").format(no=row.no, lines=row.lines)

        def answered(delete: bool | None) -> None:
            from segtui.domain.segments import headers as segments

            if delete:
                run_service(self, segments.delete_segment, row.no, done=self._deleted,
                            group="segments-write")

        self.app.push_screen(ConfirmDialog(question, default=False), answered)

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        """Drop the filter and go back to the whole list."""
        self.filter_input.value = ""
        self._show()
        self.table.focus()

    # --- results ----------------------------------------------------------------------------

    def _loaded(self, values: list[dict]) -> None:
        self.all_rows = segment_rows(values)
        self._show()

    def _created(self, segment_no: str) -> None:
        self.action_reload()
        self._open(segment_no)

    def _deleted(self, _result: None) -> None:
        self.action_reload()

    def _show(self) -> None:
        if self.all_rows is None:
            return
        rows = filter_segments(self.all_rows, self.filter_input.value)
        self.table.show(rows)
        empty = self.query_one("#segments-empty", Static)
        if not self.all_rows:
            empty.update(_("No segments yet — press n to create one"))
        elif not rows:
            empty.update(_("No segment matches the filter"))
        self.query_one("#segments").set_class(not rows, "-empty")
        self._show_status()
        self.refresh_bindings()

    def _show_status(self) -> None:
        rows = self.table.rows_shown
        if self.all_rows is None:
            text = _("Loading…")
        elif not rows:
            text = _("No rows")
        else:
            text = _("Row {row:,} of {total:,}").format(row=self.table.cursor_row + 1,
                                                        total=len(rows))
        self.query_one("#segments-status", Static).update(literal(text))

    # --- events -----------------------------------------------------------------------------

    @on(DataTable.RowHighlighted, "#segments-table")
    def _moved(self) -> None:
        self._show_status()
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#segments-table")
    def _clicked(self) -> None:
        self.action_open_segment()

    @on(Input.Changed, "#segments-filter")
    def _filter_typed(self) -> None:
        self._show()

    @on(Input.Submitted, "#segments-filter")
    def _filter_submitted(self) -> None:
        self.table.focus()

    @on(Navigation.Opened)
    def _open_section(self, event: Navigation.Opened) -> None:
        if event.section == "segments":
            event.stop()
            self.table.focus()
