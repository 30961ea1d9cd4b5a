"""The Segment Log screen: logged segments newest first; cancel, un-cancel, follow-up, resend,
drill down."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from segtui.domain.journal import logged_segments
from segtui.domain.output.page_export import source_export
from segtui.domain.segments import logged_reuse
from segtui.domain.segments.logged_reuse import ReuseOptions, ReuseResult
from segtui.domain.journal.logged_segment_pages import LoggedSegmentPageSource, LoggedSegmentRow
from segtui.i18n import _, n_
from segtui.tui.dialogs.cancel_journal import CancelJournalDialog
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.export_list import ListExport, export_list
from segtui.tui.dialogs.labels import open_labels
from segtui.tui.dialogs.reason import ReasonDialog
from segtui.tui.dialogs.resend import ResendDialog, ResendRequest, run_resend
from segtui.tui.dialogs.reuse_options import ReuseOptionsDialog, option_hints
from segtui.tui.literal import literal
from segtui.tui.quiet import after_quiet
from segtui.tui.screens.segment_form import SegmentFormScreen
from segtui.tui.services import run_service
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.navigation import Navigation
from segtui.tui.widgets.paged_table import CODE, PagedColumn, PagedTable
from segtui.tui.widgets.title_bar import TitleBar
from segtui.tui.widgets.form_input import FormInput

FILTER_DELAY = 0.3  # seconds of quiet typing before the filter is applied
PAGE_SIZE = 100


class LoggedSegmentLine(LoggedSegmentRow):
    """A logged segment as the list shows it."""

    @property
    def canceled_mark(self) -> str:
        return _("Yes") if self.canceled else ""


class LoggedSegmentList(LoggedSegmentPageSource):
    """The page source of the list: rows with their display fields."""

    row_type = LoggedSegmentLine


def logged_segment_columns() -> list[PagedColumn]:
    """The columns of the list, most important first (the last ones give way first)."""
    canceled = _("Canceled")  # the column is as wide as its heading in the language shown
    return [
        PagedColumn(_("Entry"), "entry_no", 5, kind=CODE),
        PagedColumn(_("Segment"), "segment_no", 8, kind=CODE),
        PagedColumn(_("Description"), "description", 10, grow=1),
        PagedColumn(_("Inter."), "no_of_interactions", 6, kind=CODE,
                    justify="right"),
        PagedColumn(canceled, "canceled_mark", max(4, len(canceled)), kind=CODE),
        PagedColumn(_("Date"), "creation_date", 10, kind=CODE),
        PagedColumn(_("User"), "user_id", 4, kind=CODE),
    ]


def interactions_text(count: int) -> str:
    return n_("{count} interaction", "{count} interactions", count)


class SegmentLogScreen(Screen):
    """The logged segments, newest first; "/" filters them by segment no. or description."""

    COMMAND_AREA = _("segment log")
    AUTO_FOCUS = "#segment-log-table"
    BINDINGS = [
        Binding("enter", "interactions", _("Interactions"), id="segment_log.interactions",
                priority=True),
        Binding("c", "cancel", _("Cancel segment"), id="segment_log.cancel"),
        Binding("u", "uncancel", _("Un-cancel segment"), id="segment_log.uncancel"),
        Binding("f", "follow_up", _("Follow-up"), id="segment_log.follow_up"),
        Binding("s", "resend", _("Resend"), show=False, id="segment_log.resend"),
        Binding("J", "journal", _("Journal"), id="segment_log.journal"),
        Binding("L", "labels", _("Labels"), show=False, id="segment_log.labels"),
        Binding("d,delete", "delete", _("Delete canceled"), show=False,
                id="segment_log.delete"),
        Binding("slash", "focus_filter", _("Filter"), show=False, id="segment_log.filter"),
        Binding("escape", "clear_filter", _("Clear filter"), show=False,
                id="segment_log.clear_filter"),
        Binding("r,f5", "reload", _("Reload"), show=False, id="segment_log.reload"),
        Binding("E", "export_list", _("Export list"), show=False, id="segment_log.export_list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._filter_timer = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield Navigation("segment_log", self.app.MODES, id="navigation")
            with Vertical(id="segment-log"):
                with Horizontal(id="segment-log-bar"):
                    yield Label(_("Filter:"), id="segment-log-filter-label")
                    yield FormInput(placeholder=_("segment no. or description"),
                                id="segment-log-filter", compact=True)
                    yield Static(_("Loading…"), id="segment-log-status", markup=False)
                yield PagedTable(logged_segment_columns(), page_size=PAGE_SIZE,
                                 id="segment-log-table")
                yield Static("", id="segment-log-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.set_source(LoggedSegmentList())

    def on_screen_resume(self) -> None:
        """Read the rows again: the Interaction Log may have canceled entries meanwhile."""
        self.table.reload()

    @property
    def table(self) -> PagedTable:
        return self.query_one("#segment-log-table", PagedTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#segment-log-filter", Input)

    @property
    def filter_text(self) -> str:
        """The filter the list shows now ("" for all logged segments)."""
        source = self.table.source
        return source.filter_text if source is not None else ""

    @property
    def row(self) -> LoggedSegmentLine | None:
        """The logged segment under the cursor."""
        return self.table.highlighted_row

    @property
    def user(self) -> str:
        return self.app.settings.user

    def action_export_list(self) -> None:
        """Every logged segment the filter shows, to a CSV, JSON or Excel file."""
        source = self.table.source
        if source is not None:
            export_list(self, ListExport(_("Segment Log"), "segment-log",
                                         lambda: source_export(source), source.count))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        row = self.row
        if action == "interactions":  # a priority key: Enter elsewhere is theirs
            return row is not None and self.focused is self.table
        if action in ("follow_up", "delete", "resend"):
            return row is not None
        if action == "cancel":
            return row is not None and not row.canceled
        if action == "uncancel":
            return row is not None and row.canceled
        if action == "clear_filter":
            return bool(self.filter_text or self.filter_input.value
                        or self.focused is self.filter_input)
        return True

    # --- actions ----------------------------------------------------------------------------

    async def action_interactions(self) -> None:
        """Drill down to the interaction log entries of the logged segment under the cursor."""
        row = self.row
        if row is None:
            return
        await self.app.run_action("open_interactions(" + str(row.entry_no) + ")")

    def action_cancel(self) -> None:
        self._switch_canceled(True)

    def action_uncancel(self) -> None:
        self._switch_canceled(False)

    def _switch_canceled(self, canceled: bool) -> None:
        row = self.row
        if row is None:
            return
        if canceled:
            title = _("Cancel logged segment {entry}").format(entry=row.entry_no)
            prompt = _("Cancel logged segment {entry} ({segment}) with its {interactions} "
                       "and campaign entries?")
        else:
            title = _("Un-cancel logged segment {entry}").format(entry=row.entry_no)
            prompt = _("Logged segment {entry} ({segment}) is canceled. Remove the checkmark "
                       "from it and its {interactions} and campaign entries?")
        prompt = prompt.format(entry=row.entry_no, segment=row.segment_no,
                               interactions=interactions_text(row.no_of_interactions))

        def answered(reason: str | None) -> None:
            if reason is not None:
                run_service(self, logged_segments.set_canceled, row.entry_no, canceled,
                            user=self.user, reason=reason,
                            done=lambda changed: self._switched(row.entry_no, canceled, changed),
                            group="segment-log-write")

        self.app.push_screen(ReasonDialog(title, prompt), answered)

    def _switched(self, entry_no: int, canceled: bool, changed: int) -> None:
        message = (_("Logged segment {entry} canceled: {interactions}.") if canceled
                   else _("Logged segment {entry} un-canceled: {interactions}."))
        self.notify(message.format(entry=entry_no, interactions=interactions_text(changed)),
                    markup=False)
        self.table.reload()

    def action_follow_up(self) -> None:
        """A follow-up segment, opened over the list (Escape comes back); when one of this
        logged segment is open already, after a question (default No); then the options of
        its reuse (C14), with what each choice adds and skips."""
        row = self.row
        if row is None:
            return

        def create(options: ReuseOptions | None) -> None:
            if options is not None:
                run_service(self, logged_segments.create_follow_up, row.entry_no, user=self.user,
                            confirmed=True, include_canceled=options.include_canceled,
                            ignore_exclusion=options.ignore_exclusion,
                            done=self._followed_up, group="segment-log-write")

        def ask_options() -> None:
            run_service(self, logged_reuse.previews, row.entry_no, group="segment-log-write",
                        done=lambda found: self.app.push_screen(ReuseOptionsDialog(
                            _("Follow-up on logged segment {entry}").format(entry=row.entry_no),
                            found), create))

        def asked(question: logged_segments.FollowUpQuestion | None) -> None:
            if question is None:
                ask_options()
            else:
                self.app.push_screen(ConfirmDialog(question.text, default=False),
                                     lambda yes: yes and ask_options())

        run_service(self, logged_segments.follow_up_question, row.entry_no, done=asked,
                    group="segment-log-write")

    def _followed_up(self, result: ReuseResult) -> None:
        self.notify(logged_segments.follow_up_summary(result, option_hints()), markup=False)
        self.app.push_screen(SegmentFormScreen(result.segment_no))

    def action_resend(self) -> None:
        """Resend Attachments (S-09) for the logged segment's entries: the options, then the
        resend with a progress bar, then what it did."""
        row = self.row
        if row is None:
            return

        def chosen(request: ResendRequest | None) -> None:
            if request is not None:
                run_resend(self, request, self.table.reload, logged_segment=row.entry_no)

        self.app.push_screen(ResendDialog(_("Resend logged segment {entry}").format(
            entry=row.entry_no)), chosen)

    def action_labels(self) -> None:
        """C-02: the address labels of the logged segment's contacts (not canceled ones)."""
        if (row := self.row) is not None:
            open_labels(self, _("Labels of logged segment {entry}").format(entry=row.entry_no),
                        logged_entry_no=row.entry_no)

    def action_journal(self) -> None:
        self.app.push_screen(CancelJournalDialog())

    def action_delete(self) -> None:
        row = self.row
        if row is None:
            return
        if not row.canceled:
            self.notify(_("Logged segment {entry} is not canceled; only canceled logged segments "
                          "can be deleted.").format(entry=row.entry_no),
                        title=_("Refused"), severity="error", markup=False)
            return
        prompt = _("Delete logged segment {entry} ({segment})? Its {interactions} stay in the "
                   "log, without the link to it.").format(
            entry=row.entry_no, segment=row.segment_no,
            interactions=interactions_text(row.no_of_interactions))

        def answered(reason: str | None) -> None:
            if reason is not None:
                run_service(self, logged_segments.delete_canceled_logged_segments,
                            [row.entry_no], user=self.user, reason=reason,
                            done=lambda _count: self._deleted(row.entry_no),
                            group="segment-log-write")

        title = _("Delete logged segment {entry}").format(entry=row.entry_no)
        self.app.push_screen(ReasonDialog(title, prompt), answered)

    def _deleted(self, entry_no: int) -> None:
        self.notify(_("Logged segment {entry} deleted.").format(entry=entry_no), markup=False)
        self.table.reload()

    def action_reload(self) -> None:
        self.table.reload()

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        """Drop the filter and go back to the whole list."""
        self.filter_input.value = ""
        self._apply_filter()
        self.table.focus()

    # --- events -----------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#segment-log-table")
    async def _selected(self) -> None:
        await self.run_action("interactions")

    @on(Input.Changed, "#segment-log-filter")
    def _filter_typed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = after_quiet(self, FILTER_DELAY, self._apply_filter)
        self.refresh_bindings()

    @on(Input.Submitted, "#segment-log-filter")
    def _filter_submitted(self) -> None:
        self._apply_filter()
        self.table.focus()

    def _apply_filter(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        text = self.filter_input.value.strip()
        if text != self.filter_text:
            self.table.set_source(LoggedSegmentList(text))
        self.refresh_bindings()

    @on(PagedTable.StatusChanged, "#segment-log-table")
    def _show_status(self, event: PagedTable.StatusChanged) -> None:
        self.query_one("#segment-log-status", Static).update(literal(event.status))
        empty = not self.table.window and not self.table.is_loading
        if empty:
            self.query_one("#segment-log-empty", Static).update(
                _("No logged segment matches the filter") if self.filter_text
                else _("No logged segments yet — log a segment from its form"))
        self.query_one("#segment-log").set_class(empty, "-empty")
        self.refresh_bindings()

    @on(Navigation.Opened)
    def _open_section(self, event: Navigation.Opened) -> None:
        if event.section == "segment_log":
            event.stop()
            self.table.focus()
