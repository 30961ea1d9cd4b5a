"""The Contacts screen: the contact list, paged from the database, with a filter line."""
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, Label, Static

from segtui.domain.contacts.file_columns import EXPORT_NAMES
from segtui.domain.contacts.export import contact_export_count, contact_export_rows
from segtui.domain.contacts.importing.import_file import ImportReport, import_contacts
from segtui.domain.contacts.records import delete_contact
from segtui.domain.contacts.contact_list import ContactPageSource
from segtui.i18n import _
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.export_list import ListExport, export_list
from segtui.tui.dialogs.import_contacts import ImportDialog, ImportRequest
from segtui.tui.dialogs.import_report import ImportReportDialog
from segtui.tui.dialogs.work import WorkDialog
from segtui.tui.literal import literal
from segtui.tui.quiet import after_quiet
from segtui.tui.screens.contact_card import ContactCardScreen
from segtui.tui.services import run_service
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.navigation import Navigation
from segtui.tui.widgets.paged_table import CODE, PagedColumn, PagedTable
from segtui.tui.widgets.title_bar import TitleBar
from segtui.tui.widgets.form_input import FormInput

FILTER_DELAY = 0.3  # seconds of quiet typing before the filter is applied
PAGE_SIZE = 100  # rows fetched at a time; the table holds three pages


def contact_columns() -> list[PagedColumn]:
    """The columns of the contact list, most important first (the last ones give way first)."""
    return [
        PagedColumn(_("No."), "no", 8, kind=CODE),
        PagedColumn(_("Name"), "name", 17, grow=1),
        PagedColumn(_("Company"), "company_name", 17, grow=1),
        PagedColumn(_("City"), "city", 11),
        PagedColumn(_("Country"), "country_code", 2, kind=CODE),
        PagedColumn(_("E-mail"), "email", 24, grow=1),
    ]


class ContactsScreen(Screen):
    """All contacts in number order; "/" filters them by number, name or city; Enter opens
    a contact's card, n creates one, d deletes one, i imports contacts from a CSV file."""

    COMMAND_AREA = _("contacts")
    AUTO_FOCUS = "#contacts-table"
    BINDINGS = [
        Binding("enter", "open_contact", _("Open"), id="contacts.open"),
        Binding("n,insert", "new_contact", _("New contact"), id="contacts.new"),
        Binding("d,delete", "delete_contact", _("Delete contact"), id="contacts.delete"),
        Binding("i", "import_contacts", _("Import"), id="contacts.import"),
        Binding("E", "export_list", _("Export list"), show=False, id="contacts.export_list"),
        Binding("slash", "focus_filter", _("Filter"), id="contacts.filter"),
        Binding("escape", "clear_filter", _("Clear filter"), id="contacts.clear_filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._filter_timer = None
        self._import_path = ""  # the file last imported or checked, offered again

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal():
            yield Navigation("contacts", self.app.MODES, id="navigation")
            with Vertical(id="contacts"):
                with Horizontal(id="contacts-bar"):
                    yield Label(_("Filter:"), id="contacts-filter-label")
                    yield FormInput(placeholder=_("number, name or city"),
                                id="contacts-filter", compact=True)
                    yield Static(_("Loading…"), id="contacts-status", markup=False)
                yield PagedTable(contact_columns(), page_size=PAGE_SIZE, id="contacts-table")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(PagedTable)
        table.set_source(ContactPageSource())

    @property
    def filter_text(self) -> str:
        """The filter the list shows now ("" for all contacts)."""
        source = self.query_one(PagedTable).source
        return source.filter_text if source is not None else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_contact", "delete_contact"):
            return self.query_one(PagedTable).highlighted_row is not None
        if action == "clear_filter":
            return bool(self.filter_text or self.query_one("#contacts-filter", Input).value
                        or self.focused is self.query_one("#contacts-filter", Input))
        return True

    def action_open_contact(self) -> None:
        row = self.query_one(PagedTable).highlighted_row
        if row is not None:
            self.app.push_screen(ContactCardScreen(row.no), self._card_closed)

    def action_new_contact(self) -> None:
        self.app.push_screen(ContactCardScreen(None), self._card_closed)

    def _card_closed(self, _changed: bool | None) -> None:
        """Back from a card: read the list again (names, companies may have changed)."""
        self.query_one(PagedTable).reload()

    def action_delete_contact(self) -> None:
        """Delete after a question (default No); refused on an open segment (M-44)."""
        row = self.query_one(PagedTable).highlighted_row
        if row is None:
            return
        question = _("Delete contact {no} {name}?").format(no=row.no, name=row.name)

        def answered(delete: bool | None) -> None:
            if delete:
                run_service(self, delete_contact, row.no, done=self._deleted,
                            group="contacts-write")

        self.app.push_screen(ConfirmDialog(question, default=False), answered)

    def _deleted(self, _result: None) -> None:
        self.notify(_("Contact deleted."))
        self.query_one(PagedTable).reload()

    def action_export_list(self) -> None:
        """The contacts the filter shows as a contact file (every field and the
        classification), which `contacts import` reads again."""
        text = self.filter_text
        export_list(self, ListExport(_("Contacts"), "contacts",
                                     lambda: (EXPORT_NAMES, contact_export_rows(text)),
                                     lambda: contact_export_count(text)))

    def action_import_contacts(self) -> None:
        self.app.push_screen(ImportDialog(self._import_path), self._run_import)

    def _run_import(self, request: ImportRequest | None) -> None:
        """Check or import in a WorkDialog (Escape there writes nothing), then the report."""
        if request is None:
            return
        self._import_path = request.path
        title = (_("Checking {file}") if request.dry_run else _("Importing {file}")).format(
            file=Path(request.path).name)

        def job(progress) -> ImportReport:
            return import_contacts(request.path, update=request.update,
                                   dry_run=request.dry_run, create_codes=request.create_codes,
                                   create_companies=request.create_companies,
                                   all_or_nothing=request.all_or_nothing,
                                   progress=progress.step)

        def finished(report: ImportReport | None) -> None:
            if report is None:
                return
            if report.written:
                self.query_one(PagedTable).reload()
                self.notify(_("Imported {count:,} contacts ({created:,} new, {updated:,} "
                              "changed); {refused:,} rows refused").format(
                    count=report.created + report.updated, created=report.created,
                    updated=report.updated, refused=report.rejected_rows))
            self.app.push_screen(ImportReportDialog(report, request), self._run_import)

        self.app.push_screen(WorkDialog(title, job), finished)

    @on(DataTable.RowSelected, "#contacts-table")
    def _selected(self) -> None:
        self.action_open_contact()

    @on(DataTable.RowHighlighted, "#contacts-table")
    def _moved(self) -> None:
        self.refresh_bindings()

    def action_focus_filter(self) -> None:
        self.query_one("#contacts-filter", Input).focus()

    def action_clear_filter(self) -> None:
        """Drop the filter and go back to the whole list."""
        self.query_one("#contacts-filter", Input).value = ""
        self._apply_filter()
        self.query_one(PagedTable).focus()

    @on(Input.Changed, "#contacts-filter")
    def _filter_typed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = after_quiet(self, FILTER_DELAY, self._apply_filter)
        self.refresh_bindings()

    @on(Input.Submitted, "#contacts-filter")
    def _filter_submitted(self) -> None:
        self._apply_filter()
        self.query_one(PagedTable).focus()

    def _apply_filter(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        text = self.query_one("#contacts-filter", Input).value.strip()
        if text != self.filter_text:
            self.query_one(PagedTable).set_source(ContactPageSource(text))
        self.refresh_bindings()

    @on(PagedTable.StatusChanged)
    def _show_status(self, event: PagedTable.StatusChanged) -> None:
        self.query_one("#contacts-status", Static).update(literal(event.status))

    @on(Navigation.Opened)
    def _open_section(self, event: Navigation.Opened) -> None:
        if event.section == "contacts":
            event.stop()
            self.query_one(PagedTable).focus()
