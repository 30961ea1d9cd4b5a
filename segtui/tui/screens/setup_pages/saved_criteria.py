"""The Saved criteria page: each saved set with its user and actions; Enter shows its lines."""
from segtui.domain.segments.saved_criteria import delete_saved_criteria, saved_criteria_lines
from segtui.domain.segments.saved_criteria_pages import SavedCriteriaPageSource
from segtui.i18n import _
from segtui.tui.dialogs.confirm import ConfirmDialog
from segtui.tui.dialogs.text_view import TextViewDialog
from segtui.tui.screens.setup_pages.base import SetupPage
from segtui.tui.services import run_service
from segtui.tui.widgets.paged_table import CODE, PagedColumn


def saved_criteria_columns() -> list[PagedColumn]:
    return [PagedColumn(_("Code"), "code", 4, kind=CODE),
            PagedColumn(_("Description"), "description", 12, grow=1),
            PagedColumn(_("User"), "user_id", 4, kind=CODE),
            PagedColumn(_("Actions"), "no_of_actions", 3, kind=CODE, justify="right")]


def lines_text(lines: list[dict]) -> str:
    """The saved rows in order: each action, then its filters indented under it."""
    text = []
    for line in lines:
        if line["type"] == "Action":
            text.append(f"{line['line_no']:>4}  {_(line['action'])}")
        else:
            filters = ", ".join(f"{name} = {value}" for name, value in line["filters"].items())
            text.append(f"{line['line_no']:>4}      {line['table_name']}: {filters}")
    return "\n".join(text) or _("No lines.")


class SavedCriteriaDialog(TextViewDialog):
    """The lines of one saved criteria, read-only."""

    def __init__(self, code: str) -> None:
        super().__init__(_("Saved criteria {code}").format(code=code))
        self.code = code

    def on_mount(self) -> None:
        run_service(self, saved_criteria_lines, self.code,
                    done=lambda lines: self.show_text(lines_text(lines)),
                    failed=lambda message: self.show_message(message, error=True),
                    group="saved-criteria-lines")


class SavedCriteriaPage(SetupPage):
    """Saved criteria are made on a segment (Save criteria); here they are read and deleted."""

    can_create = False

    def __init__(self) -> None:
        super().__init__("setup-saved_criteria", saved_criteria_columns())

    def make_source(self, filter_text: str) -> SavedCriteriaPageSource:
        return SavedCriteriaPageSource(filter_text)

    def edit(self) -> None:
        row = self.highlighted_row
        if row is not None:
            self.app.push_screen(SavedCriteriaDialog(row.code))

    def delete(self) -> None:
        row = self.highlighted_row
        if row is None:
            return
        question = _("Delete saved criteria {code}?").format(code=row.code)

        def answered(delete: bool | None) -> None:
            if delete:
                run_service(self, delete_saved_criteria, row.code, done=self._deleted,
                            group="setup-write")

        self.app.push_screen(ConfirmDialog(question, default=False), answered)

    def _deleted(self, _result: None) -> None:
        self.reload()
