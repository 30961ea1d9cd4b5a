"""The segtui Textual app: one mode per section of the navigation, opening on Segments."""
import gc
import sys
from collections.abc import Iterator
from importlib import import_module

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.theme import Theme, ThemeProvider

from segtui.config import Settings
from segtui.i18n import _
from segtui.domain.session import describe
from segtui.tui import preferences, stylesheet
from segtui.tui.commands import BindingCommands, normalized_keymap
from segtui.tui.early_read import EarlyRead
from segtui.tui.literal import OutputGuard, printable
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

    CSS_PATH = [stylesheet(f"{name}.tcss") for name in ("app", "focus", "segments")]
    # read when the first other screen or dialog opens, not at start-up (~15 ms of parsing)
    LATER_CSS_PATH = [stylesheet(f"{name}.tcss") for name in (
        "dialogs", "segment_form", "criteria", "log", "line_dialogs", "help", "segment_log",
        "interaction_log", "contacts", "contact_card", "setup", "import")]
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
        # priority: a focused field or table must not take them; the key bar shows them as
        # one entry (KeyBar: "F2… Go"), the help as the group "Go to"
        Binding("f2", "go('segments')", _("Segments"), id="app.go_segments", priority=True,
                show=False),
        Binding("f3", "go('segment_log')", _("Segment Log"), id="app.go_segment_log",
                priority=True, show=False),
        Binding("f6", "go('interaction_log')", _("Interaction Log"),
                id="app.go_interaction_log", priority=True, show=False),
        Binding("f7", "go('contacts')", _("Contacts"), id="app.go_contacts", priority=True,
                show=False),
        Binding("f8", "go('setup')", _("Setup"), id="app.go_setup", priority=True, show=False),
        # after the screen's own Escape (clear a filter, leave a form): back to the last place
        Binding("escape", "back", _("Back"), id="app.back", show=False),
    ]
    HISTORY_LENGTH = 20  # places Escape can go back to

    def __init__(self, settings: Settings, first_segments: EarlyRead | None = None,
                 notice: str | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.notice = notice
        """Said on the message line once the first screen is up (a new database made with demo
        data: what the command printed before the TUI took the terminal is hidden behind it)."""
        self._first_segments = first_segments
        self.title = "segtui"
        self.sub_title = printable(f"{describe(settings.db_target)} · {settings.user}")
        self.output_guard = OutputGuard()
        self.places: list[str] = []
        """The sections the user came from (by F2…, the menu or a drill-down), the last last:
        Escape on a section's main screen goes back to the last one."""
        self.keymap = normalized_keymap(settings.keymap)
        """The user's keymap (binding id → keys), as given to Textual (App.set_keymap)."""
        if self.keymap:
            self.set_keymap(self.keymap)

    def get_line_filters(self):
        """Textual's filters, then the guard that keeps hidden characters and links of data
        from the terminal whatever a widget draws (segtui.tui.literal)."""
        return [*super().get_line_filters(), self.output_guard]

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification, from any widget, is literal text: a message holds data (a
        name, a path, a refusal quoting a value), and data is never markup. It is shown in full
        on the message line above the key bar (segtui.tui.widgets.message_line), not as a
        toast over the list (the message line's CSS hides those)."""
        from segtui.tui.widgets.message_line import show_message  # not before the first one

        text = f"{title}: {message}" if title else message
        show_message(self, printable(text), severity,
                     self.NOTIFICATION_TIMEOUT if timeout is None else timeout)
        super().notify(printable(message), title=printable(title), severity=severity,
                       timeout=timeout, markup=False)

    def get_driver_class(self):
        """Textual's driver for the terminal; on Linux and macOS one that ends the app when the
        terminal goes away (segtui.tui.hangup)."""
        driver_class = super().get_driver_class()
        if sys.platform == "win32":
            return driver_class
        from textual.drivers.linux_driver import LinuxDriver

        if driver_class is LinuxDriver:
            from segtui.tui.terminal_driver import HangupAwareDriver

            return HangupAwareDriver
        return driver_class

    def take_first_segments(self) -> EarlyRead | None:
        """The Segments list's early read, once: later loads of the list read afresh."""
        first, self._first_segments = self._first_segments, None
        return first

    def on_mount(self) -> None:
        """Start with the theme of the settings, else the one chosen last time, and remember the
        next choice."""
        self.call_after_refresh(self._started)
        theme = self.settings.theme or preferences.load().get("theme")
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)

    def _started(self) -> None:
        """The first screen is drawn: when the command switched the cycle collector off for the
        start-up (segtui.launch), it runs again, over the objects made from now on: those of the
        start-up are frozen, as a first full collection over them all would stall the app for
        ~40 ms."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        if self.notice:
            self.notify(self.notice, timeout=30)

    def push_screen(self, screen, *args, **kwargs):
        self._read_later_css()
        return super().push_screen(screen, *args, **kwargs)

    def switch_mode(self, mode: str):
        self._read_later_css()
        return super().switch_mode(mode)

    def _read_later_css(self) -> None:
        """Add LATER_CSS_PATH to the stylesheet, once, before a screen or dialog other than the
        first is shown (its rules keep their place after CSS_PATH's, as if read at start-up)."""
        paths = [path for path in self.LATER_CSS_PATH if not self.stylesheet.has_source(path)]
        if paths:
            for path in paths:
                self.stylesheet.read(path)
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def _remember_theme(self, theme: Theme) -> None:
        try:
            preferences.save(theme=theme.name)
        except OSError as exc:
            self.notify(_("The theme could not be remembered: {reason}").format(reason=exc),
                        severity="warning", markup=False)

    def action_change_theme(self) -> None:
        """Textual's theme picker (its built-in themes), with a translated prompt."""
        from segtui.tui.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def action_command_palette(self) -> None:
        """Textual's command palette, with a translated prompt."""
        from segtui.tui.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(id="--command-palette",
                                     placeholder=_("Search for commands…")))

    def get_system_commands(self, screen) -> Iterator[SystemCommand]:
        """Textual's system commands, in the user's language; "Keys" shows segtui's help (F1),
        which names every key in that language, instead of Textual's English key panel."""
        yield SystemCommand(_("Theme"), _("Change the current theme"), self.action_change_theme)
        yield SystemCommand(_("Quit"), _("Quit the application as soon as possible"),
                            self.action_quit)
        yield SystemCommand(_("Keys"), _("Show every key of the screen (F1)"), self.action_help)
        if screen.maximized is not None:
            yield SystemCommand(_("Minimize"), _("Minimize the widget and restore to normal size"),
                                screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(_("Maximize"), _("Maximize the focused widget"),
                                screen.action_maximize)
        yield SystemCommand(_("Screenshot"), _("Save an SVG 'screenshot' of the current screen"),
                            self._save_screenshot)

    def _save_screenshot(self) -> None:
        """The screen as an SVG file in the working folder, its path said (Textual's own
        message is English markup)."""
        try:
            path = self.save_screenshot()
        except OSError as exc:
            self.notify(_("The screenshot could not be saved: {reason}").format(reason=exc),
                        severity="error")
        else:
            self.notify(_("Screenshot saved at {path}").format(path=path))

    def action_help_quit(self) -> None:
        """Ctrl+C (which does not quit): say which key does, in the user's language."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(_("Press {key} to quit").format(key=self.get_key_display(
                    active.binding)))
                return

    def action_help(self) -> None:
        """Show every key of the screen in front."""
        from segtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # --- going between sections ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go":
            return self._can_leave()
        if action == "back":
            return (self._can_leave() and len(self.screen_stack) == 1
                    and self._last_place() is not None)
        return True

    def _can_leave(self) -> bool:
        """True unless a dialog is in front (its answer is awaited); the help and the command
        palette (which closes before its command runs) may be left."""
        from segtui.tui.screens.help import HelpScreen

        return not self.screen.is_modal or isinstance(self.screen, (HelpScreen, CommandPalette))

    def _last_place(self) -> str | None:
        while self.places and self.places[-1] == self.current_mode:
            self.places.pop()
        return self.places[-1] if self.places else None

    def _remember_place(self) -> None:
        if not self.places or self.places[-1] != self.current_mode:
            self.places.append(self.current_mode)
            del self.places[:-self.HISTORY_LENGTH]

    async def action_go(self, section: str) -> None:
        """Show `section`'s main screen (F2 Segments … F8 Setup), from any screen but a dialog.

        The section left keeps its screens (a card, a form): Escape on the main screen shown
        goes back to it. Screens opened over the target's main screen are closed, so the key
        always shows the list it names."""
        if section not in self.MODES or not self._can_leave():
            return
        if self.screen.is_modal:  # the help or the palette
            await self.pop_screen()
        self.screen.set_focus(None)  # a field being edited is finished (saved) as on Tab
        if section != self.current_mode:
            self._remember_place()
            await self.switch_mode(section)
        while len(self.screen_stack) > 1 and not self.screen.is_modal:
            self.screen.set_focus(None)
            await self.pop_screen()
        self.screen.query_one(Navigation).reset()

    async def action_back(self) -> None:
        """Escape on a section's main screen with nothing of its own to do: the last place."""
        place = self._last_place()
        if place is not None and len(self.screen_stack) == 1:
            self.places.pop()
            await self.switch_mode(place)

    async def action_open_interactions(self, logged_segment: int) -> None:
        """Drill down from the Segment Log: the entries of one logged segment, over the list
        (Escape goes back to it)."""
        from segtui.tui.screens.interaction_log import InteractionLogScreen

        await self.push_screen(InteractionLogScreen.of_logged_segment(logged_segment))

    async def action_open_contact(self, contact_no: str) -> None:
        """Drill down from an interaction: the contact's card, over the screen it was opened
        from (Escape goes back there)."""
        from segtui.tui.screens.contact_card import ContactCardScreen

        await self.push_screen(ContactCardScreen(contact_no))

    async def on_navigation_opened(self, event: Navigation.Opened) -> None:
        if event.section in self.MODES:
            await self.run_action(f"go({event.section!r})")
