"""The interaction statistics (S-14): per template and per group, how many interactions, their
cost and duration, under a date filter typed at the top (Enter applies); read-only."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from segtui.domain.journal.interaction_statistics import (
    StatisticsLine, group_statistics, template_statistics, total)
from segtui.domain.values import amount_text
from segtui.i18n import _
from segtui.tui.literal import literal
from segtui.tui.services import run_service
from segtui.tui.widgets.form_input import FormInput

NUMBER_WIDTHS = (6, 9, 11)  # No., cost, duration (right-aligned; "Varaktighet" whole)


def _both(date_filter: str) -> tuple[list[StatisticsLine], list[StatisticsLine]]:
    """Both tables' lines in one worker call (a bad filter is refused before either is read)."""
    return template_statistics(date_filter), group_statistics(date_filter)


class InteractionStatisticsDialog(ModalScreen[None]):
    """The two tables under the date filter field; Tab moves between field and tables, Esc
    closes."""

    BINDINGS = [
        Binding("escape", "close", _("Close"), id="statistics.close"),
    ]

    def __init__(self, date_filter: str = "") -> None:
        super().__init__(classes="dialog")
        self.date_filter = date_filter

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box statistics-box") as box:
            box.border_title = _("Interaction statistics")
            with Horizontal(classes="field-line"):
                yield Label(_("Date filter"), classes="field-label")
                yield FormInput(self.date_filter, id="statistics-date", compact=True,
                                placeholder=_("e.g. 2026-01-01..2026-06-30"),
                                classes="field-editor")
            yield Static(_("Loading…"), id="statistics-status", markup=False)
            yield Label(_("Per template"), classes="statistics-heading")
            yield DataTable(cursor_type="row", id="statistics-templates")
            yield Label(_("Per group"), classes="statistics-heading")
            yield DataTable(cursor_type="row", id="statistics-groups")
            yield Static(_("Enter applies the filter · Tab next table · Esc closes"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        templates = self.query_one("#statistics-templates", DataTable)
        groups = self.query_one("#statistics-groups", DataTable)
        numbers = list(zip((_("No."), _("Cost"), _("Duration")), NUMBER_WIDTHS))
        for table, columns in (
                (templates, [(_("Code"), 10), (_("Description"), 16), (_("Group"), 8)]),
                (groups, [(_("Code"), 10), (_("Description"), 26)])):
            for label, width in columns:
                table.add_column(literal(label), width=width)
            for label, width in numbers:
                table.add_column(literal(label, justify="right"), width=width)
        self.query_one("#statistics-date", Input).focus()
        self.reload()

    def reload(self) -> None:
        self._say(_("Loading…"))
        run_service(self, _both, self.date_filter, done=self._loaded, failed=self._refused,
                    group="statistics-read", exclusive=True)

    def _loaded(self, lines: tuple[list[StatisticsLine], list[StatisticsLine]]) -> None:
        template_lines, group_lines = lines
        self._fill(self.query_one("#statistics-templates", DataTable), template_lines,
                   lambda line: (line.code, line.description, line.group_code))
        self._fill(self.query_one("#statistics-groups", DataTable), group_lines,
                   lambda line: (line.code, line.description))
        status = (_("Canceled and postponed interactions are not counted") if not self.date_filter
                  else _("Dated {filter}; canceled and postponed not counted").format(
                      filter=self.date_filter))
        self._say(status)

    def _fill(self, table: DataTable, lines: list[StatisticsLine], texts) -> None:
        table.clear()
        for line in [*lines, total(lines)]:
            # the total row has no code: "Total" where its description would be
            names = texts(line) if line.code else ("", _("Total"), "")[:len(texts(line))]
            numbers = (str(line.no_of_interactions), amount_text(line.cost),
                       amount_text(line.duration))
            table.add_row(*(literal(name, style="" if line.code else "bold", no_wrap=True,
                                    overflow="ellipsis") for name in names),
                          *(literal(number, justify="right", no_wrap=True) for number in numbers),
                          key=line.code or None)

    def _refused(self, message: str) -> None:
        self._say(message, error=True)

    def _say(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#statistics-status", Static)
        status.set_class(error, "dialog-error")
        status.update(literal(message))

    @on(Input.Submitted, "#statistics-date")
    def _apply(self, event: Input.Submitted) -> None:
        event.stop()
        self.date_filter = event.value.strip()
        self.reload()

    def action_close(self) -> None:
        self.dismiss(None)
