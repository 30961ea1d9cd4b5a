"""The Add / Reduce / Refine Contacts dialog: filters per criteria source, options, a live count."""
import re
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Input, Label, Static

from segtui.domain.segments.selection import AddOptions, add_contacts, remove_contacts
from segtui.domain.segments.criteria_sources import (SOURCE_ORDER, SOURCES, CriteriaSet,
                                                     parse_criterion)
from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.store.enums import CriteriaAction
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.literal import literal, literal_title
from segtui.tui.quiet import after_quiet
from segtui.tui.services import run_service
from segtui.tui.widgets.check_box import TickBox
from segtui.tui.widgets.form_input import FormInput

COUNT_DELAY = 0.3  # seconds of quiet typing before the count is asked for
OTHER = "other"    # the key of the free "Other criteria" field
TITLES = {CriteriaAction.ADD_CONTACTS: "Add Contacts", CriteriaAction.REDUCE: "Reduce Contacts",
          CriteriaAction.REFINE: "Refine Contacts"}
ADD_OPTIONS = [("allow_existing", "Allow Existing Contacts"),
               ("expand_companies", "Expand Companies"),
               ("related_companies", "Allow Related Companies"),
               ("ignore_exclusion", "Ignore Exclusion")]
# A term of "Other criteria" starts at a `SOURCE=` or `SOURCE.FIELD=` after a space, or after `;`.
TERM_BREAK = re.compile(r"\s*;\s*|\s+(?=[\w-]+(?:\.[\w-]+)?=)")


@dataclass(frozen=True)
class CriterionField:
    """A filter field offered by default: its source, field, label, pick list and example."""
    source: str
    field: str
    label: str
    lookup: str | None = None
    hint: str = ""

    @property
    def key(self) -> str:
        return f"{self.source}.{self.field}"


FIELDS = [
    CriterionField("contact", "no", "No.", "contact", "C0001|C0002"),
    CriterionField("contact", "search_name", "Search Name", hint="*ACME*"),
    CriterionField("contact", "type", "Type", hint="Company|Person"),
    CriterionField("contact", "salesperson", "Salesperson", "salesperson"),
    CriterionField("contact", "post_code", "Post Code", hint="10000..19999"),
    CriterionField("contact", "country", "Country/Region", "country"),
    CriterionField("contact", "territory", "Territory"),
    CriterionField("profile", "questionnaire", "Questionnaire", "profile_questionnaire"),
    CriterionField("profile", "answer", "Answer", hint="LARGE or CUSTOMER:LARGE"),
    CriterionField("mailing", "code", "Code", "mailing_group"),
    CriterionField("interaction", "date", "Date", hint="2026-01-01..2026-03-31"),
    CriterionField("interaction", "segment", "Segment No.", "segment"),
    CriterionField("interaction", "campaign", "Campaign No.", "campaign"),
    CriterionField("interaction", "evaluation", "Evaluation", hint="Positive|Very Positive"),
    CriterionField("interaction", "template", "Template", "interaction_template"),
    CriterionField("interaction", "salesperson", "Salesperson", "salesperson"),
    CriterionField("interaction", "logged_segment", "Logged Segment", "logged_segment"),
    CriterionField("segment", "no", "Segment No.", "segment"),
    CriterionField("jobresp", "code", "Code", "job_responsibility"),
    CriterionField("industry", "code", "Code", "industry_group"),
    CriterionField("business", "code", "Code", "business_relation"),
]


@dataclass(frozen=True)
class CriteriaRequest:
    """What the person asked for; the caller runs the action with it."""
    action: CriteriaAction
    criteria: CriteriaSet
    options: AddOptions
    entire_companies: bool
    all_contacts: bool


@dataclass(frozen=True)
class Preview:
    """The criteria as parsed (or a message per field key) and the count of a dry run."""
    errors: dict[str, str]
    criteria: CriteriaSet
    count: int | None


def split_terms(text: str) -> list[str]:
    """The `SOURCE.FIELD=FILTER` terms of the "Other criteria" field."""
    return [term for term in TERM_BREAK.split(text.strip()) if term]


def preview(segment_no: str, action: CriteriaAction, entries: tuple[tuple[str, str], ...],
            options: AddOptions, entire_companies: bool, user: str) -> Preview:
    """Parse every filled field; when all parse, count what the action would change."""
    criteria, errors = [], {}
    for key, text in entries:
        terms = split_terms(text) if key == OTHER else [f"{key}={text}"]
        for term in terms:
            try:
                criteria.append(parse_criterion(term))
            except DomainError as error:
                message = str(error)
                if key != OTHER:
                    message = message.removeprefix(f"{term}: ")
                errors.setdefault(key, message)
    if errors:
        return Preview(errors, CriteriaSet(), None)
    chosen = CriteriaSet.of(criteria)
    if action == CriteriaAction.ADD_CONTACTS:
        result = add_contacts(segment_no, chosen, user=user, options=options,
                              all_contacts=not chosen, dry_run=True)
    elif not chosen:
        return Preview({}, chosen, None)
    else:
        result = remove_contacts(segment_no, action, chosen, user=user,
                                 entire_companies=entire_companies, dry_run=True)
    return Preview({}, chosen, result.count)


def describe_count(action: CriteriaAction, result: Preview) -> str:
    """The status line for a finished count."""
    if action != CriteriaAction.ADD_CONTACTS:
        if not result.criteria:
            return _("Give a criterion: {action} needs at least one").format(
                action=_(TITLES[action]))
        if result.count == 1:
            return _("Would remove 1 line")
        return _("Would remove {count} lines").format(count=f"{result.count:,}")
    if result.count == 1:
        text = _("Would add 1 contact")
    else:
        text = _("Would add {count} contacts").format(count=f"{result.count:,}")
    if not result.criteria:
        text += " " + _("(every contact)")
    return text


class CriteriaDialog(ModalScreen[CriteriaRequest | None]):
    """Asks for the criteria and options of Add / Reduce / Refine Contacts on one segment;
    dismisses with a `CriteriaRequest`, or None on Escape. It never writes."""

    BINDINGS = [
        Binding("ctrl+s", "apply", _("OK"), id="criteria.apply", priority=True),
        Binding("escape", "cancel", _("Cancel"), id="criteria.cancel"),
        Binding("f4", "lookup", _("Lookup"), id="criteria.lookup"),
    ]

    def __init__(self, segment_no: str, action: CriteriaAction) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self.action = action
        self._timer: Timer | None = None
        self._latest: tuple[tuple, Preview] | None = None
        self._apply_requested = False

    @property
    def count_pending(self) -> bool:
        """A count is waiting for the typing to pause."""
        return self._timer is not None

    @property
    def is_add(self) -> bool:
        return self.action == CriteriaAction.ADD_CONTACTS

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box criteria-box") as box:
            box.border_title = literal_title(_(TITLES[self.action]))
            box.border_subtitle = _("F4 pick · Ctrl+S OK · Esc cancel")
            with VerticalScroll(id="criteria-fields") as fields:
                fields.can_focus = False  # Tab goes from field to field; focus scrolls them
                for source in SOURCE_ORDER:
                    yield Static(literal(_(SOURCES[source].caption)), classes="criteria-heading")
                    for spec in FIELDS:
                        if spec.source == source:
                            yield from self._field(spec.key, _(spec.label),
                                                   _(spec.hint) if spec.hint else "")
                yield Static(_("More"), markup=False, classes="criteria-heading")
                yield from self._field(OTHER, _("Other criteria"),
                                       _("SOURCE.FIELD=FILTER …, e.g. contact.city=OSLO"))
                yield Static(_("Options"), markup=False, classes="criteria-heading")
                if self.is_add:
                    for name, label in ADD_OPTIONS:
                        yield TickBox(literal(_(label)), compact=True, id=f"option-{name}",
                                       classes="criteria-option")
                else:
                    yield TickBox(_("Entire Companies"), compact=True,
                                   id="option-entire_companies", classes="criteria-option")
            with Horizontal(id="criteria-bar"):
                yield Static("", id="criteria-count", markup=False)
                yield Button(_("OK"), id="criteria-ok", variant="primary", compact=True)
                yield Button(_("Cancel"), id="criteria-cancel", compact=True)

    @staticmethod
    def _field(key: str, label: str, hint: str) -> ComposeResult:
        name = key.replace(".", "-")
        with Vertical(classes="criteria-field", id=f"field-{name}"):
            with Horizontal(classes="criteria-line"):
                yield Label(literal(label), classes="criteria-label")
                yield FormInput(placeholder=hint, compact=True, id=f"input-{name}",
                            classes="criteria-input", select_on_focus=False)
            yield Static("", classes="criteria-message", markup=False)

    def on_mount(self) -> None:
        self.query(".criteria-input").first(Input).focus()
        self._refresh_count()

    # -- reading the form --------------------------------------------------------------------
    def field_input(self, key: str) -> Input:
        return self.query_one(f"#input-{key.replace('.', '-')}", Input)

    def _keys(self) -> list[str]:
        return [spec.key for spec in FIELDS] + [OTHER]

    def _option(self, name: str) -> bool:
        return self.query_one(f"#option-{name}", Checkbox).value

    def _options(self) -> AddOptions:
        if not self.is_add:
            return AddOptions()
        return AddOptions(**{name: self._option(name) for name, _label in ADD_OPTIONS})

    def _entire_companies(self) -> bool:
        return not self.is_add and self._option("entire_companies")

    def _snapshot(self) -> tuple:
        entries = tuple((key, self.field_input(key).value.strip()) for key in self._keys()
                        if self.field_input(key).value.strip())
        return entries, self._options(), self._entire_companies()

    # -- the live count ----------------------------------------------------------------------
    @on(Input.Changed, ".criteria-input")
    @on(Checkbox.Changed, ".criteria-option")
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._show_status(_("Counting…"))
        self._timer = after_quiet(self, COUNT_DELAY, self._refresh_count)

    def _refresh_count(self) -> None:
        self._timer = None
        wanted = self._snapshot()
        if self._latest is not None and self._latest[0] == wanted:
            self._counted(wanted, self._latest[1])
            return
        entries, options, entire_companies = wanted
        self._show_status(_("Counting…"))
        run_service(self, preview, self.segment_no, self.action, entries, options,
                    entire_companies, self.app.settings.user,
                    done=lambda result: self._counted(wanted, result),
                    failed=lambda message: self._count_failed(wanted, message),
                    group="live-count", exclusive=True)

    def _counted(self, wanted: tuple, result: Preview) -> None:
        if self._timer is not None or wanted != self._snapshot():
            return  # a newer count is on its way
        self._latest = (wanted, result)
        for key in self._keys():
            self._set_message(key, result.errors.get(key, ""))
        if result.errors:
            self._show_status(_("— (fix the field marked in red)"), refused=True)
        else:
            self._show_status(describe_count(self.action, result),
                              refused=not result.criteria and not self.is_add)
        if self._apply_requested:
            self._apply_requested = False
            self._finish_apply(result)

    def _count_failed(self, wanted: tuple, message: str) -> None:
        if self._timer is not None or wanted != self._snapshot():
            return
        self._apply_requested = False
        self._show_status(message, refused=True)

    def _show_status(self, text: str, *, refused: bool = False) -> None:
        status = self.query_one("#criteria-count", Static)
        status.update(literal(text))
        status.set_class(refused, "refused")

    def _set_message(self, key: str, message: str) -> None:
        field = self.query_one(f"#field-{key.replace('.', '-')}", Vertical)
        line = field.query_one(".criteria-message", Static)
        line.update(literal(message))
        line.set_class(bool(message), "shown")
        field.set_class(bool(message), "invalid")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the field being edited (`:focus-within` does not restyle its label here)."""
        owner = next((node for node in event.widget.ancestors_with_self
                      if node.has_class("criteria-field")), None)
        for field in self.query(".criteria-field"):
            field.set_class(field is owner, "current")

    # -- actions -----------------------------------------------------------------------------
    @on(Input.Submitted, ".criteria-input")
    def _next_field(self) -> None:
        self.focus_next()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "lookup":
            return self._focused_lookup() is not None
        return True

    def _focused_lookup(self) -> CriterionField | None:
        focused = self.focused
        return next((spec for spec in FIELDS
                     if spec.lookup and focused is not None
                     and focused.id == f"input-{spec.key.replace('.', '-')}"), None)

    def action_lookup(self) -> None:
        """Pick a code for the focused field; it is added to what the field holds with `|`."""
        spec = self._focused_lookup()
        if spec is None:
            return
        editor = self.field_input(spec.key)

        def chosen(code: str | None) -> None:
            if code is None:
                return
            current = editor.value.strip()
            editor.value = f"{current}|{code}" if current else code
            editor.cursor_position = len(editor.value)
            editor.focus()
        self.app.push_screen(LookupDialog.of(spec.lookup), chosen)

    def action_apply(self) -> None:
        """OK: as soon as the count for what the fields hold now is known."""
        self._apply_requested = True
        if self._timer is not None:
            self._timer.stop()
        self._refresh_count()

    def _finish_apply(self, result: Preview) -> None:
        if result.errors:
            first = next(key for key in self._keys() if key in result.errors)
            self.field_input(first).focus()
            self.app.bell()
            return
        request = CriteriaRequest(self.action, result.criteria, self._options(),
                                  self._entire_companies(), all_contacts=False)
        if result.criteria:
            self.dismiss(request)
        elif not self.is_add:
            self.query(".criteria-input").first(Input).focus()
            self.app.bell()
        else:
            self._confirm_all(request, result.count or 0)

    def _confirm_all(self, request: CriteriaRequest, count: int) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(CriteriaRequest(request.action, request.criteria, request.options,
                                             request.entire_companies, all_contacts=True))
        question = _("Add every contact ({count}) to the segment?").format(count=f"{count:,}")
        self.app.push_screen(ConfirmDialog(question, default=False), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#criteria-ok")
    def _ok_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_apply()

    @on(Button.Pressed, "#criteria-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
