"""A table over a list too long to load: it holds a window of a few pages, fetched by keyset.

The rows come from a page source (segtui.domain.paging: `first`, `after`, `before`, `last`,
`count`), so the same widget serves contacts, segment lines and interaction log entries. Moving
the cursor past an edge of the window fetches the next or previous page in a thread worker and
slides the window; the total is counted by a worker of its own and may arrive later. Cells are
literal text (segtui.tui.literal).
"""
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from peewee import PeeweeException
from rich.cells import cell_len
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable
from textual.worker import get_current_worker

from segtui.domain.errors import DomainError
from segtui.domain.paging import PageSource
from segtui.i18n import _
from segtui.domain.session import connection_context
from segtui.tui.literal import Literal, literal, printable
from segtui.tui.shown_values import shown

CODE = "code"
"""A column of codes or numbers (a contact no., an entry no., a date, an option label): never
cut, as wide as its longest value."""
TEXT = "text"
"""A column of free text (a name, a description): shares what the codes leave, may be cut."""


@dataclass(frozen=True)
class PagedColumn:
    """A column: heading, the row attribute shown, least width, share of the spare width.

    `kind` CODE sizes the column to the longest of its heading, `min_width` (the widest value
    the domain knows of, e.g. the longest option label) and the values seen; it is dropped
    rather than cut. `priority` orders which columns stay when not all fit (lower first; None:
    the column's place in the list); the columns keep their order on the screen."""
    label: str
    attribute: str
    min_width: int
    grow: int = 0
    translated: bool = False  # an option label or other stored English word, shown translated
    kind: str = TEXT
    priority: int | None = None
    justify: str = "left"

    @property
    def whole(self) -> bool:
        """True when a value is never cut (a code or a number)."""
        return self.kind == CODE


def column_width(column: PagedColumn, widths: Mapping[str, int]) -> int:
    """The least width of `column`: a code's longest value or heading; a text's `min_width`, or
    less once its values are known to be shorter (a column of blanks, a company name on a page
    of persons without one, gives its cells to the names beside it), never less than its
    heading."""
    if column.whole:
        return max(column.min_width, cell_len(column.label), widths.get(column.attribute, 0))
    if column.attribute in widths:
        return max(cell_len(column.label), min(column.min_width, widths[column.attribute]))
    return column.min_width


def fit_columns(columns: Sequence[PagedColumn], available: int, padding: int,
                widths: Mapping[str, int] | None = None) -> list[tuple[PagedColumn, int]]:
    """The columns that fit in `available` cells, most important first, in their order, with the
    spare cells shared out.

    `widths` holds the widest value seen of a column (by attribute), once its values have been
    seen (a text column of shorter values is narrower than its `min_width`). A code column is
    as wide as its widest value; the first column that does not fit is left out, with all less
    important ones. The spare cells first widen the text columns towards their widest value
    seen (shared by `grow`), then go to the growing columns by their `grow`."""
    widths = widths or {}
    ranked = sorted(range(len(columns)), key=lambda index: (
        index if columns[index].priority is None else columns[index].priority, index))
    chosen: set[int] = set()
    used = 0
    for index in ranked:
        needed = column_width(columns[index], widths) + 2 * padding
        if chosen and used + needed > available:
            break  # the less important ones give way, even a narrow one that would fit
        chosen.add(index)
        used += needed
    order = sorted(chosen)
    result = {index: column_width(columns[index], widths) for index in order}
    spare = max(0, available - used)
    spare = _widen_to_widest([index for index in ranked if index in chosen], columns, widths,
                             result, spare)
    growing = [index for index in order if columns[index].grow]
    # a text column wider than every value seen (a blank company) wants no more while another
    # one is filled by its values
    growing = [index for index in growing if columns[index].whole
               or widths.get(columns[index].attribute, result[index]) >= result[index]
               ] or growing
    if growing and spare:
        shares = sum(columns[index].grow for index in growing)
        given = 0
        for index in growing:
            share = spare * columns[index].grow // shares
            result[index] += share
            given += share
        result[growing[0]] += spare - given
    return [(columns[index], result[index]) for index in order]


def _widen_to_widest(chosen: list[int], columns: Sequence[PagedColumn],
                     widths: Mapping[str, int], result: dict[int, int], spare: int) -> int:
    """Share `spare` cells among the text columns narrower than their widest value seen, by
    their `grow` (at least 1), none beyond its widest value; the cells left over."""
    while spare:
        wanting = [index for index in chosen if not columns[index].whole
                   and widths.get(columns[index].attribute, 0) > result[index]]
        if not wanting:
            break
        shares = sum(max(1, columns[index].grow) for index in wanting)
        given = 0
        for index in wanting:
            share = max(1, spare * max(1, columns[index].grow) // shares)
            share = min(share, spare - given,
                        widths[columns[index].attribute] - result[index])
            result[index] += share
            given += share
        spare -= given
    return spare


def show_row(table: DataTable, row: Any, fields: Callable[[Any], list[tuple[str, str]]],
             title: str) -> None:
    """Open the dialog of `row` (every column, whole) over `table`'s screen; None: no row."""
    if row is None:
        return
    from segtui.tui.dialogs.row_view import RowDialog  # read on first use

    table.app.push_screen(RowDialog(title, fields(row)))


@dataclass(frozen=True, eq=False)
class _PageRequest:
    """A page wanted from a source: `kind` is first, after, before or last."""
    source: PageSource
    kind: str
    key: Any = None

    def fetch(self, limit: int) -> list[Any]:
        if self.kind == "from":  # the window again, from its first row on
            previous = self.source.before(self.key, 1)
            if not previous:
                return self.source.first(limit)
            return self.source.after(self.source.key(previous[0]), limit)
        if self.kind in ("after", "before"):
            return getattr(self.source, self.kind)(self.key, limit)
        return getattr(self.source, self.kind)(limit)


class _PageLoaded(Message, bubble=False):
    def __init__(self, request: _PageRequest, rows: list[Any]) -> None:
        super().__init__()
        self.request = request
        self.rows = rows


class _PageFailed(Message, bubble=False):
    def __init__(self, request: _PageRequest, error: Exception) -> None:
        super().__init__()
        self.request = request
        self.error = error


class _Counted(Message, bubble=False):
    def __init__(self, source: PageSource, total: int) -> None:
        super().__init__()
        self.source = source
        self.total = total


class PagedTable(DataTable):
    """A row-cursor table that pages through a `PageSource`, a window of pages at a time."""

    BINDINGS = [
        Binding("down,j", "cursor_down", _("Down"), show=False, id="table.down"),
        Binding("up,k", "cursor_up", _("Up"), show=False, id="table.up"),
        Binding("pagedown,ctrl+f", "page_down", _("Page down"), show=False, id="table.page_down"),
        Binding("pageup,ctrl+b", "page_up", _("Page up"), show=False, id="table.page_up"),
        Binding("home,g,ctrl+home", "first", _("First"), show=False, id="table.first"),
        Binding("end,G,ctrl+end", "last", _("Last"), show=False, id="table.last"),
        Binding("w", "show_row", _("Whole row"), show=False, id="table.show_row"),
    ]

    class StatusChanged(Message):
        """The position text changed, e.g. "Row 57 of 1,000,000"."""

        def __init__(self, table: "PagedTable", status: str) -> None:
            super().__init__()
            self.table = table
            self.status = status

        @property
        def control(self) -> "PagedTable":
            return self.table

    def __init__(self, columns: Sequence[PagedColumn], *, page_size: int = 100,
                 window_pages: int = 3, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.paged_columns = tuple(columns)
        self.page_size = page_size
        self.window_size = page_size * window_pages
        self._shown_columns: list[PagedColumn] = []
        self._fitted_width = -1
        self._widths: dict[str, int] = {}  # the widest value seen of each column, by attribute
        self._source: PageSource | None = None
        self._rows: list[Any] = []
        self._head: int | None = 0  # rows before the window; None: not known
        self._tail: int | None = 0  # rows after the window; None: not known
        self._total: int | None = None
        self._request: _PageRequest | None = None
        self._then: Callable[[], None] | None = None

    # --- public -----------------------------------------------------------------------------

    @property
    def source(self) -> PageSource | None:
        return self._source

    @property
    def window(self) -> list[Any]:
        """The rows loaded now, in order."""
        return list(self._rows)

    @property
    def highlighted_row(self) -> Any | None:
        """The row under the cursor, or None when the table is empty."""
        if 0 <= self.cursor_row < len(self._rows):
            return self._rows[self.cursor_row]
        return None

    @property
    def is_loading(self) -> bool:
        """True while a page is on its way or a key press waits for one."""
        return self._request is not None or self._then is not None

    @property
    def total(self) -> int | None:
        """How many rows the source holds, once counted."""
        return self._total

    def set_source(self, source: PageSource) -> None:
        """Show `source` from its first row (the table stays empty until that page arrives)."""
        self._source = source
        self._rows, self._head, self._tail, self._total = [], 0, 0, None
        self._fetch(_PageRequest(source, "first"))
        self._count(source)
        self._show_rows(0, 0)

    def reload(self) -> None:
        """Read the rows shown again (after a change), keeping the cursor on its row."""
        if self._source is None:
            return
        if not self._rows:
            self.set_source(self._source)
            return
        self._fetch(_PageRequest(self._source, "from", self._source.key(self._rows[0])))
        self._count(self._source)

    def status_text(self) -> str:
        """Where the cursor is: "Row 57 of 1,000,000", or "Row 57 of …" while counting."""
        if self._source is None or (self._request is not None and not self._rows):
            return _("Loading…")
        if not self._rows:
            return _("No rows")
        start = self._head
        if start is None and self._tail is not None and self._total is not None:
            start = self._total - self._tail - len(self._rows)
        if start is None:
            from_end = len(self._rows) - self.cursor_row + (self._tail or 0)
            return _("Row {row:,} from the end").format(row=from_end)
        row = start + self.cursor_row + 1
        if self._total is None:
            return _("Row {row:,} of …").format(row=row)
        return _("Row {row:,} of {total:,}").format(row=row, total=self._total)

    # --- keys -------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        if self.cursor_row >= len(self._rows) - 1 and self._tail != 0:
            self._extend("after", self.action_cursor_down)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0 and self._head != 0:
            self._extend("before", self.action_cursor_up)
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if self.cursor_row + self._page_height() >= len(self._rows) - 1 and self._tail != 0:
            self._extend("after", self.action_page_down)
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        if self.cursor_row - self._page_height() < 0 and self._head != 0:
            self._extend("before", self.action_page_up)
        else:
            super().action_page_up()

    def action_show_row(self) -> None:
        """Every column of the row under the cursor, whole, in a dialog."""
        show_row(self, self.highlighted_row, self.row_fields, self.status_text())

    def action_first(self) -> None:
        """Go to the first row: in the window when it holds it, else fetched from the source."""
        if self._head == 0 or self._source is None:
            self.move_cursor(row=0)
        else:
            self._fetch(_PageRequest(self._source, "first"))

    def action_last(self) -> None:
        """Go to the last row: in the window when it holds it, else fetched from the source."""
        if self._tail == 0 or self._source is None:
            self.move_cursor(row=max(0, len(self._rows) - 1))
        else:
            self._fetch(_PageRequest(self._source, "last"))

    # --- loading ----------------------------------------------------------------------------

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - self.header_height)

    def _extend(self, kind: str, then: Callable[[], None]) -> None:
        """Fetch the page beyond an edge of the window, then repeat the move that hit the edge."""
        if self._source is None or not self._rows:
            return
        if self._request is not None and self._request.kind == kind:
            self._then = then  # that page is on its way already
            return
        edge = self._rows[-1] if kind == "after" else self._rows[0]
        self._fetch(_PageRequest(self._source, kind, self._source.key(edge)), then)

    def _fetch(self, request: _PageRequest, then: Callable[[], None] | None = None) -> None:
        self._request = request
        self._then = then
        self._load_page(request)

    @work(thread=True, exclusive=True, group="paged-table-page")
    def _load_page(self, request: _PageRequest) -> None:
        try:
            with connection_context():
                rows = request.fetch(self.page_size + 1)
        except (PeeweeException, DomainError) as error:
            self.post_message(_PageFailed(request, error))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(_PageLoaded(request, rows))

    @work(thread=True, exclusive=True, group="paged-table-count")
    def _count(self, source: PageSource) -> None:
        try:
            with connection_context():
                total = source.count()
        except (PeeweeException, DomainError):
            return  # the rows are what matters; the position then stays "of …"
        if not get_current_worker().is_cancelled:
            self.post_message(_Counted(source, total))

    @on(_PageFailed)
    def _page_failed(self, message: _PageFailed) -> None:
        if message.request is self._request:
            self._request = self._then = None
            self._post_status()
            self.notify(_("Could not read the list: {error}").format(error=message.error),
                        severity="error", markup=False)

    @on(_Counted)
    def _counted(self, message: _Counted) -> None:
        if message.source is self._source:
            self._total = message.total
            self._post_status()

    @on(_PageLoaded)
    def _page_loaded(self, message: _PageLoaded) -> None:
        if message.request is self._request:
            self._request = None
            self._slide_window(message.request.kind, message.rows)

    def _slide_window(self, kind: str, rows: list[Any]) -> None:
        """Take in a fetched page (one row more than a page says whether more follow), keeping
        the cursor on the same row and the same line of the screen."""
        more = len(rows) > self.page_size
        cursor, scroll_y = self.cursor_row, round(self.scroll_y)
        if kind == "first":
            self._rows, self._head, self._tail = rows[:self.page_size], 0, None if more else 0
            cursor = scroll_y = 0
        elif kind == "from":
            keep = self.highlighted_row
            self._rows, self._tail = rows[:self.page_size], None if more else 0
            keys = [self._source.key(row) for row in self._rows]
            if keep is not None and self._source.key(keep) in keys:
                cursor = keys.index(self._source.key(keep))
        elif kind == "last":
            self._rows, self._head, self._tail = rows[-self.page_size:], None if more else 0, 0
            cursor = scroll_y = len(self._rows)
        elif kind == "after":
            page = rows[:self.page_size]
            dropped = max(0, len(self._rows) + len(page) - self.window_size)
            self._rows = self._rows[dropped:] + page
            if self._head is not None:
                self._head += dropped
            if not more:
                self._tail = 0
            elif self._tail is not None:
                self._tail -= len(page)
            cursor, scroll_y = cursor - dropped, scroll_y - dropped
        else:
            page = rows[-self.page_size:]
            dropped = max(0, len(self._rows) + len(page) - self.window_size)
            self._rows = page + self._rows[:len(self._rows) - dropped]
            if self._tail is not None:
                self._tail += dropped
            if not more:
                self._head = 0
            elif self._head is not None:
                self._head -= len(page)
            cursor, scroll_y = cursor + len(page), scroll_y + len(page)
        self._show_rows(cursor, scroll_y)

    # --- showing ----------------------------------------------------------------------------

    def on_resize(self) -> None:
        """Fit the columns to the new width: spare width widens them, too little drops some."""
        if self.scrollable_content_region.width != self._fitted_width:
            self._fit()

    def _fit(self) -> None:
        self._fitted_width = self.scrollable_content_region.width
        self._refit(self.cursor_row, round(self.scroll_y))

    def _measure(self) -> bool:
        """Widen the known widths to the rows of the window; True when one grew (the widths
        only grow, so moving through the list never makes a column jump back and forth)."""
        grown = False
        for column in self.paged_columns:
            widest = max((cell_len(printable(self.cell_text(row, column))) for row in self._rows),
                         default=0)
            if column.attribute not in self._widths or widest > self._widths[column.attribute]:
                self._widths[column.attribute] = widest
                grown = True
        return grown

    def _show_rows(self, cursor: int, scroll_y: int, measured: bool = False) -> None:
        if not measured and self._measure() and self._fitted_width >= 0:
            self._refit(cursor, scroll_y)  # a code is never cut: its column widens
            return
        self.clear()
        self.add_rows(self._cells(row) for row in self._rows)
        self.move_cursor(row=min(max(cursor, 0), max(len(self._rows) - 1, 0)), scroll=False)
        self.call_after_refresh(self._settle, scroll_y)
        self._post_status()

    def _refit(self, cursor: int, scroll_y: int) -> None:
        """The columns fitted again to widths that grew, the rows shown at `cursor`."""
        width = self._fitted_width
        fitted = fit_columns(self.paged_columns, width, self.cell_padding, self._widths)
        self._shown_columns = [column for column, _width in fitted]
        self.clear(columns=True)
        for column, column_width in fitted:
            self.add_column(literal(column.label), width=column_width, key=column.attribute)
        self._show_rows(cursor, scroll_y, measured=True)

    def _settle(self, scroll_y: int) -> None:
        """Restore the scroll position once the rows are measured, then finish a pending move."""
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self._scroll_cursor_into_view()
        if self._then is not None and self._request is None:
            then, self._then = self._then, None
            then()

    @staticmethod
    def cell_text(row: Any, column: PagedColumn) -> str:
        """The text of `row` under `column`, as shown (translated when the column says so)."""
        value = str(getattr(row, column.attribute) or "")
        return shown(value) if column.translated else value

    def _cells(self, row: Any) -> list[Literal]:
        return [literal(self.cell_text(row, column), no_wrap=True, overflow="ellipsis",
                        justify=column.justify)
                for column in self._shown_columns]

    def row_fields(self, row: Any) -> list[tuple[str, str]]:
        """Every column of `row`, shown or not: (heading, the whole value)."""
        return [(column.label, self.cell_text(row, column)) for column in self.paged_columns]

    # --- status -----------------------------------------------------------------------------

    def on_data_table_row_highlighted(self) -> None:
        self._post_status()

    def _post_status(self) -> None:
        self.post_message(self.StatusChanged(self, self.status_text()))
