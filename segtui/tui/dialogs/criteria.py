"""The Add / Reduce / Refine Contacts dialog: a list of criteria sources (one key each) beside
the chosen source's fields; the options and the live count below them, always in view."""
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Checkbox, ContentSwitcher, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from segtui.domain.segments.selection import AddOptions
from segtui.i18n import _
from segtui.store.enums import CriteriaAction
from segtui.tui.commands import node_bindings
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.criteria_fields import (  # noqa: F401  (the dialog's names, for callers)
    ADD_OPTIONS, FIELDS, OTHER, PAGE_NAMES, PAGES, TITLES, CriteriaRequest, CriterionField,
    Preview,
    describe_count, other_placeholder, page_caption, page_fields, page_of, placeholder, preview,
    split_terms)
from segtui.tui.dialogs.lookup import LookupDialog
from segtui.tui.literal import Literal, literal, literal_title
from segtui.tui.quiet import after_quiet
from segtui.tui.services import run_service
from segtui.tui.widgets.check_box import TickBox
from segtui.tui.widgets.form_input import FormInput

COUNT_DELAY = 0.3  # seconds of quiet typing before the count is asked for
SOURCE_PREFIX = "criteria.source_"
INVALID = "✗"      # marks a refused filter in words, not only in red (NO_COLOR)
FILLED = "•"       # marks a source that holds a filter


def _source_binding(page: str, label: str, key: str) -> Binding:
    # priority: an Input would type alt+c as "c"; a plain letter still types into an Input
    # (Textual leaves a binding out when the focused widget consumes its key)
    return Binding(f"{key},alt+{key}", f"source('{page}')",
                   _("Source: {name}").format(name=_(label)), id=f"{SOURCE_PREFIX}{page}",
                   priority=True)


class CriteriaDialog(ModalScreen[CriteriaRequest | None]):
    """Asks for the criteria and options of Add / Reduce / Refine Contacts on one segment;
    dismisses with a `CriteriaRequest`, or None on Escape. It never writes."""

    BINDINGS = [
        Binding("ctrl+s", "apply", _("OK"), id="criteria.apply", priority=True),
        Binding("escape", "cancel", _("Cancel"), id="criteria.cancel"),
        Binding("f4", "lookup", _("Lookup"), id="criteria.lookup"),
        Binding("f1", "app.help", _("Help"), id="criteria.help"),
        *(_source_binding(page, label, key) for page, label, key in PAGES),
    ]

    def __init__(self, segment_no: str, action: CriteriaAction) -> None:
        super().__init__(classes="dialog")
        self.segment_no = segment_no
        self.action = action
        self._timer: Timer | None = None
        self._latest: tuple[tuple, Preview] | None = None
        self._apply_requested = False
        self._errors: dict[str, str] = {}

    @property
    def count_pending(self) -> bool:
        """A count is waiting for the typing to pause."""
        return self._timer is not None

    @property
    def is_add(self) -> bool:
        return self.action == CriteriaAction.ADD_CONTACTS

    @property
    def page(self) -> str:
        """The source whose fields show now."""
        return self.query_one(ContentSwitcher).current.removeprefix("page-")

    # -- the keys, as the user's keymap has them -------------------------------------------
    def _keys_of(self, binding_id: str) -> list[str]:
        for bindings in node_bindings(self):
            if bindings[0].id == binding_id:
                return [self.app.get_key_display(binding) for binding in bindings]
        return []

    def _key_hint(self) -> str:
        return _("alt+key source · {lookup} pick · {apply} OK · {cancel} cancel").format(
            lookup=self._first_key("criteria.lookup"),
            apply=self._first_key("criteria.apply"), cancel=self._first_key("criteria.cancel"))

    def _first_key(self, binding_id: str) -> str:
        return next(iter(self._keys_of(binding_id)), "")

    # -- the form ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lookup_key = self._first_key("criteria.lookup")
        with Vertical(classes="dialog-box criteria-box") as box:
            box.border_title = literal_title(_(TITLES[self.action]))
            box.border_subtitle = literal(self._key_hint())
            with Horizontal(id="criteria-main"):
                with Vertical(id="criteria-side"):
                    yield Label(_("Source"), id="criteria-sources-title")
                    # each prompt is written on mount and after each count (_refresh_sources)
                    yield OptionList(*(Option(literal(""), id=page)
                                       for page, _label, _key in PAGES), id="criteria-sources")
                with ContentSwitcher(initial=f"page-{PAGES[0][0]}", id="criteria-pages"):
                    for page, _label, _key in PAGES:
                        with VerticalScroll(id=f"page-{page}", classes="criteria-page") as pane:
                            pane.can_focus = False  # Tab goes from field to field
                            yield Static(literal(page_caption(page)),
                                         classes="criteria-heading")
                            if page == OTHER:
                                yield from self._field(OTHER, _("Criteria"),
                                                       other_placeholder())
                                yield Static(_("Any field of any source: SOURCE.FIELD=FILTER, "
                                               "terms apart by ; or a space"),
                                             markup=False, classes="criteria-note")
                            for spec in FIELDS:
                                if spec.source == page:
                                    yield from self._field(spec.key, _(spec.label),
                                                           placeholder(spec, lookup_key))
            with Grid(id="criteria-options"):
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

    def _source_prompt(self, page: str) -> Literal:
        """`1 Contact`, with ✗ when one of its filters is refused and • when it holds one."""
        key = next(iter(self._keys_of(SOURCE_PREFIX + page)), "")
        label = _(PAGE_NAMES[page])
        keys_in_page = page_fields(page)
        mark = ""
        if any(field in self._errors for field in keys_in_page):
            mark = INVALID
        elif any(self.field_input(field).value.strip() for field in keys_in_page):
            mark = FILLED
        prompt = literal(f"{key} {label} {mark}".rstrip())
        prompt.stylize("bold", 0, len(key) + 1)  # the key: a bold row is the highlighted one
        return prompt

    def on_mount(self) -> None:
        self.query_one("#criteria-sources", OptionList).focus()
        self._refresh_sources()
        self._refresh_count()

    def _refresh_sources(self) -> None:
        sources = self.query_one("#criteria-sources", OptionList)
        for page, _label, _key in PAGES:
            sources.replace_option_prompt(page, self._source_prompt(page))

    # -- choosing a source ------------------------------------------------------------------
    def action_source(self, page: str) -> None:
        """Show the source's fields and go into the first (a source key, from anywhere)."""
        self._show_page(page)
        self.field_input(page_fields(page)[0]).focus()

    def _show_page(self, page: str) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current != f"page-{page}":
            switcher.current = f"page-{page}"
        sources = self.query_one("#criteria-sources", OptionList)
        index = sources.get_option_index(page)
        if sources.highlighted != index:
            sources.highlighted = index
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#criteria-sources")
    def _source_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_page(event.option.id)

    @on(OptionList.OptionSelected, "#criteria-sources")
    def _source_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_source(event.option.id)

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
        self._errors = dict(result.errors)
        for key in self._keys():
            self._set_message(key, result.errors.get(key, ""))
        self._refresh_sources()
        if result.errors:
            # no number while a filter is refused: it would count without that filter
            self._show_status(self._fix_message(), refused=True)
        else:
            self._show_status(describe_count(self.action, result),
                              refused=not result.criteria and not self.is_add)
        self.refresh_bindings()
        if self._apply_requested:
            self._apply_requested = False
            self._finish_apply(result)

    def _first_error(self) -> str | None:
        return next((key for key in self._keys() if key in self._errors), None)

    def _fix_message(self) -> str:
        first = self._first_error()
        if first is not None and page_of(first) != self.page:
            return _("{mark} Fix the filter in {source} first").format(
                mark=INVALID, source=_(PAGE_NAMES[page_of(first)]))
        return _("{mark} Fix the filter marked {mark} first").format(mark=INVALID)

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
        line.update(literal(f"{INVALID} {message}" if message else ""))
        line.set_class(bool(message), "shown")
        field.set_class(bool(message), "invalid")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the field being edited (`:focus-within` does not restyle its label here)."""
        owner = next((node for node in event.widget.ancestors_with_self
                      if node.has_class("criteria-field")), None)
        for field in self.query(".criteria-field"):
            field.set_class(field is owner, "current")
        if self._errors and self._latest is not None:
            self._show_status(self._fix_message(), refused=True)

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
            self.action_source(page_of(first))
            self.field_input(first).focus()
            self.app.bell()
            return
        request = CriteriaRequest(self.action, result.criteria, self._options(),
                                  self._entire_companies(), all_contacts=False)
        if result.criteria:
            self.dismiss(request)
        elif not self.is_add:
            self.field_input(page_fields(self.page)[0]).focus()
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
