"""The Interaction Log screen: entries newest first under a remembered filter, and their actions."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from segtui.config import output_dir
from segtui.domain.journal import interaction_log
from segtui.domain.journal.interaction_log import ENTRY_LIST, EntryFilter, iter_entry_rows
from segtui.domain.journal.interaction_log_pages import (
    EntryRow, InteractionLogPageSource, export_as_sent)
from segtui.domain.journal.sent_documents import text_as_sent
from segtui.domain.values import option_label
from segtui.i18n import _, n_
from segtui.store.enums import Evaluation
from segtui.tui.dialogs.comments import CommentsDialog
from segtui.tui.dialogs.entry_filter import EntryFilterDialog, filter_summary
from segtui.tui.dialogs.evaluate import EvaluateDialog
from segtui.tui.dialogs.export_list import ListExport, export_list
from segtui.tui.dialogs.reason import ReasonDialog
from segtui.tui.dialogs.resend import ResendDialog, ResendRequest, run_resend
from segtui.tui.dialogs.text_view import TextViewDialog
from segtui.tui.literal import literal
from segtui.tui.services import run_service
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.navigation import Navigation
from segtui.tui.widgets.paged_table import CODE, PagedColumn, PagedTable
from segtui.tui.widgets.title_bar import TitleBar

PAGE_SIZE = 100  # rows fetched at a time; the table holds three pages
MARK = "✓"


def evaluation_width() -> int:
    """The longest evaluation in the language shown: the column is never cut."""
    return max(len(_(label)) for label in map(option_label, Evaluation) if label)


def entry_columns() -> list[PagedColumn]:
    """The columns of the log in their order; `priority` says which stay on a narrow screen
    (at 80 columns: mark, number, contact, name, description, canceled and template)."""
    return [
        PagedColumn("", "marker", 1, kind=CODE, priority=0),
        PagedColumn(_("No."), "entry_no", 3, kind=CODE, justify="right", priority=1),
        PagedColumn(_("Date"), "date", 10, kind=CODE, priority=7),
        PagedColumn(_("Contact"), "contact_no", 8, kind=CODE, priority=2),
        PagedColumn(_("Name"), "contact_name", 9, grow=1, priority=3),
        PagedColumn(_("Description"), "description", 12, grow=2, priority=4),
        PagedColumn(_("Template"), "template", 6, kind=CODE, priority=6),
        PagedColumn(_("Canc."), "canceled_text", 3, kind=CODE, priority=5),
        PagedColumn(_("Evaluation"), "evaluation_text", evaluation_width(), kind=CODE,
                    priority=8),
        PagedColumn(_("Corr. Type"), "correspondence_type", 6, translated=True, kind=CODE,
                    priority=9),
        PagedColumn(_("Salesp."), "salesperson", 2, kind=CODE, priority=10),
        PagedColumn(_("Segment"), "segment_no", 8, kind=CODE, priority=11),
        PagedColumn(_("Logged"), "logged_segment", 1, kind=CODE, justify="right", priority=12),
        PagedColumn(_("Delivery"), "delivery_status", 6, translated=True, kind=CODE,
                    priority=13),
    ]


class ShownEntry:
    """An entry row as the table shows it: its mark, Canceled and Evaluation in words."""

    __slots__ = ("row", "marks")

    def __init__(self, row: EntryRow, marks: set[int]) -> None:
        self.row = row
        self.marks = marks

    def __getattr__(self, name: str):
        return getattr(self.row, name)

    @property
    def marker(self) -> str:
        return MARK if self.row.entry_no in self.marks else ""

    @property
    def canceled_text(self) -> str:
        return _("Yes") if self.row.canceled else ""

    @property
    def evaluation_text(self) -> str:
        return _(self.row.evaluation) if self.row.evaluation else ""


class MarkedSource:
    """The entries of a filter, each wrapped with the screen's marks."""

    def __init__(self, entry_filter: EntryFilter, marks: set[int]) -> None:
        self.entry_filter = entry_filter
        self.source = InteractionLogPageSource(entry_filter)
        self.marks = marks

    def key(self, row: ShownEntry) -> int:
        return row.entry_no

    def first(self, limit: int) -> list[ShownEntry]:
        return self._shown(self.source.first(limit))

    def after(self, key: int, limit: int) -> list[ShownEntry]:
        return self._shown(self.source.after(key, limit))

    def before(self, key: int, limit: int) -> list[ShownEntry]:
        return self._shown(self.source.before(key, limit))

    def last(self, limit: int) -> list[ShownEntry]:
        return self._shown(self.source.last(limit))

    def count(self) -> int:
        return self.source.count()

    def _shown(self, rows: list[EntryRow]) -> list[ShownEntry]:
        return [ShownEntry(row, self.marks) for row in rows]


class InteractionLogScreen(Screen):
    """The interaction log entries, newest first; space marks entries to act on several."""

    COMMAND_AREA = _("interactions")
    AUTO_FOCUS = "#interactions-table"
    BINDINGS = [
        Binding("slash,f", "edit_filter", _("Filter"), id="interactions.filter"),
        Binding("space", "toggle_mark", _("Mark"), id="interactions.mark"),
        Binding("e", "evaluate", _("Evaluate"), id="interactions.evaluate"),
        Binding("c", "cancel_entries", _("Cancel entries"), id="interactions.cancel"),
        Binding("u", "uncancel_entries", _("Un-cancel entries"), show=False,
                id="interactions.uncancel"),
        Binding("s", "resend", _("Resend"), show=False, id="interactions.resend"),
        Binding("m", "comments", _("Comments"), show=False, id="interactions.comments"),
        Binding("v", "show_document", _("As sent"), show=False, id="interactions.show"),
        Binding("x", "export_document", _("Export as .docx"), show=False,
                id="interactions.export"),
        Binding("o,enter", "open_contact", _("Open contact"), show=False,
                id="interactions.open_contact"),
        Binding("escape", "clear_filter", _("Clear filter"), show=False,
                id="interactions.clear_filter"),
        Binding("escape", "back", _("Back"), show=False, id="interactions.back"),
        Binding("r,f5", "reload", _("Reload"), show=False, id="interactions.reload"),
        Binding("E", "export_list", _("Export list"), show=False,
                id="interactions.export_list"),
        Binding("t", "statistics", _("Statistics"), show=False, id="interactions.statistics"),
    ]

    def __init__(self, entry_filter: EntryFilter | None = None) -> None:
        super().__init__()
        self.marks: set[int] = set()
        self._status = ""
        self._own_filter = entry_filter
        """A drilled-down log's filter (its own, not the one the app remembers), else None."""

    @classmethod
    def of_logged_segment(cls, entry_no: int) -> "InteractionLogScreen":
        """The entries of logged segment `entry_no`, as a screen opened over the Segment Log:
        Escape goes back to it."""
        return cls(EntryFilter(logged_segment=str(entry_no)))

    @property
    def drilled(self) -> bool:
        """True for a log opened from another screen, over it."""
        return self._own_filter is not None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield Navigation("interaction_log", self.app.MODES, id="navigation")
            with Vertical(id="interactions"):
                with Horizontal(id="interactions-bar"):
                    yield Label(_("Filter:"), id="interactions-filter-label")
                    yield Static("", id="interactions-filter", markup=False)
                    yield Static(_("Loading…"), id="interactions-status", markup=False)
                yield PagedTable(entry_columns(), page_size=PAGE_SIZE, id="interactions-table")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        """Show the filter the app remembers (another screen may have set it), read afresh."""
        self._apply(self.entry_filter)

    # --- state ------------------------------------------------------------------------------

    @property
    def table(self) -> PagedTable:
        return self.query_one(PagedTable)

    @property
    def entry_filter(self) -> EntryFilter:
        """The filter the app remembers while it runs (all entries at first); a drilled-down
        log's own."""
        if self._own_filter is not None:
            return self._own_filter
        if not isinstance(getattr(self.app, "interaction_filter", None), EntryFilter):
            self.app.interaction_filter = EntryFilter()
        return self.app.interaction_filter

    @property
    def shown_filter(self) -> EntryFilter | None:
        source = self.table.source
        return source.entry_filter if source is not None else None

    def selected_entries(self) -> list[int]:
        """The marked entries, else the entry under the cursor."""
        if self.marks:
            return sorted(self.marks)
        row = self.table.highlighted_row
        return [row.entry_no] if row is not None else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_mark", "evaluate", "cancel_entries", "uncancel_entries",
                      "comments", "show_document", "export_document", "open_contact",
                      "resend"):
            return self.is_mounted and self.table.highlighted_row is not None
        if action == "clear_filter":
            return (self.is_mounted and not self.drilled
                    and self.shown_filter not in (None, EntryFilter()))
        if action == "back":
            return self.drilled
        return True

    def show_logged_segment(self, entry_no: int) -> None:
        """Show the entries of logged segment `entry_no` (the Segment Log's drill-down)."""
        self.app.interaction_filter = EntryFilter(logged_segment=str(entry_no))
        if self.is_mounted:
            self._apply(self.app.interaction_filter)

    def _apply(self, entry_filter: EntryFilter) -> None:
        """Show `entry_filter`'s entries (marks go), or read the same ones again."""
        if self.drilled:
            self._own_filter = entry_filter
        else:
            self.app.interaction_filter = entry_filter
        if entry_filter == self.shown_filter:
            self.table.reload()
            return
        self.marks = set()
        self.table.set_source(MarkedSource(entry_filter, self.marks))
        self.query_one("#interactions-filter", Static).update(
            literal(filter_summary(entry_filter) or _("all entries · / to filter")))
        self.refresh_bindings()

    def _changed(self, message: str) -> None:
        """After an action on the selected entries: say so, drop the marks, read again."""
        self.notify(message, markup=False)
        self.marks.clear()
        self.table.reload()
        self._show_status()

    # --- actions ----------------------------------------------------------------------------

    def action_reload(self) -> None:
        self.table.reload()

    def action_export_list(self) -> None:
        """Every entry the filter selects, newest first as shown, with every column of the
        entry (K6), to a CSV, JSON or Excel file."""
        entry_filter = self.shown_filter
        if entry_filter is not None:
            source = InteractionLogPageSource(entry_filter)
            export_list(self, ListExport(
                _("Interaction Log"), "interaction-log",
                lambda: (ENTRY_LIST.keys, iter_entry_rows(entry_filter, newest_first=True)),
                source.count))

    def action_edit_filter(self) -> None:
        def chosen(entry_filter: EntryFilter | None) -> None:
            if entry_filter is not None:
                self._apply(entry_filter)
        self.app.push_screen(EntryFilterDialog(self.entry_filter), chosen)

    def action_clear_filter(self) -> None:
        self._apply(EntryFilter())

    def action_back(self) -> None:
        """A drilled-down log: back to the screen it was opened from."""
        if self.drilled:
            self.dismiss()

    def action_toggle_mark(self) -> None:
        """Mark or unmark the entry under the cursor, then move down."""
        table = self.table
        row = table.highlighted_row
        if row is None:
            return
        self.marks.symmetric_difference_update({row.entry_no})
        table.update_cell_at(Coordinate(table.cursor_row, 0), literal(row.marker))
        self._show_status()
        table.action_cursor_down()

    def action_evaluate(self) -> None:
        entry_nos = self.selected_entries()

        def chosen(evaluation: str | None) -> None:
            if evaluation is not None:
                run_service(self, interaction_log.evaluate, entry_nos, evaluation,
                            done=lambda count: self._changed(n_(
                                "{count:,} entry evaluated.", "{count:,} entries evaluated.",
                                count)), group="interactions-write")
        self.app.push_screen(EvaluateDialog(len(entry_nos)), chosen)

    def action_cancel_entries(self) -> None:
        self._set_canceled(True)

    def action_uncancel_entries(self) -> None:
        self._set_canceled(False)

    def _set_canceled(self, canceled: bool) -> None:
        entry_nos = self.selected_entries()
        if canceled:
            title = _("Cancel entries")
            prompt = (_("Why cancel entry {no}?").format(no=entry_nos[0]) if len(entry_nos) == 1
                      else _("Why cancel these {count:,} entries?").format(count=len(entry_nos)))
        else:
            title = _("Un-cancel entries")
            prompt = (_("Why remove the Canceled checkmark from entry {no}?").format(
                no=entry_nos[0]) if len(entry_nos) == 1 else _(
                "Why remove the Canceled checkmark from these {count:,} entries?").format(
                count=len(entry_nos)))

        def done(count: int) -> None:
            if canceled:
                self._changed(n_("{count:,} entry canceled.", "{count:,} entries canceled.",
                                 count))
            else:
                self._changed(n_("{count:,} entry un-canceled.",
                                 "{count:,} entries un-canceled.", count))

        def answered(reason: str | None) -> None:
            if reason is not None:
                run_service(self, interaction_log.set_canceled, entry_nos, canceled,
                            user=self.app.settings.user, reason=reason, done=done,
                            group="interactions-write")
        self.app.push_screen(ReasonDialog(title, prompt), answered)

    def action_resend(self) -> None:
        """Resend Attachments (S-09) for the marked entries, else the one under the cursor."""
        entry_nos = self.selected_entries()

        def chosen(request: ResendRequest | None) -> None:
            if request is not None:
                run_resend(self, request, self._resent, entry_nos=entry_nos)

        title = (_("Resend entry {no}").format(no=entry_nos[0]) if len(entry_nos) == 1
                 else _("Resend {count:,} entries").format(count=len(entry_nos)))
        self.app.push_screen(ResendDialog(title), chosen)

    def _resent(self) -> None:
        self.marks.clear()
        self.table.reload()
        self._show_status()

    def action_statistics(self) -> None:
        # imported on first use: the screen opens without it (start-up of the section)
        from segtui.tui.dialogs.interaction_statistics import InteractionStatisticsDialog

        self.app.push_screen(InteractionStatisticsDialog())

    def action_comments(self) -> None:
        row = self.table.highlighted_row
        if row is not None:
            self.app.push_screen(CommentsDialog(row.entry_no))

    def action_show_document(self) -> None:
        row = self.table.highlighted_row
        if row is None:
            return
        title = _("As sent · entry {no} · {name}").format(no=row.entry_no,
                                                          name=row.contact_name or row.contact_no)
        run_service(self, text_as_sent, row.entry_no, group="interactions-read",
                    done=lambda text: self.app.push_screen(TextViewDialog(title, text)))

    def action_export_document(self) -> None:
        row = self.table.highlighted_row
        if row is not None:
            run_service(self, export_as_sent, row.entry_no, output_dir("documents"),
                        group="interactions-read", done=self._exported)

    def _exported(self, path) -> None:
        self.notify(_("Written to {path}").format(path=path), title=_("Exported"),
                    markup=False, timeout=10)

    async def action_open_contact(self) -> None:
        row = self.table.highlighted_row
        if row is None:
            return
        await self.app.run_action(f"open_contact({row.contact_no!r})")

    # --- events -----------------------------------------------------------------------------

    def _show_status(self) -> None:
        text = self._status
        if self.marks:
            text = n_("{count:,} marked", "{count:,} marked", len(self.marks)) + " · " + text
        self.query_one("#interactions-status", Static).update(literal(text))

    @on(DataTable.RowSelected)
    async def _entry_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on an entry (the table's own Enter selects the row): its contact's card."""
        event.stop()
        await self.action_open_contact()

    @on(PagedTable.StatusChanged)
    def _status_changed(self, event: PagedTable.StatusChanged) -> None:
        self._status = event.status
        self._show_status()
        self.refresh_bindings()

    @on(Navigation.Opened)
    def _open_section(self, event: Navigation.Opened) -> None:
        if event.section == "interaction_log" and not self.drilled:
            event.stop()
            self.table.focus()
