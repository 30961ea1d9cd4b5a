"""segtui's check box: `[x] Label` when ticked, `[ ] Label` when not, in every theme and NO_COLOR.

Textual's Checkbox draws the same `▐X▌` either way and tells the states apart by colour only,
which a terminal without colour (NO_COLOR, a plain SSH session) cannot show. The message, the
bindings and the `-on` class stay Textual's, so `Checkbox.Changed` handlers and `Checkbox` CSS
and queries keep matching. The space between the button and the label is the box's own: Textual
pads the label on both sides and the focus colours that padding too, which drew `[x]Deliver`.
"""
from textual.widgets import Checkbox

from segtui.tui.literal import Content, literal_styled

TICKED = "[x]"
UNTICKED = "[ ]"


class TickBox(Checkbox):
    """A Checkbox whose button is `[x]` / `[ ]`: its characters say the state, colour only adds."""

    DEFAULT_CSS = """
    TickBox {
        & > .toggle--button, &:ansi > .toggle--button {
            color: $foreground;
            background: transparent;
            text-style: not dim;
        }
        &.-on > .toggle--button, &.-on:ansi > .toggle--button {
            color: $text-success;
            background: transparent;
            text-style: bold not dim;
        }
    }
    """

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return literal_styled(TICKED if self.value else UNTICKED, style)

    def render(self) -> Content:
        if not self._label:
            return self._button
        label = self._label.pad_right(1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(self._button, " ", label)
