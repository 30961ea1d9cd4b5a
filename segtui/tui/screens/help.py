"""The help screen (F1): every key of the screen below, read from its bindings (never stale)."""
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from segtui.i18n import _
from segtui.tui.commands import focused_bindings, is_go_binding, keys_display, node_bindings
from segtui.tui.literal import literal, literal_grid
from segtui.tui.textual_texts import description

KEY_WIDTH = 16  # the key column, the same in every group


def key_groups(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys of `screen` as (group, [(keys, description)]): Screen, This field, Go to, App —
    every key of the screen and the app (the keys to the sections apart), those of the focused
    field that act now; each with the keys the user's keymap gives it."""
    app = screen.app
    app_bindings = node_bindings(app)
    groups = [(_("Screen"), node_bindings(screen)),
              (_("This field"), [bindings for _node, bindings in focused_bindings(screen)]),
              (_("Go to"), [bindings for bindings in app_bindings if is_go_binding(bindings[0])]),
              (_("App"), [bindings for bindings in app_bindings
                          if not is_go_binding(bindings[0])])]
    return [(title, rows) for title, bindings in groups if (rows := key_rows(app, bindings))]


def key_rows(app, groups: list[list[Binding]]) -> list[tuple[str, str]]:
    """(keys, description) for each described binding, a key bound twice shown once."""
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    for bindings in groups:
        keys = [binding for binding in bindings if binding.key not in seen]
        if keys and keys[0].description and not keys[0].system:
            seen |= {binding.key for binding in keys}
            rows.append((keys_display(app, keys), description(keys[0])))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys of `screen`, grouped; Escape or F1 closes it."""

    BINDINGS = [
        Binding("escape,f1,q", "close", _("Close"), id="help.close"),
        Binding("down,j", "scroll('down')", _("Down"), show=False, id="help.down"),
        Binding("up,k", "scroll('up')", _("Up"), show=False, id="help.up"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__(classes="dialog")
        self.groups = key_groups(screen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box help-box") as box:
            box.border_title = _("Keys")
            with VerticalScroll(id="help-keys"):
                for title, rows in self.groups:
                    yield Label(literal(title), classes="help-group", markup=False)
                    yield Static(literal_grid(rows, KEY_WIDTH), classes="help-table")
            yield Label(_("Esc or F1 closes · ↑ ↓ PgUp PgDn scroll"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_close(self) -> None:
        self.dismiss()

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#help-keys", VerticalScroll)
        if direction == "down":
            scroller.scroll_down(animate=False)
        else:
            scroller.scroll_up(animate=False)
