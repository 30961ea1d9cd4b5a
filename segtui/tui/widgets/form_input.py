"""segtui's text field: shows the start of its value whenever it is not being edited.

Textual's Input keeps the scroll position of its cursor when the focus leaves it, so a value
longer than the field showed its end ("pring mailing", the first letters scrolled away). On
blur the cursor (and with it the view) goes back to the start. On focus it goes to the end,
where typing carries on, when the whole value fits; a longer value keeps showing its start
(End goes to its end).
"""
from rich.cells import cell_len
from textual import events
from textual.widgets import Input


class FormInput(Input):
    """An Input that shows the start of its value when it has no focus."""

    # Textual calls the handler of each class of the MRO: Input's own runs after these.
    def _on_blur(self, _event: events.Blur) -> None:
        self.cursor_position = 0

    def _on_focus(self, _event: events.Focus) -> None:
        if not self.select_on_focus:
            self._to_end()  # (Widget's own handler, later in the MRO, sets has_focus)

    def show_start(self) -> None:
        """After setting the value from outside: its start; the cursor at its end when the
        field has the focus and the value fits (known once the field is laid out)."""
        if self.has_focus:
            self._to_end()
        else:
            self.cursor_position = 0

    def _to_end(self) -> None:
        self.cursor_position = len(self.value)
        self.call_after_refresh(self._start_if_long, self.value)

    def _start_if_long(self, value: str) -> None:
        width = self.content_size.width
        untouched = self.value == value and self.cursor_position == len(value)
        if self.has_focus and untouched and width and cell_len(value) >= width:
            self.cursor_position = 0
