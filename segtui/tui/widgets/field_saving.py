"""Saving a record field by field, for the dialogs that edit one (a segment line, a setup record).

Each `FieldRow` is saved when the person finishes it; leaving first saves the field being edited.
When that save is refused the dialog stays open with the message beside the field, and leaving
again goes without it.
"""
from collections.abc import Callable

from segtui.tui.widgets.field_row import FieldRow


class FieldSaving:
    """Mixed into a Screen: subclasses give `write_field` (start the save), `reload` (show the
    stored values) and `left` (close, saying whether anything changed)."""

    changed = False
    _saving = 0
    _leaving = False
    _leave_anyway = False

    def write_field(self, row: FieldRow, text: str, done: Callable, failed: Callable) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        raise NotImplementedError

    def left(self) -> None:
        raise NotImplementedError

    def save_field(self, row: FieldRow, text: str) -> None:
        """Save `row`'s text; afterwards show the stored values, or close when leaving."""
        def saved(_result) -> None:
            self._saving -= 1
            self.changed = True
            if self._leaving and not self._saving:
                self.left()
            elif not self._leaving:
                self.reload()

        def refused(message: str) -> None:
            self._saving -= 1
            row.set_message(message, error=True)
            if self._leaving:
                self._leaving = False
                self._leave_anyway = True

        self._saving += 1
        self.write_field(row, text, saved, refused)

    def field_edited(self, row: FieldRow, text: str) -> None:
        if not self._leaving:
            self.save_field(row, text)

    def pending_row(self) -> FieldRow | None:
        """The row being edited when its text differs from what is stored."""
        for row in self.query(FieldRow):
            if row.has_focus_within and row.text != row.saved_text:
                return row
        return None

    def leave(self) -> None:
        """Save the field being edited (unless its save was just refused), then close."""
        row = None if self._leave_anyway else self.pending_row()
        self._leaving = True
        if row is not None:
            self.save_field(row, row.text)
        elif not self._saving:
            self.left()
