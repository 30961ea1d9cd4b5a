"""The navigation beside every main screen: the app's sections, those not built yet disabled.

Each main screen has its own; its highlight is put back on the screen's own section whenever the
screen comes to the front again, so the menu always says where the user is and Down / Enter
move from there."""
from collections.abc import Collection

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from segtui.i18n import _
from segtui.tui.literal import literal


def sections() -> list[tuple[str, str]]:
    """Each section of the app as (id, label), in the order of the navigation."""
    return [
        ("segments", _("Segments")),
        ("segment_log", _("Segment Log")),
        ("interaction_log", _("Interaction Log")),
        ("contacts", _("Contacts")),
        ("setup", _("Setup")),
    ]


class Navigation(OptionList):
    """The list of sections; Enter opens one. Sections the app does not offer yet are dimmed."""

    BINDINGS = [
        Binding("down,j", "cursor_down", _("Down"), show=False, id="navigation.down"),
        Binding("up,k", "cursor_up", _("Up"), show=False, id="navigation.up"),
        Binding("enter", "select", _("Open"), id="navigation.open"),
    ]

    class Opened(Message):
        """The user chose a section to open."""

        def __init__(self, section: str) -> None:
            super().__init__()
            self.section = section

    def __init__(self, current: str, available: Collection[str], **kwargs) -> None:
        options = [Option(literal(label), id=section, disabled=section not in available)
                   for section, label in sections()]
        super().__init__(*options, **kwargs)
        self.current = current

    def on_mount(self) -> None:
        self.reset()
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.app.screen_change_signal.unsubscribe(self)

    def _screen_changed(self, screen) -> None:
        if screen is self.screen:
            self.reset()

    def reset(self) -> None:
        """Highlight the section of the screen this menu is on."""
        self.highlighted = self.get_option_index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Opened(event.option.id))
