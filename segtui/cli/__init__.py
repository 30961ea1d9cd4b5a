"""The `segtui` command: the TUI by default, sub-commands for scripts (K1–K5, docs/rules.md).

Exit status: 0 done, 1 refused (a business rule or an unusable database; one line on stderr),
2 bad usage. Opening the TUI imports none of the sub-commands' modules (start-up time).
"""
import argparse
import gc
import os
import sys
import time
from importlib import import_module

from peewee import PeeweeException

from segtui import __version__, i18n
from segtui.config import Settings, SettingsError, load_settings
from segtui.domain.errors import DomainError
from segtui.store.busy import refusal_message
from segtui.store.connection import StoreError, close_database, is_read_only, open_database

# command -> (module in segtui.cli, its function that runs the command)
COMMANDS = {"segment": ("segment_commands", "run"),
            "logged": ("journal_commands", "run_logged"),
            "interactions": ("journal_commands", "run_interactions"),
            "template": ("template_commands", "run"), "contacts": ("contact_commands", "run"),
            "backup": ("backup_command", "run"),
            "statistics": ("statistics_commands", "run"), "users": ("user_commands", "run")}
PARSER_MODULES = ("segment_commands", "journal_commands", "template_commands",
                  "contact_commands", "backup_command", "statistics_commands", "user_commands")


class UsageError(Exception):
    """Bad arguments: exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(f"{self.prog}: {message}")


def _cli_module(name: str):
    return import_module(f"segtui.cli.{name}")


def _options_parser(**kwargs) -> argparse.ArgumentParser:
    """The options before a sub-command (all there is when the TUI opens)."""
    from segtui.cli.arguments import ui_language, user_name

    parser = _Parser(prog="segtui", description="Marketing segments and interactions.",
                     **kwargs)
    parser.add_argument("--db", help="database: a file path (SQLite) or postgresql://… "
                                     "(default: $SEGTUI_DB, else db in the config file, else "
                                     "segtui.db in the data folder)")
    parser.add_argument("--user", type=user_name,
                        help="user name stamped on what you log (default: your login)")
    parser.add_argument("--lang", type=ui_language,
                        help="user interface language, e.g. en or sv (default: $SEGTUI_LANG, "
                             "else lang in the config file, else the locale's)")
    parser.add_argument("--config", metavar="FILE",
                        help="the config file (default: $SEGTUI_CONFIG, else config.toml in "
                             "the user's config folder)")
    parser.add_argument("--version", action="version", version=f"segtui {__version__}")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _options_parser()
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    formats = _Parser(add_help=False)
    formats.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table",
                         help="output format (default: table, a few columns; csv, json and "
                              "xlsx carry every column; xlsx needs --out or a pipe)")
    formats.add_argument("--out", dest="out_file", metavar="FILE",
                         help="write the output to this file (private, replaced whole) "
                              "instead of stdout")

    from segtui.cli.arguments import CONTACT_COUNT, SEED

    demo = commands.add_parser("demo", help="fill the database with demo data")
    demo.add_argument("--contacts", type=CONTACT_COUNT, default=1000,
                      help="number of contacts (default 1000)")
    demo.add_argument("--seed", type=SEED, default=1, help="random seed (same seed, same data)")
    demo.add_argument("--force", action="store_true",
                      help="replace the data of a database that already has some")
    for name in PARSER_MODULES:
        module = _cli_module(name)
        if name == "backup_command":
            module.add_parsers(commands)
        else:
            module.add_parsers(commands, formats)
    return parser


def _run_demo(settings: Settings, args) -> int:
    open_database(settings.db_target, busy_timeout=settings.busy_timeout)
    from segtui.domain.demo.build import load_demo

    started = time.perf_counter()
    summary = load_demo(contacts=args.contacts, seed=args.seed, force=args.force,
                        user=settings.user, progress=_print_progress)
    elapsed = time.perf_counter() - started
    print(f"demo data: {summary} in {elapsed:.1f} s", file=sys.stderr)
    return 0


def _print_progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def prepare_tui(settings: Settings):
    """The TUI over an open database (with demo data when it is the new default one), its first
    screen's rows already being read (segtui.tui.early_read)."""
    from segtui.i18n import _
    from segtui.store.models import Contact

    open_database(settings.db_target, busy_timeout=settings.busy_timeout)
    notice = None
    if settings.is_default_db and not is_read_only() and not Contact.select().exists():
        from segtui.domain.demo.build import load_demo

        gc.enable()
        # on the terminal before the TUI takes it (and still there once it has given it back)
        print(_one_line(f"segtui: creating {settings.db_target} with demo data …"),
              file=sys.stderr, flush=True)
        load_demo(user=settings.user)
        # the line above is hidden while the TUI is up: the app says it again
        notice = _("Made a new database with demo data at {path}").format(
            path=settings.db_target)
    from segtui.domain.segments.open_segments import list_segments
    from segtui.tui.early_read import EarlyRead

    first_rows = EarlyRead(list_segments)
    from segtui.tui.app import SegtuiApp

    return SegtuiApp(settings, first_segments=first_rows, notice=notice)


def _parse(argv: list[str] | None) -> tuple[argparse.Namespace, Settings]:
    """The arguments (only the options when there is no sub-command: the TUI) and the settings,
    read once, here: the command line, else the environment, else the config file."""
    arguments = sys.argv[1:] if argv is None else argv
    first = _options_parser(add_help=False)
    # what follows the sub-command is its own (`segment document … --lang L` is a document's
    # language, not the user interface's)
    first.add_argument("command_words", nargs=argparse.REMAINDER)
    options, rest = first.parse_known_args(arguments)
    rest += options.command_words
    settings = _settings(options)
    # the refusals of arguments (a number out of range, …) speak the user's language
    i18n.setup(settings.lang)
    if not rest and not {"-h", "--help"} & set(arguments):
        options.command = None
        return options, settings
    return build_parser().parse_args(arguments), settings


def _settings(options: argparse.Namespace) -> Settings:
    """The settings, a bad one refused as bad usage; the keymap's ids checked against the
    TUI's bindings (a list of names: the TUI itself is not imported)."""
    from segtui.tui.binding_ids import BINDING_KEYS, keymap_clash

    try:
        settings = load_settings(db=options.db, user=options.user, lang=options.lang,
                                 config=options.config, binding_ids=BINDING_KEYS)
    except SettingsError as exc:
        raise UsageError(f"segtui: {exc}") from None
    clash = keymap_clash(settings.keymap)
    if clash:
        raise UsageError(f"segtui: config file {settings.config_file}: {clash}")
    return settings


def _one_line(message: str) -> str:
    """A message fit for one stderr line: user data in it cannot drive the terminal."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in message)


def _refusal(exc: Exception) -> str:
    """What to say of a refusal or a database failure (a busy or read-only database by name)."""
    if isinstance(exc, PeeweeException):
        return refusal_message(exc) or f"the database refused the request: {exc}"
    return str(exc)


def main(argv: list[str] | None = None) -> int:
    try:
        args, settings = _parse(argv)
    except UsageError as exc:
        print(_one_line(str(exc)), file=sys.stderr)
        return 2
    out_file = getattr(args, "out_file", None)
    if getattr(args, "format", None) == "xlsx" and not out_file and sys.stdout.isatty():
        print("segtui: --format xlsx writes a binary file: give --out FILE or redirect stdout",
              file=sys.stderr)
        return 2
    if args.command is None:
        return _run_tui(settings)
    gc.enable()  # off while the TUI starts (segtui.launch); a command has no first screen
    from segtui.cli.terminal_text import guarded

    with guarded():  # nothing the command prints can drive the terminal
        return _run_command(args, settings, out_file)


def _run_tui(settings: Settings) -> int:
    if settings.theme is not None:
        from textual.theme import BUILTIN_THEMES  # the app imports it anyway

        if settings.theme not in BUILTIN_THEMES:
            print(_one_line(f"segtui: theme {settings.theme!r} is not one of Textual's themes "
                            f"({', '.join(sorted(BUILTIN_THEMES))})"), file=sys.stderr)
            return 2

    def run() -> int:
        app = prepare_tui(settings)
        app.run()
        return app.return_code or 0  # non-zero when the terminal went away (tui.hangup)

    return _reporting(run)


def _run_command(args, settings: Settings, out_file: str | None) -> int:
    def run() -> int:
        if out_file is not None:
            # a folder, a missing folder or an unwritable place: refused before any work
            from segtui.domain.output.targets import check_output_file

            check_output_file(out_file)
        if args.command == "demo":
            return _run_demo(settings, args)
        if args.command not in COMMANDS:
            raise AssertionError(args.command)  # argparse knows no other command
        module_name, function = COMMANDS[args.command]
        module = _cli_module(module_name)
        command = getattr(module, function)
        # a command may run without a database when its arguments say so
        if getattr(module, "needs_database", lambda _: True)(args):
            open_database(settings.db_target, busy_timeout=settings.busy_timeout)
        if out_file is None:
            return command(args, settings)
        from segtui.cli import output

        with output.stdout_to(out_file):
            return command(args, settings)

    return _reporting(run)


def _reporting(run) -> int:
    """`run()`'s exit status; a refusal, an interrupt or a closed pipe as one line and a status,
    never a traceback; the database closed whatever happened."""
    try:
        return run()
    except (StoreError, DomainError, PeeweeException) as exc:
        print(_one_line(f"segtui: {_refusal(exc)}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("segtui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped reading: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        close_database()
