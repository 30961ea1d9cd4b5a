"""segtui's settings, read once at the edge and passed inward; where it keeps its data.

`load_settings` reads every setting from, in this order of precedence: the command line, the
environment, the config file (`config.toml` in the user's config folder, or `--config PATH`), and
for SMTP alone the older `smtp.ini` beside it; else the default. The store and the domain never
read the environment: they are given what they need (the busy timeout, the SMTP server).

A setting that cannot be used — a config file that is not TOML, an unknown key, a value of the
wrong type, a keymap naming a binding segtui does not have — raises SettingsError, one line that
names the file and the key; the command says it and exits with status 2 before any work.
"""
import getpass
import math
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "segtui"
DB_ENV = "SEGTUI_DB"
USER_ENV = "SEGTUI_USER"
LANG_ENV = "SEGTUI_LANG"
BUSY_TIMEOUT_ENV = "SEGTUI_BUSY_TIMEOUT"
THEME_ENV = "SEGTUI_THEME"
CONFIG_ENV = "SEGTUI_CONFIG"
SMTP_ENV = "SEGTUI_SMTP_"  # + HOST, PORT, TLS, USER, PASSWORD, FROM
CONFIG_FILE = "config.toml"
LEGACY_SMTP_FILE = "smtp.ini"
DEFAULT_BUSY_TIMEOUT = 10.0
SMTP_KEYS = ("host", "port", "tls", "user", "password", "from")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
TOP_LEVEL_KEYS = ("db", "user", "lang", "busy_timeout", "theme", "smtp", "keymap")
USER_LENGTH = 50  # the column a user name is stamped in


class SettingsError(Exception):
    """A setting that cannot be used, said in one line: bad usage (exit status 2)."""


def data_dir() -> Path:
    """The user's segtui data folder (created private to the user, 0700)."""
    return private_dir(platformdirs.user_data_path(APP_NAME))


def config_dir() -> Path:
    """The user's segtui config folder (e.g. ~/.config/segtui); not created."""
    return platformdirs.user_config_path(APP_NAME)


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def output_dir(*parts: str) -> Path:
    """A folder for written files (letters, exports) under the data folder, private (0700)."""
    return private_dir(data_dir().joinpath("output", *parts))


def private_dir(path: Path) -> Path:
    """`path` as a folder, each level made here private to the user (0700), like `mkdir -p -m
    700` ought to be (Path.mkdir gives the mode to the last level only)."""
    for level in reversed([path, *path.parents]):
        if not level.exists():
            level.mkdir(mode=0o700, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "segtui.db"


@dataclass(frozen=True)
class SmtpSettings:
    """The SMTP server delivery sends e-mail through."""
    host: str
    port: int
    tls: str = "none"
    user: str = ""
    password: str = ""
    sender: str = ""


@dataclass(frozen=True)
class Settings:
    """Every setting, as `load_settings` decided them (the first three are always given)."""
    db_target: str
    is_default_db: bool
    user: str
    lang: str | None = None
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT
    """Seconds a SQLite write waits for another writer before it gives up."""
    smtp: SmtpSettings | None = None
    """None: no SMTP server is set up (e-mail entries get Error when delivered)."""
    theme: str | None = None
    """A Textual theme by name; None: the one last chosen with ctrl+t, else Textual's default."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id → keys ("ctrl+n" or "n,insert"), applied over the bindings' own keys."""
    config_file: Path | None = None
    """The config file the settings were looked for in (it may not exist)."""


def resolve_settings(db: str | None, user: str | None, lang: str | None = None) -> Settings:
    """The settings with these command-line values (None: not given on the command line)."""
    return load_settings(db=db, user=user, lang=lang)


def load_settings(*, db: str | None = None, user: str | None = None, lang: str | None = None,
                  config: str | None = None, environ: Mapping[str, str] | None = None,
                  binding_ids: Collection[str] | None = None) -> Settings:
    """Every setting: the command-line values given here, else the environment, else the config
    file (`config`, else $SEGTUI_CONFIG, else config.toml in the config folder), else the default.

    `binding_ids` are the ids a keymap may name (None: any). A `db` given empty (on the command
    line, in the environment or the file) is kept as it is and refused when it is opened: an
    empty variable in `--db "$DB"` must not quietly mean the default database."""
    env = os.environ if environ is None else environ
    explicit = config if config is not None else env.get(CONFIG_ENV)
    path = Path(explicit).expanduser() if explicit is not None else config_path()
    values = _read_config(path, must_exist=explicit is not None)
    source = _Source(path, values)
    target = _first(db, env.get(DB_ENV), source.text("db"))
    name = _first(user, env.get(USER_ENV), source.text("user"))
    return Settings(
        db_target=str(default_db_path()) if target is None else target,
        is_default_db=target is None,
        user=(name or getpass.getuser()).strip().upper()[:USER_LENGTH],
        lang=_language(lang, env, source),
        busy_timeout=_busy_timeout(env, source),
        smtp=_smtp(env, source),
        theme=_first(_blank_is_none(env.get(THEME_ENV)), source.text("theme")),
        keymap=_keymap(source, binding_ids),
        config_file=path)


def _first(*values):
    return next((value for value in values if value is not None), None)


def _blank_is_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None


def _read_config(path: Path, *, must_exist: bool) -> dict:
    """The config file as a table; empty when the default file does not exist."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if must_exist:
            raise SettingsError(f"config file {path} does not exist") from None
        return {}
    except OSError as exc:
        raise SettingsError(f"config file {path} cannot be read: {exc.strerror}") from None
    import tomllib  # only when there is a file (start-up time)

    try:
        values = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise SettingsError(f"config file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"config file {path} is not valid TOML: {exc}") from None
    unknown = [key for key in values if key not in TOP_LEVEL_KEYS]
    if unknown:
        raise SettingsError(f"config file {path}: unknown setting {_names(unknown)} "
                            f"(known: {', '.join(TOP_LEVEL_KEYS)})")
    return values


def _names(keys) -> str:
    return ", ".join(repr(key) for key in keys)


class _Source:
    """The config file's values, each checked for its type as it is read."""

    def __init__(self, path: Path, values: dict) -> None:
        self.path, self.values = path, values

    def wrong(self, key: str, wanted: str, value) -> SettingsError:
        return SettingsError(f"config file {self.path}: {key} must be {wanted}, not {value!r}")

    def text(self, key: str, table: dict | None = None, prefix: str = "") -> str | None:
        value = (self.values if table is None else table).get(key)
        if value is not None and not isinstance(value, str):
            raise self.wrong(prefix + key, "a string", value)
        return value

    def table(self, key: str) -> dict:
        value = self.values.get(key, {})
        if not isinstance(value, dict):
            raise self.wrong(key, f"a table ([{key}])", value)
        return value


def _language(cli: str | None, env: Mapping[str, str], source: _Source) -> str | None:
    """`--lang` (checked by its argparse type), else $SEGTUI_LANG, else `lang`; each one must be
    a language segtui speaks."""
    if cli is not None:
        return cli
    for where, value in ((LANG_ENV, _blank_is_none(env.get(LANG_ENV))),
                         (f"config file {source.path}: lang", source.text("lang"))):
        if value is not None:
            from segtui import locale_build

            known = ["en", *(folder.name for folder in locale_build.languages())]
            primary = value.strip().replace(".", "_").replace("-", "_").split("_")[0].lower()
            if primary not in known:
                raise SettingsError(f"{where}: {value!r} is not a language segtui speaks "
                                    f"(speaks: {', '.join(known)})")
            return value.strip()
    return None


def _seconds(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _busy_timeout(env: Mapping[str, str], source: _Source) -> float:
    text = env.get(BUSY_TIMEOUT_ENV)
    if text is not None:
        seconds = _seconds(text.strip())
        if seconds is None:
            raise SettingsError(f"{BUSY_TIMEOUT_ENV} must be a number of seconds (0 or more), "
                                f"not {text!r}")
        return seconds
    value = source.values.get("busy_timeout")
    if value is None:
        return DEFAULT_BUSY_TIMEOUT
    seconds = None if isinstance(value, str) else _seconds(value)
    if seconds is None:
        raise source.wrong("busy_timeout", "a number of seconds (0 or more)", value)
    return seconds


def _legacy_smtp(path: Path) -> dict[str, str]:
    """The [smtp] section of the older smtp.ini, read below config.toml's [smtp] table."""
    if not path.is_file():
        return {}
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SettingsError(f"{path} cannot be read: {reason}") from None
    values = dict(parser["smtp"]) if parser.has_section("smtp") else {}
    unknown = [key for key in values if key not in SMTP_KEYS]
    if unknown:
        raise SettingsError(f"{path}: unknown SMTP setting {_names(unknown)} "
                            f"(known: {', '.join(SMTP_KEYS)})")
    return values


def _private(path: Path) -> None:
    """A file holding a password must be private to its user."""
    if path.stat().st_mode & 0o077:
        raise SettingsError(f"{path} holds a password but other users may read it; make it "
                            f"private (chmod 600 {path})")


def _smtp(env: Mapping[str, str], source: _Source) -> SmtpSettings | None:
    """The SMTP server: $SEGTUI_SMTP_*, else config.toml's [smtp], else smtp.ini, key by key;
    None when no host is set."""
    table = source.table("smtp")
    unknown = [key for key in table if key not in SMTP_KEYS]
    if unknown:
        raise SettingsError(f"config file {source.path}: unknown SMTP setting "
                            f"{_names(unknown)} (known: {', '.join(SMTP_KEYS)})")
    legacy_path = config_dir() / LEGACY_SMTP_FILE
    legacy = _legacy_smtp(legacy_path)
    if legacy.get("password"):
        _private(legacy_path)
    if table.get("password"):
        _private(source.path)
    values: dict[str, str] = dict(legacy)
    where = {key: str(legacy_path) for key in legacy}
    for key, value in table.items():
        if key == "port" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        values[key] = source.text(key, {key: value}, "smtp.") or ""
        where[key] = f"config file {source.path}"
    for key in SMTP_KEYS:
        from_env = env.get(f"{SMTP_ENV}{key.upper()}")
        if from_env is not None:
            values[key], where[key] = from_env, f"{SMTP_ENV}{key.upper()}"
    host = values.get("host", "").strip()
    if not host:
        return None
    tls = values.get("tls", "none").strip().lower() or "none"
    if tls not in DEFAULT_PORTS:
        raise SettingsError(f"{where['tls']}: SMTP tls must be none, starttls or ssl, "
                            f"not {values['tls']!r}")
    port_text = values.get("port", "").strip()
    if port_text and not (port_text.isdigit() and 0 < int(port_text) < 65536):
        raise SettingsError(f"{where['port']}: SMTP port must be a number from 1 to 65535, "
                            f"not {values['port']!r}")
    user = values.get("user", "").strip()
    sender = values.get("from", "").strip() or (user if "@" in user else "")
    if not sender:
        raise SettingsError(f"no sender address for e-mail through {host}: set "
                            f"{SMTP_ENV}FROM, or from in the [smtp] table of {source.path}")
    return SmtpSettings(host, int(port_text) if port_text else DEFAULT_PORTS[tls], tls, user,
                        values.get("password", ""), sender)


def _keymap(source: _Source, binding_ids: Collection[str] | None) -> dict[str, str]:
    """The [keymap] table: binding id → keys, comma-separated ("n,insert") as Textual writes
    them; an id segtui has no binding for is refused, named with its nearest ids."""
    table = source.table("keymap")
    keymap: dict[str, str] = {}
    for binding_id, keys in table.items():
        if not isinstance(keys, str):
            raise source.wrong(f'keymap."{binding_id}"', "keys in a string, e.g. \"ctrl+n\"",
                               keys)
        parts = [part.strip() for part in keys.split(",")]
        if not all(parts) or any(not part.isprintable() or " " in part for part in parts):
            raise source.wrong(f'keymap."{binding_id}"',
                               'keys separated by commas, e.g. "n,insert"', keys)
        keymap[binding_id] = ",".join(parts)
    if binding_ids is not None:
        unknown = [binding_id for binding_id in keymap if binding_id not in binding_ids]
        if unknown:
            import difflib

            hints = list(dict.fromkeys(
                near for binding_id in unknown
                for near in difflib.get_close_matches(binding_id, binding_ids, 2)))
            hint = f" (did you mean {', '.join(hints)}?)" if hints else ""
            raise SettingsError(f"config file {source.path}: [keymap] names no binding of "
                                f"segtui: {', '.join(unknown)}{hint}; the ids are listed in "
                                "the README (Settings)")
    return keymap
