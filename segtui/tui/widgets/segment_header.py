"""The header panel of the Segment form: its fields in the groups General, Interaction, Campaign.

The fields are declared once (`header_groups`); the values come from
`segment_queries.header_values` and the enabled state from `header_questions.disabled_fields`.
Alt+G, Alt+I, Alt+C open a group while the header has the focus (Tab walks the open group's
fields only); the key bar shows them then. (Not Alt+digit: a terminal sends Esc+digit, which
Textual reads as the characters of macOS's Option+digit.)
"""
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import TabbedContent, TabPane

from segtui.domain.values import option_label
from segtui.i18n import _
from segtui.store.enums import CorrespondenceType, InformationFlow, InitiatedBy
from segtui.tui.literal import literal_title
from segtui.tui.widgets.field_row import FieldRow, FormField

# Where each field's value is found in segment_queries.header_values().
VALUE_KEYS = {"no": "segment_no", "salesperson": "salesperson_code", "campaign": "campaign_no",
              "interaction_template": "interaction_template_code",
              "interaction_group": "interaction_group_code"}


def _options(enum) -> tuple[str, ...]:
    return tuple(option_label(member) for member in enum)


def header_groups() -> list[tuple[str, str, list[FormField]]]:
    """(id, title, fields) of each group, in the order of NAV's FastTabs."""
    return [
        ("general", _("General"), [
            FormField("no", _("No."), "info"),
            FormField("description", _("Description")),
            FormField("salesperson", _("Salesperson"), "code", "salesperson"),
            FormField("date", _("Date"), "date"),
            FormField("no_of_lines", _("No. of Lines"), "info"),
            FormField("no_of_criteria_actions", _("Criteria Actions"), "info"),
        ]),
        ("interaction", _("Interaction"), [
            FormField("interaction_template", _("Template"), "code", "interaction_template"),
            FormField("language_code_default", _("Language"), "code", "language"),
            FormField("subject_default", _("Subject")),
            FormField("ignore_contact_corres_type", _("Ignore Corr. Type"), "bool"),
            FormField("correspondence_type_default", _("Corr. Type"), "option",
                      options=_options(CorrespondenceType)),
            FormField("send_word_docs_as_attmt", _("Word as Attmt."), "bool"),
            FormField("unit_cost", _("Unit Cost"), "amount"),
            FormField("unit_duration", _("Unit Duration"), "amount"),
            FormField("information_flow", _("Info. Flow"), "option",
                      options=_options(InformationFlow)),
            FormField("initiated_by", _("Initiated By"), "option", options=_options(InitiatedBy)),
            FormField("interaction_group", _("Inter. Group"), "info"),
            FormField("cost", _("Total Cost"), "info"),
        ]),
        ("campaign", _("Campaign"), [
            FormField("campaign", _("Campaign No."), "code", "campaign"),
            FormField("campaign_target", _("Target"), "bool"),
            FormField("campaign_response", _("Response"), "bool"),
            FormField("duration", _("Total Duration"), "info"),
        ]),
    ]


class SegmentHeaderPanel(Vertical):
    """The header fields in three tabs, two columns each."""

    BINDINGS = [
        # priority: a terminal's Alt+I is a printable "i" too, which a field would take
        Binding("alt+g", "open_group('general')", _("General"), id="header.general",
                priority=True),
        Binding("alt+i", "open_group('interaction')", _("Interaction"),
                id="header.interaction", priority=True),
        Binding("alt+c", "open_group('campaign')", _("Campaign"), id="header.campaign",
                priority=True),
    ]

    def compose(self) -> ComposeResult:
        with TabbedContent():
            for group, title, fields in header_groups():
                with TabPane(literal_title(title), id=f"header-{group}"):
                    with Grid(classes="header-grid"):
                        for spec in fields:
                            yield FieldRow(spec, id=f"field-{spec.attr}")

    def show_values(self, values: dict, disabled: dict[str, str]) -> None:
        """Show the header as stored, each field enabled or disabled with its reason."""
        for row in self.query(FieldRow):
            attr = row.spec.attr
            row.show(values.get(VALUE_KEYS.get(attr, attr), ""))
            row.enable(disabled.get(attr))

    def action_open_group(self, group: str) -> None:
        """Show the group's tab and put the focus on its first field that can be edited."""
        tabs = self.query_one(TabbedContent)
        tabs.active = f"header-{group}"
        self.focus_first_field()

    def focus_first_field(self) -> None:
        pane = self.query_one(TabbedContent).active_pane
        editors = [editor for editor in pane.query(".field-editor") if editor.focusable]
        if editors:
            editors[0].focus()

    def row(self, attr: str) -> FieldRow:
        return self.query_one(f"#field-{attr}", FieldRow)
