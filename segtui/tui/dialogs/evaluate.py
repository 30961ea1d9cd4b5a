"""Evaluate Interaction: pick one evaluation for the chosen entries (M-40)."""
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from segtui.domain.values import option_label
from segtui.i18n import _, n_
from segtui.store.enums import Evaluation
from segtui.tui.literal import literal, literal_title


def evaluation_labels() -> list[str]:
    """The evaluations a person may choose, as NAV lists them (not the blank one)."""
    return [option_label(member) for member in Evaluation if member != Evaluation.BLANK]


class EvaluateDialog(ModalScreen[str | None]):
    """Dismisses with the chosen evaluation's label ("Very Positive" …), or None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", _("Cancel"), id="evaluate.cancel"),
    ]

    def __init__(self, count: int) -> None:
        super().__init__(classes="dialog")
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box evaluate-box") as box:
            box.border_title = literal_title(n_("Evaluate {count:,} entry",
                                                "Evaluate {count:,} entries", self.count))
            yield OptionList(*(Option(literal(_(label)), id=label)
                               for label in evaluation_labels()),
                             id="evaluate-options")
            yield Static(_("Enter chooses · Esc cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
