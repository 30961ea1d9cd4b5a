"""A searchable pick list for a code field: type to narrow it, arrows to move, Enter to choose.

The focus stays in the search field: the arrows move the highlighted row of the list beneath it,
so Enter takes the row the person sees highlighted. When the list has the focus (Tab), typing
goes on in the search field.
"""
from collections.abc import Callable, Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from segtui.domain.paging import PageSource
from segtui.domain.setup.lookups import CodePageSource, lookup
from segtui.i18n import _
from segtui.tui.literal import literal, literal_title
from segtui.tui.quiet import after_quiet
from segtui.tui.widgets.paged_table import CODE, PagedColumn, PagedTable
from segtui.tui.widgets.form_input import FormInput

FILTER_DELAY = 0.25  # seconds of quiet typing before the list is narrowed


def code_columns() -> list[PagedColumn]:
    return [PagedColumn(_("Code"), "code", 4, kind=CODE),
            PagedColumn(_("Description"), "description", 20, grow=1)]


class LookupDialog(ModalScreen[str | None]):
    """Dismisses with the key of the chosen row, or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="lookup.cancel"),
        Binding("enter", "choose", _("Choose"), id="lookup.choose", priority=True),
        Binding("down", "move('cursor_down')", _("Next row"), show=False, id="lookup.down"),
        Binding("up", "move('cursor_up')", _("Previous row"), show=False, id="lookup.up"),
        Binding("pagedown", "move('page_down')", _("Next page"), show=False,
                id="lookup.page_down"),
        Binding("pageup", "move('page_up')", _("Previous page"), show=False,
                id="lookup.page_up"),
        Binding("slash", "to_filter", _("Search"), id="lookup.search"),
    ]

    def __init__(self, title: str, source: Callable[[str], PageSource],
                 columns: Sequence[PagedColumn], key: str = "code") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.make_source = source
        self.columns = columns
        self.key = key
        self._timer = None

    @classmethod
    def of(cls, kind: str) -> "LookupDialog":
        """The pick list of a master table of `segtui.domain.setup.lookups`."""
        return cls(_(lookup(kind).title), lambda text: CodePageSource(kind, text), code_columns())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box lookup-box") as box:
            box.border_title = literal_title(self.title_text)
            with Horizontal(classes="lookup-bar"):
                yield Label(_("Search:"), classes="lookup-label")
                yield FormInput(placeholder=_("code or description"), id="lookup-filter",
                                compact=True, select_on_focus=False)
                yield Static("", id="lookup-status", markup=False)
            yield PagedTable(self.columns, page_size=100, id="lookup-table")

    def on_mount(self) -> None:
        self.query_one(PagedTable).set_source(self.make_source(""))
        self.query_one(Input).focus()

    @on(Input.Changed, "#lookup-filter")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = after_quiet(self, FILTER_DELAY, self._narrow)

    def _narrow(self) -> None:
        self._timer = None
        self.query_one(PagedTable).set_source(self.make_source(self.query_one(Input).value))

    @on(PagedTable.StatusChanged)
    def _status(self, event: PagedTable.StatusChanged) -> None:
        self.query_one("#lookup-status", Static).update(literal(event.status))

    def action_move(self, where: str) -> None:
        """In the search field: move the list's highlight (the list's own keys do in the list)."""
        getattr(self.query_one(PagedTable), f"action_{where}")()

    def on_key(self, event: events.Key) -> None:
        """A character typed while the list has the focus goes on in the search field (unless
        it is a key of the list, such as w for the row's fields)."""
        search = self.query_one(Input)
        if (event.is_printable and event.character and not search.has_focus
                and event.key not in self.active_bindings):
            event.stop()
            event.prevent_default()
            search.focus()
            search.insert_text_at_cursor(event.character)

    def action_to_filter(self) -> None:
        self.query_one(Input).focus()

    def action_choose(self) -> None:
        """Take the row under the cursor (after the newest search has arrived)."""
        if self._timer is not None:
            self._timer.stop()
            self._narrow()
        table = self.query_one(PagedTable)
        if table.is_loading:
            self.set_timer(0.05, self.action_choose)
            return
        row = table.highlighted_row
        if row is not None:
            self.dismiss(str(getattr(row, self.key)))

    def action_cancel(self) -> None:
        self.dismiss(None)
