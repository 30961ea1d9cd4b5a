"""The segtui Textual app: one mode per section of the navigation, opening on Segments."""
from importlib import import_module

from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette
from textual.theme import Theme, ThemeProvider

from segtui.config import Settings
from segtui.i18n import _
from segtui.store.connection import describe
from segtui.tui import preferences, stylesheet
from segtui.tui.commands import BindingCommands
from segtui.tui.screens.segments import SegmentsScreen
from segtui.tui.widgets.navigation import Navigation


def _screen_on_first_use(module: str, name: str):
    """A MODES entry that imports its screen's module only when the mode is first opened, so
    start-up pays for the first screen alone."""
    def make_screen():
        return getattr(import_module(f"segtui.tui.screens.{module}"), name)()
    return make_screen


class SegtuiApp(App):
    """The terminal user interface over a database the caller has opened and bound."""

    CSS_PATH = [stylesheet(f"{name}.tcss") for name in (
        "app", "dialogs", "segments", "segment_form", "criteria", "log", "line_dialogs", "help",
        "segment_log", "interaction_log", "contact_card", "setup", "import")]
    MODES = {"segments": SegmentsScreen,
             "segment_log": _screen_on_first_use("segment_log", "SegmentLogScreen"),
             "interaction_log": _screen_on_first_use("interaction_log", "InteractionLogScreen"),
             "contacts": _screen_on_first_use("contacts", "ContactsScreen"),
             "setup": _screen_on_first_use("setup", "SetupScreen")}
    DEFAULT_MODE = "segments"
    COMMANDS = App.COMMANDS | {BindingCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), id="app.quit", priority=True,
                show=False),
        Binding("f1", "help", _("Help"), id="app.help"),
        Binding("ctrl+t", "change_theme", _("Theme"), id="app.theme", show=False),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.title = "segtui"
        self.sub_title = f"{describe(settings.db_target)} · {settings.user}"

    def on_mount(self) -> None:
        """Start with the theme chosen last time, and remember the next choice."""
        theme = preferences.load().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _remember_theme(self, theme: Theme) -> None:
        try:
            preferences.save(theme=theme.name)
        except OSError as exc:
            self.notify(_("The theme could not be remembered: {reason}").format(reason=exc),
                        severity="warning", markup=False)

    def action_change_theme(self) -> None:
        """Textual's theme picker (its built-in themes), with a translated prompt."""
        self.push_screen(CommandPalette(providers=[ThemeProvider],
                                        placeholder=_("Search for themes…")))

    def action_help(self) -> None:
        """Show every key of the screen in front."""
        from segtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_open_interactions(self, logged_segment: int) -> None:
        """Drill down from the Segment Log: the Interaction Log of one logged segment."""
        await self.switch_mode("interaction_log")
        self.screen.show_logged_segment(logged_segment)

    async def action_open_contact(self, contact_no: str) -> None:
        """Drill down from an interaction: the contact's card, over the contact list."""
        from segtui.tui.screens.contact_card import ContactCardScreen

        await self.switch_mode("contacts")
        self.push_screen(ContactCardScreen(contact_no))

    def on_navigation_opened(self, event: Navigation.Opened) -> None:
        if event.section in self.MODES:
            self.switch_mode(event.section)
