"""One Settings, read once: the command line, else the environment, else config.toml in the user's
config folder (or --config), else the default; for SMTP, the older smtp.ini below config.toml."""
import getpass

import pytest

from segtui.config import (DEFAULT_BUSY_TIMEOUT, Settings, SettingsError, SmtpSettings,
                           default_db_path, load_settings)

IDS = {"segments.new", "segments.filter", "app.quit"}


@pytest.fixture
def config_folder(tmp_path, monkeypatch):
    """The user's config folder (XDG_CONFIG_HOME/segtui), empty."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "config" / "segtui"
    folder.mkdir(parents=True)
    return folder


def write_config(folder, text: str, name: str = "config.toml"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def settings(environ=None, **cli) -> Settings:
    return load_settings(environ=environ or {}, binding_ids=IDS, **cli)


def test_the_defaults_without_a_config_file(config_folder):
    got = settings()
    assert got == Settings(str(default_db_path()), True, getpass.getuser().upper()[:50], None,
                           DEFAULT_BUSY_TIMEOUT, None, None, {}, config_folder / "config.toml")


# setting, command-line argument, environment variable, config-file line, value from each
PRECEDENCE = [
    ("db_target", "db", "SEGTUI_DB", 'db = "{}"', ("cli.db", "env.db", "file.db")),
    ("user", "user", "SEGTUI_USER", 'user = "{}"', ("CLI", "ENV", "FILE")),
    ("lang", "lang", "SEGTUI_LANG", 'lang = "{}"', ("sv", "en", "sv_SE.UTF-8")),
]


@pytest.mark.parametrize("name, argument, variable, line, values", PRECEDENCE)
def test_command_line_then_environment_then_file_then_default(config_folder, name, argument,
                                                              variable, line, values):
    cli, env, file = values
    default = getattr(settings(), name)
    write_config(config_folder, line.format(file))
    assert getattr(settings(), name) == file
    assert getattr(settings({variable: env}), name) == env
    assert getattr(settings({variable: env}, **{argument: cli}), name) == cli
    (config_folder / "config.toml").unlink()
    assert getattr(settings(), name) == default


def test_busy_timeout_environment_then_file_then_default(config_folder):
    assert settings().busy_timeout == 10.0
    write_config(config_folder, "busy_timeout = 2.5")
    assert settings().busy_timeout == 2.5
    assert settings({"SEGTUI_BUSY_TIMEOUT": "0.3"}).busy_timeout == 0.3


def test_theme_environment_then_file_then_none(config_folder):
    assert settings().theme is None
    write_config(config_folder, 'theme = "nord"')
    assert settings().theme == "nord"
    assert settings({"SEGTUI_THEME": "dracula"}).theme == "dracula"


def test_a_db_from_the_file_is_not_the_default_database(config_folder):
    write_config(config_folder, 'db = "crm.db"')
    got = settings()
    assert (got.db_target, got.is_default_db) == ("crm.db", False)
    empty = settings({"SEGTUI_DB": ""})  # kept, and refused when opened
    assert (empty.db_target, empty.is_default_db) == ("", False)


def test_an_explicit_config_file_instead_of_the_users(config_folder, tmp_path):
    write_config(config_folder, 'user = "mine"')
    other = tmp_path / "other.toml"
    other.write_text('user = "other"')
    assert settings(config=str(other)).user == "OTHER"
    assert settings({"SEGTUI_CONFIG": str(other)}).user == "OTHER"
    with pytest.raises(SettingsError, match="does not exist"):
        settings(config=str(tmp_path / "missing.toml"))


def test_smtp_environment_then_config_toml_then_smtp_ini_key_by_key(config_folder):
    assert settings().smtp is None
    ini = write_config(config_folder, "[smtp]\nhost = ini.example\ntls = starttls\n"
                                      "user = me@example.org\npassword = secret\n", "smtp.ini")
    assert settings().smtp == SmtpSettings("ini.example", 587, "starttls", "me@example.org",
                                           "secret", "me@example.org")
    write_config(config_folder, '[smtp]\nhost = "toml.example"\nport = 2525\n')
    assert settings().smtp == SmtpSettings("toml.example", 2525, "starttls", "me@example.org",
                                           "secret", "me@example.org")
    got = settings({"SEGTUI_SMTP_PORT": "26", "SEGTUI_SMTP_FROM": "news@example.org"}).smtp
    assert (got.host, got.port, got.sender) == ("toml.example", 26, "news@example.org")
    assert settings({"SEGTUI_SMTP_HOST": ""}).smtp is None  # no server: e-mail gets Error
    ini.chmod(0o644)
    with pytest.raises(SettingsError, match="chmod 600"):
        settings()


@pytest.mark.parametrize("text, words", [
    ("db = \"a\"\nuser = = 1\n", ["is not valid TOML", "line 2"]),
    ("colour = 'blue'", ["unknown setting 'colour'", "known: db, user"]),
    ("db = 5", ["db must be a string, not 5"]),
    ("busy_timeout = 'long'", ["busy_timeout must be a number of seconds"]),
    ("busy_timeout = -1", ["busy_timeout must be a number of seconds"]),
    ("lang = 'xx'", ["'xx' is not a language segtui speaks"]),
    ("smtp = 1", ["smtp must be a table"]),
    ("[smtp]\nhost = 'h'\ntls = 'maybe'", ["SMTP tls must be none, starttls or ssl"]),
    ("[smtp]\nhost = 'h'\nport = 'x'\nfrom = 'a@b'", ["SMTP port must be a number"]),
    ("[smtp]\nhost = 'h'", ["no sender address"]),
    ("[smtp]\nserver = 'h'", ["unknown SMTP setting 'server'"]),
    ("[keymap]\n'segments.nwe' = 'ctrl+n'", ["names no binding of segtui: segments.nwe",
                                             "did you mean segments.new"]),
    ("[keymap]\n'segments.new' = 5", ['keymap."segments.new" must be keys in a string']),
    ("[keymap]\n'segments.new' = 'ctrl+n,'", ["keys separated by commas"]),
])
def test_a_bad_config_file_is_refused_naming_the_file_and_the_key(config_folder, text, words):
    path = write_config(config_folder, text)
    with pytest.raises(SettingsError) as refused:
        settings()
    message = str(refused.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
    assert str(path) in message or "no sender" in message


def test_a_bad_environment_variable_is_refused():
    with pytest.raises(SettingsError, match="SEGTUI_BUSY_TIMEOUT must be a number"):
        settings({"SEGTUI_BUSY_TIMEOUT": "soon"})
    with pytest.raises(SettingsError, match="SEGTUI_LANG: 'xx' is not a language"):
        settings({"SEGTUI_LANG": "xx"})


def test_the_keymap_is_read_with_its_keys_tidied(config_folder):
    write_config(config_folder, "[keymap]\n'segments.new' = 'ctrl+n, insert'\n")
    assert settings().keymap == {"segments.new": "ctrl+n,insert"}


def test_the_example_config_file_is_valid_and_names_every_binding():
    from pathlib import Path

    from segtui.tui.binding_ids import BINDING_KEYS, keymap_clash

    example = Path(__file__).resolve().parent.parent / "docs" / "config.example.toml"
    got = load_settings(config=str(example), environ={}, binding_ids=BINDING_KEYS)
    assert got.smtp is not None and got.keymap and keymap_clash(got.keymap) is None
    text = example.read_text(encoding="utf-8")
    for binding_id, keys in BINDING_KEYS.items():
        assert f'# "{binding_id}" = "{keys}"' in text, binding_id
