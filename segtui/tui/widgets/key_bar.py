"""The key bar on the last line of every main screen: the keys that act now, as one line of text.

It shows what Textual's Footer shows — each shown binding of the focused widget, its screen and
the app, once per action, dimmed while it cannot act, and the command palette's key on the right
— but it is one widget drawing text. The Footer mounts a widget per key and mounts them all
again on every change of focus, which cost the start-up ~20 ms. Keys are for the keyboard: the
bar does not take clicks.

The app's keys to its sections (F2 Segments … F8 Setup, ids `app.go_*`) are one entry, the first
key and an ellipsis ("f2… Go"), on the right with the help's key and the palette's, so those
three are never cut off (a screen's keys give way first, after the words of the palette, the
sections and the help); F1 lists them one by one.
"""
from rich.style import Style
from textual.screen import Screen
from textual.widget import Widget

from segtui.i18n import _
from segtui.tui.binding_ids import GO_PREFIX
from segtui.tui.literal import Literal
from segtui.tui.textual_texts import description as described

HELP_ID = "app.help"  # kept on the right, with the keys to the sections and the palette
DIMMED = Style(dim=True)


class KeyBar(Widget, can_focus=False):
    """One line: ` key description` for each key that the screen in front offers now."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--edge"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--edge {
            color: $foreground 20%;
        }
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen) -> None:
        self.refresh()

    def keys(self) -> list[tuple[str, str, bool]]:
        """(key as shown, description, enabled) of each key on the left, in the Footer's order:
        the focused widget's first, one key per action."""
        return self._keys(self.screen.active_bindings)[0]

    def go_key(self) -> tuple[str, str, bool] | None:
        """(first key…, "Go", enabled) of the keys to the sections, None when there are none."""
        return self._keys(self.screen.active_bindings)[2]

    def _keys(self, active: dict) -> tuple[list[tuple[str, str, bool]], tuple | None,
                                         tuple | None, tuple | None]:
        """The keys on the left, the command palette's key (None when the app offers no
        palette) and the keys to the sections as one (None without any), from one reading of
        the screen's active bindings."""
        shown: dict[str, tuple[str, str, bool]] = {}
        palette = self.app.COMMAND_PALETTE_BINDING
        palette_key = go_key = help_key = None
        for key, (_node, binding, enabled, _tip) in active.items():
            if binding.id == HELP_ID:
                if help_key is None:
                    help_key = (self.app.get_key_display(binding), described(binding), enabled)
            elif binding.id and binding.id.startswith(GO_PREFIX):
                if go_key is None:
                    go_key = (self.app.get_key_display(binding) + "…", _("Go"), enabled)
            elif key == palette:
                if self.app.ENABLE_COMMAND_PALETTE:
                    palette_key = (self.app.get_key_display(binding), described(binding),
                                   enabled)
            elif binding.show and binding.action not in shown:
                shown[binding.action] = (self.app.get_key_display(binding), described(binding),
                                         enabled)
        return list(shown.values()), palette_key, go_key, help_key

    def render(self) -> Literal:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)

        def entry(key: str, description: str, enabled: bool) -> Literal:
            dim = Style() if enabled else DIMMED
            if not description:
                return Literal.assemble((f" {key} ", key_style + dim))
            return Literal.assemble((f" {key} ", key_style + dim),
                                 (f"{description} ", description_style + dim))

        keys, palette, go, help_key = self._keys(self.screen.active_bindings)
        left = Literal(no_wrap=True, overflow="crop", end="")
        for key, description, enabled in keys:
            left.append_text(entry(key, description, enabled))
        right_keys = [key for key in (help_key, go, palette) if key is not None]
        if not right_keys:
            return left
        edge = self.get_component_rich_style("key-bar--edge", partial=True)
        right = Literal.assemble(("▏", edge), *(entry(*key) for key in right_keys))
        # short of room: the palette's word goes, then the sections' word ("f2…"), then the
        # help's, when that keeps all the screen's keys (a narrow terminal crops them, and
        # keeps the words)
        for wordless in ({palette}, {palette, go}, {palette, go, help_key}):
            if left.cell_len <= self.size.width - right.cell_len:
                break
            short = Literal.assemble(("▏", edge), *(
                entry(key[0], "", key[2]) if key in wordless else entry(*key)
                for key in right_keys))
            if left.cell_len <= self.size.width - short.cell_len:
                right = short
        room = max(0, self.size.width - right.cell_len)
        left.truncate(room, overflow="crop")
        left.pad_right(room - left.cell_len)
        return left + right
