"""The contact card: a contact's fields as a form, its classification and its interaction history.

Each field is saved when finished, as on the Segment form. A new card creates the contact with
its first finished field (and every other field typed so far). Escape goes back to the list.
"""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static, TabbedContent, TabPane

from segtui.domain.contacts import cards as contact_cards
from segtui.domain.values import option_label
from segtui.i18n import _
from segtui.store.enums import ContactType, CorrespondenceType
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.lookup import LookupDialog, code_columns
from segtui.tui.literal import literal, literal_title, printable
from segtui.tui.services import run_service
from segtui.tui.widgets.field_row import FieldRow, FormField
from segtui.tui.widgets.key_bar import KeyBar
from segtui.tui.widgets.title_bar import TitleBar

HISTORY_LIMIT = 200
NOT_SHOWN = ("company_name",)  # read-only rows: never saved, never part of a new contact


def _options(enum) -> tuple[str, ...]:
    return tuple(option_label(member) for member in enum)


def card_groups() -> list[tuple[str, str, list[FormField]]]:
    """(id, title, fields) of the form tabs, in the order of NAV's Contact Card."""
    return [
        ("general", _("General"), [
            FormField("no", _("No."), "code"),
            FormField("type", _("Type"), "option", options=_options(ContactType)),
            FormField("name", _("Name")),
            FormField("company_no", _("Company No."), "code", "company"),
            FormField("company_name", _("Company Name"), "info"),
            FormField("salesperson", _("Salesperson"), "code", "salesperson"),
            FormField("address", _("Address")),
            FormField("address_2", _("Address 2")),
            FormField("post_code", _("Post Code"), "code"),
            FormField("city", _("City")),
            FormField("country_code", _("Country"), "code", "country"),
            FormField("territory_code", _("Territory"), "code"),
            FormField("exclude_from_segment", _("Excl. Segment"), "bool"),
            FormField("privacy_blocked", _("Priv. Blocked"), "bool"),
        ]),
        ("communication", _("Communication"), [
            FormField("phone_no", _("Phone No.")),
            FormField("mobile_phone_no", _("Mobile Phone")),
            FormField("email", _("E-Mail")),
            FormField("home_page", _("Home Page")),
            FormField("language_code", _("Language"), "code", "language"),
            FormField("correspondence_type", _("Corr. Type"), "option",
                      options=_options(CorrespondenceType)),
            FormField("first_name", _("First Name")),
            FormField("surname", _("Surname")),
            FormField("job_title", _("Job Title")),
            FormField("name_2", _("Name 2")),
            FormField("county", _("County")),
        ]),
    ]


def code_lists() -> list[tuple[str, str, str]]:
    """(key of contact_cards.classification, title, lookup kind) of the classification lists."""
    return [
        ("mailing_groups", _("Mailing Groups"), "mailing_group"),
        ("job_responsibilities", _("Job Responsibilities"), "job_responsibility"),
        ("industry_groups", _("Industry Groups"), "industry_group"),
        ("profile_answers", _("Profile Answers"), "profile_questionnaire"),
    ]


ADD = {"mailing_groups": contact_cards.add_mailing_group,
       "job_responsibilities": contact_cards.add_job_responsibility,
       "industry_groups": contact_cards.add_industry_group,
       "profile_answers": contact_cards.add_profile_answer}
REMOVE = {"mailing_groups": contact_cards.remove_mailing_group,
          "job_responsibilities": contact_cards.remove_job_responsibility,
          "industry_groups": contact_cards.remove_industry_group,
          "profile_answers": contact_cards.remove_profile_answer}


class CodeList(DataTable):
    """One classification list of the card: code and description, a row cursor."""

    def __init__(self, key: str, lookup: str, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.key = key
        self.lookup = lookup
        self.rows_shown: list[dict] = []

    def on_mount(self) -> None:
        if self.key == "profile_answers":
            self.add_columns(_("Questionnaire"), _("Answer"), _("Description"))
        else:
            self.add_columns(_("Code"), _("Description"))

    def show(self, rows: list[dict]) -> None:
        self.rows_shown = rows
        index = self.cursor_row
        self.clear()
        for row in rows:
            cells = [row["code"], row["description"]]
            if self.key == "profile_answers":
                cells.insert(0, row["questionnaire"])
            self.add_row(*(literal(cell) for cell in cells))
        self.move_cursor(row=min(index, max(len(rows) - 1, 0)))

    @property
    def highlighted(self) -> dict | None:
        if 0 <= self.cursor_row < len(self.rows_shown):
            return self.rows_shown[self.cursor_row]
        return None


class ContactCardScreen(Screen[bool]):
    """One contact (None: a new one); dismisses True when something was saved."""

    COMMAND_AREA = _("contact card")
    BINDINGS = [
        Binding("escape", "back", _("Back"), id="contact_card.back"),
        # priority: scrolling containers bind these keys to sideways paging
        Binding("ctrl+pagedown", "next_tab", _("Next tab"), id="contact_card.next_tab",
                priority=True),
        Binding("ctrl+pageup", "previous_tab", _("Previous tab"), show=False,
                id="contact_card.previous_tab", priority=True),
        Binding("plus,insert", "add_code", _("Add"), id="contact_card.add"),
        Binding("minus,delete", "remove_code", _("Remove"), id="contact_card.remove"),
        Binding("f5,ctrl+r", "reload", _("Reload"), show=False, id="contact_card.reload"),
    ]

    def __init__(self, contact_no: str | None) -> None:
        super().__init__()
        self.contact_no = contact_no
        self.values: dict = {}
        self.changed = False
        self._busy = 0
        self._leaving = False
        self._leave_anyway = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with TabbedContent(id="card-tabs"):
            for group, title, fields in card_groups():
                with TabPane(literal_title(title), id=f"card-{group}"):
                    with VerticalScroll(classes="card-fields"):
                        with Grid(classes="card-grid"):
                            for spec in fields:
                                yield FieldRow(spec, id=f"card-field-{spec.attr}")
            with TabPane(_("Classification"), id="card-classification"):
                with Grid(id="card-lists"):
                    for key, title, lookup in code_lists():
                        with Vertical(classes="card-list"):
                            yield Label(literal(title), id=f"card-title-{key}",
                                        classes="card-list-title")
                            yield CodeList(key, lookup, id=f"card-list-{key}")
                yield Static("", id="card-message", markup=False)
            with TabPane(_("History"), id="card-history"):
                yield DataTable(cursor_type="row", id="card-history-table")
                yield Static("", id="card-history-empty", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#card-history-table", DataTable).add_columns(
            _("Entry"), _("Date"), _("Template"), _("Description"), _("Segment"),
            _("Evaluation"), _("Canceled"))
        if self.contact_no is None:
            self.title = _("New contact")
            self._show_new()
            self.row("no").editor.focus()
        else:
            self.title = printable(_("Contact {no}").format(no=self.contact_no))
            self.row("name").editor.focus()
            self.action_reload()

    # --- helpers ----------------------------------------------------------------------------

    def row(self, attr: str) -> FieldRow:
        return self.query_one(f"#card-field-{attr}", FieldRow)

    @property
    def form_rows(self) -> list[FieldRow]:
        return [row for row in self.query(FieldRow) if row.spec.attr not in NOT_SHOWN]

    def code_list(self, key: str) -> CodeList:
        return self.query_one(f"#card-list-{key}", CodeList)

    def _say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#card-message", Static)
        line.update(literal(message))
        line.set_class(error, "error")

    # --- loading ----------------------------------------------------------------------------

    def _show_new(self) -> None:
        """An empty card: Company, no channel, nothing ticked; lists and history wait."""
        for row in self.query(FieldRow):
            row.show({"type": option_label(ContactType.COMPANY)}.get(row.spec.attr, ""))
        self.query_one("#card-message", Static).update(
            _("Save a field first: then the classification can be added."))

    def action_reload(self) -> None:
        if self.contact_no is None:
            return

        def read(contact_no: str):
            return (contact_cards.contact_values(contact_no),
                    contact_cards.classification(contact_no),
                    contact_cards.history(contact_no, HISTORY_LIMIT))
        run_service(self, read, self.contact_no, done=self._loaded, group="card-read",
                    exclusive=True)

    def _loaded(self, loaded) -> None:
        self.values, classes, entries = loaded
        self.sub_title = printable(self.values["name"])
        for row in self.query(FieldRow):
            row.show(self.values.get(row.spec.attr, ""))
        self.row("no").enable(_("The number of a contact cannot change."))
        if self.focused is None or self.focused is self.row("no").editor:
            self.row("name").editor.focus()
        self.row("company_no").enable(
            None if self.values["is_person"] else _("A company is its own company."))
        for key, _title, _lookup in code_lists():
            self.code_list(key).show(classes[key])
        company = self.values["company_no"]
        title = _("Industry Groups")
        if self.values["is_person"]:
            title = (_("Industry Groups (of {company})").format(company=company) if company
                     else _("Industry Groups (none: no company)"))
        self.query_one("#card-title-industry_groups", Label).update(literal(title))
        self._show_history(entries)
        self.refresh_bindings()

    def _show_history(self, entries: list[dict]) -> None:
        table = self.query_one("#card-history-table", DataTable)
        table.clear()
        for entry in entries:
            table.add_row(*(literal(value) for value in (
                entry["entry_no"], entry["date"], entry["template"], entry["description"],
                entry["segment_no"], entry["evaluation"],
                _("Yes") if entry["canceled"] else "")))
        empty = self.query_one("#card-history-empty", Static)
        empty.update(_("No interactions logged for this contact."))
        empty.display = not entries

    # --- fields -----------------------------------------------------------------------------

    @on(FieldRow.Edited)
    def _edited(self, event: FieldRow.Edited) -> None:
        event.stop()
        loaded = self.contact_no is None or bool(self.values)
        if (loaded and event.attr not in NOT_SHOWN and not self._leaving
                and event.text != event.row.saved_text):  # posted before the values were shown
            self._save(event.row, event.text)

    def _save(self, row: FieldRow, text: str) -> None:
        if self.contact_no is None and self._busy:
            return  # the contact is being created with this edit already
        self._busy += 1

        def refused(message: str) -> None:
            self._busy -= 1
            row.set_message(message, error=True)
            if self._leaving:
                self._leaving = False
                self._leave_anyway = True

        if self.contact_no is None:
            values = {other.spec.attr: other.text for other in self.form_rows
                      if other.text != other.saved_text}
            values[row.spec.attr] = text
            run_service(self, contact_cards.create_contact, values, user=self.app.settings.user,
                        done=self._created, failed=refused, group="card-write")
        else:
            run_service(self, contact_cards.set_contact_field, self.contact_no, row.spec.attr,
                        text, done=self._saved, failed=refused, group="card-write")

    def _created(self, contact_no: str) -> None:
        self.contact_no = contact_no
        self.title = printable(_("Contact {no}").format(no=contact_no))
        self.query_one("#card-message", Static).update("")
        self._saved(None)

    def _saved(self, _result) -> None:
        self._busy -= 1
        self.changed = True
        if self._leaving and not self._busy:
            self.dismiss(True)
        elif not self._leaving:
            self.action_reload()

    def _pending_row(self) -> FieldRow | None:
        """The row being edited when its text differs from what is stored."""
        for row in self.form_rows:
            if row.has_focus_within and row.text != row.saved_text:
                return row
        return None

    def action_back(self) -> None:
        """Save the field being edited first; when that is refused, stay (Escape again leaves)."""
        row = None if self._leave_anyway else self._pending_row()
        self._leaving = True
        if row is not None:
            self._save(row, row.text)
        elif not self._busy:
            self.dismiss(self.changed)

    # --- tabs -------------------------------------------------------------------------------

    def _switch_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        panes = [pane.id for pane in tabs.query(TabPane)]
        tabs.active = panes[(panes.index(tabs.active) + step) % len(panes)]
        pane = tabs.get_pane(tabs.active)
        focusable = [widget for widget in pane.query("Input, Select, Checkbox, DataTable")
                     if widget.focusable]
        if focusable:
            focusable[0].focus()
        self.refresh_bindings()

    def action_next_tab(self) -> None:
        self._switch_tab(1)

    def action_previous_tab(self) -> None:
        self._switch_tab(-1)

    # --- classification ---------------------------------------------------------------------

    def _focused_list(self) -> CodeList | None:
        return self.focused if isinstance(self.focused, CodeList) else None

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "add_code":
            return self._focused_list() is not None and self.contact_no is not None
        if action == "remove_code":
            codes = self._focused_list()
            return codes is not None and codes.highlighted is not None
        return True

    @on(DataTable.RowSelected, "#card-history-table")
    def _history_chosen(self, event: DataTable.RowSelected) -> None:
        """Enter on the history: the contact's entries in the Interaction Log, over the card
        (Escape comes back), where each entry's actions are."""
        from segtui.domain.journal.interaction_log import EntryFilter
        from segtui.tui.screens.interaction_log import InteractionLogScreen

        event.stop()
        if self.contact_no is not None:
            quoted = "'" + self.contact_no.replace("'", "''") + "'"  # taken literally
            self.app.push_screen(InteractionLogScreen(EntryFilter(contact=quoted)))

    @on(DataTable.RowHighlighted)
    def _moved(self) -> None:
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_add_code(self) -> None:
        codes = self._focused_list()
        if codes is None or self.contact_no is None:
            return
        if codes.key == "industry_groups" and self.values.get("is_person"):
            company = self.values["company_no"]
            self._say(_("Industry groups belong to the company {company}: change them on its "
                        "card.").format(company=company) if company else
                      _("A person inherits industry groups from its company, and this person "
                        "has none."), error=True)
            return
        if codes.key == "profile_answers":
            self.app.push_screen(LookupDialog.of("profile_questionnaire"), self._pick_answer)
            return

        def chosen(code: str | None) -> None:
            if code is not None:
                self._change(ADD[codes.key], (code,), _("{code} added.").format(code=code))
        self.app.push_screen(LookupDialog.of(codes.lookup), chosen)

    def _pick_answer(self, questionnaire: str | None) -> None:
        if questionnaire is None:
            return

        def chosen(answer: str | None) -> None:
            if answer is not None:
                self._change(ADD["profile_answers"], (questionnaire, answer),
                             _("{code} added.").format(code=f"{questionnaire} {answer}"))
        self.app.push_screen(LookupDialog(
            _("Answers of {code}").format(code=questionnaire),
            lambda text: contact_cards.ProfileAnswerPageSource(questionnaire, text),
            code_columns()), chosen)

    def action_remove_code(self) -> None:
        codes = self._focused_list()
        if codes is None or codes.highlighted is None:
            return
        row = codes.highlighted
        if codes.key == "industry_groups" and self.values.get("is_person"):
            self.action_add_code()  # the same explanation: not the person's to change
            return
        args = ((row["questionnaire"], row["code"]) if codes.key == "profile_answers"
                else (row["code"],))
        code = " ".join(args)
        titles = {key: title for key, title, _lookup in code_lists()}
        question = _("Remove {code} from the {list} of contact {no}? 1 row is removed.").format(
            code=code, list=titles[codes.key], no=self.contact_no)

        def answered(remove: bool | None) -> None:
            if remove:
                self._change(REMOVE[codes.key], args, _("{code} removed.").format(code=code))

        self.app.push_screen(ConfirmDialog(question, default=False), answered)

    def _change(self, service, args: tuple, done_text: str) -> None:
        run_service(self, service, self.contact_no, *args,
                    done=lambda _result: self._changed(done_text),
                    failed=lambda message: self._say(message, error=True), group="card-write")

    def _changed(self, message: str) -> None:
        self.changed = True
        self._say(message)
        self.action_reload()
