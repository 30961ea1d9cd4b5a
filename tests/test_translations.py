"""Swedish: every UI string has a translation, the fragments agree, and `--lang sv` / LANG reach
the screens (footer, bindings, column headings), also for strings translated at import time."""
import ast
import gettext
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest

import segtui
from segtui import i18n, locale_build
from segtui.domain.segments.criteria_sources import SOURCES
from segtui.domain.setup.lookups import LOOKUPS
from segtui.domain.segments.queries import ACTION_NAMES
from segtui.locale_build import CatalogueError, Message
from segtui.tui.dialogs.criteria import ADD_OPTIONS, FIELDS, PAGES, TITLES
from segtui.tui.dialogs.criteria_fields import EXAMPLE_WORD
from segtui.tui.shown_values import shown_values
from segtui.tui.textual_texts import DESCRIPTIONS

PACKAGE = Path(segtui.__file__).parent
SWEDISH = locale_build.LOCALE_DIR / "sv"
PROBE = Path(__file__).parent / "support" / "ui_probe.py"
# Strings passed to _() as values of these tables (the AST sees only a name there).
TABLE_STRINGS = [*TITLES.values(), *(label for _name, label in ADD_OPTIONS),
                 *(field.label for field in FIELDS), *(name for _page, name, _key in PAGES),
                 *(word for field in FIELDS for word in EXAMPLE_WORD.findall(field.example)),
                 *(source.caption for source in SOURCES.values()),
                 *(lookup.title for lookup in LOOKUPS.values()), *ACTION_NAMES.values(),
                 "manual entry", "criteria",  # segment_queries._origin, shown by criteria_view
                 *shown_values(),
                 *DESCRIPTIONS]  # Textual's own bindings' descriptions (segtui.tui.textual_texts)


def ui_calls() -> list[tuple[ast.Call, str]]:
    """Every `_(…)` and `n_(…)` call in the segtui package, with where it is."""
    calls = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "n_")):
                calls.append((node, f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"))
    return calls


def ui_messages() -> dict[tuple[str, ...], str]:
    """(msgid,) or (msgid, msgid_plural) of every literal UI string -> where it is first used."""
    found: dict[tuple[str, ...], str] = {}
    for call, where in ui_calls():
        count = 1 if call.func.id == "_" else 2
        texts = call.args[:count]
        if len(texts) == count and all(isinstance(text, ast.Constant) for text in texts):
            found.setdefault(tuple(text.value for text in texts), where)
    for text in TABLE_STRINGS:
        found.setdefault((text,), "a table passed to _()")
    return found


def po_stub(key: tuple[str, ...], where: str) -> str:
    def quote(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if len(key) == 1:
        return f"#: {where}\nmsgid {quote(key[0])}\nmsgstr \"\""
    return (f"#: {where}\nmsgid {quote(key[0])}\nmsgid_plural {quote(key[1])}\n"
            f"msgstr[0] \"\"\nmsgstr[1] \"\"")


def fields(text: str) -> set[tuple[str, str]]:
    """The `{name:spec}` placeholders of a format string."""
    return {(name, spec or "") for _literal, name, spec, _conversion
            in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def swedish() -> dict[str, Message]:
    try:
        return locale_build.merge(locale_build.parts(SWEDISH))[0]
    except CatalogueError as exc:
        pytest.fail(f"the Swedish fragments do not merge: {exc}")


def test_every_ui_string_has_a_swedish_translation(swedish):
    missing = [po_stub(key, where) for key, where in ui_messages().items()
               if not (key[0] in swedish and swedish[key[0]].translated
                       and swedish[key[0]].plural == (key[1] if len(key) == 2 else None))]
    assert not missing, (f"{len(missing)} UI strings have no Swedish translation (fuzzy, empty, "
                         "missing or singular/plural mismatch); add to segtui/locale/sv/parts/"
                         "<yours>.po:\n\n" + "\n\n".join(missing))


def test_translations_keep_the_placeholders(swedish):
    wrong = []
    for message in swedish.values():
        if not message.translated:
            continue
        if message.plural is None:
            if fields(message.strings[0]) != fields(message.msgid):
                wrong.append(f"{message.where}: {message.msgid!r} -> {message.strings[0]!r}")
        elif (fields(message.strings[-1]) != fields(message.plural)
              or not fields(message.strings[0]) <= fields(message.msgid) | fields(message.plural)):
            wrong.append(f"{message.where}: {message.plural!r} -> {message.strings!r}")
    assert not wrong, "placeholders differ between msgid and msgstr:\n" + "\n".join(wrong)


def test_ui_strings_are_literals():
    """_(f"…"), _("a" + b) or _("…".format()) can never be in a catalogue."""
    bad = [where for call, where in ui_calls()
           if any(isinstance(arg, (ast.JoinedStr, ast.BinOp, ast.Call)) for arg in call.args[:2])]
    assert not bad, "format after _(), not inside it: " + ", ".join(bad)


def test_compiled_catalogue_translates_plurals_and_leaves_out_fuzzy(tmp_path):
    parts = tmp_path / "sv" / "parts"
    parts.mkdir(parents=True)
    (parts / "a.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Log"\nmsgstr "Logga"\n\n#, fuzzy\nmsgid "Back"\nmsgstr "Bakåt"\n\n'
        'msgid "1 line"\nmsgid_plural "{count} lines"\nmsgstr[0] "1 rad"\n'
        'msgstr[1] "{count} rader"\n\n#~ msgid "Old"\n#~ msgstr "Gammal"\n', encoding="utf-8")
    (parts / "b.po").write_text('msgid "Log"\nmsgstr "Logga"\n\nmsgid "Back"\nmsgstr ""\n',
                                encoding="utf-8")
    assert locale_build.is_stale(tmp_path / "sv")
    [mo] = locale_build.compile_all(tmp_path)
    assert not locale_build.is_stale(tmp_path / "sv")
    with mo.open("rb") as file:
        catalogue = gettext.GNUTranslations(file)
    assert catalogue.gettext("Log") == "Logga"
    assert catalogue.gettext("Back") == "Back"  # fuzzy and empty: not translated
    assert catalogue.gettext("Old") == "Old"
    assert catalogue.ngettext("1 line", "{count} lines", 1) == "1 rad"
    assert catalogue.ngettext("1 line", "{count} lines", 5) == "{count} rader"


def test_fragments_that_disagree_are_refused(tmp_path):
    for name, text in (("a.po", "Logga"), ("b.po", "Logg")):
        (tmp_path / name).write_text(f'msgid "Log"\nmsgstr "{text}"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="translated differently in a.po:1 and b.po:1"):
        locale_build.merge(sorted(tmp_path.glob("*.po")))


def test_setup_rebuilds_a_stale_catalogue(monkeypatch, tmp_path):
    locale = tmp_path / "locale"
    (locale / "sv" / "parts").mkdir(parents=True)
    (locale / "sv" / "parts" / "x.po").write_text('msgid "Help"\nmsgstr "Hjälp"\n',
                                                  encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    try:
        i18n.setup("sv")
        assert i18n._("Help") == "Hjälp"
        assert (locale / "sv" / "LC_MESSAGES" / "segtui.mo").exists()
    finally:
        i18n._translation = gettext.NullTranslations()


def probe(*args: str, **env: str) -> str:
    """What `segtui --db … ARGS` shows on its first screen (see ui_probe.py)."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")} | env
    result = subprocess.run([sys.executable, str(PROBE), *args], capture_output=True, text=True,
                            env=environment, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("probe") / "demo.db"
    subprocess.run([sys.executable, "-m", "segtui", "--db", str(path), "demo", "--contacts",
                    "20"], check=True, capture_output=True, timeout=120)
    return str(path)


@pytest.mark.parametrize("args, env", [(["--lang", "sv"], {}),
                                       ([], {"LANG": "sv_SE.UTF-8"})])
def test_swedish_reaches_footer_bindings_and_columns(demo_db, args, env):
    shown = probe("--db", demo_db, *args, **env)
    for text in ("Öppna", "Nytt segment", "Hjälp",  # footer (bindings made at import time)
                 "Beskrivning", "Rader", "Datum", "Säljare",  # column headings
                 "Segmentlogg", "Kontakter", "Inställningar"):  # navigation
        assert text in shown, shown
    assert "Tema" in shown  # an app binding (keys list)


def test_english_otherwise(demo_db):
    shown = probe("--db", demo_db, "--lang", "en", LANG="sv_SE.UTF-8")
    assert "New segment" in shown and "Description" in shown and "Nytt segment" not in shown
    assert "New segment" in probe("--db", demo_db, LANG="C.UTF-8")


UI_TEXT_KEYWORDS = ("placeholder", "tooltip", "description", "title", "label", "prompt")
UI_TEXT_WIDGETS = ("Button", "Label", "Static", "Checkbox", "TickBox", "Option")
UI_TEXT_ATTRIBUTES = ("border_title", "border_subtitle", "placeholder", "tooltip")


def _is_text(node: ast.AST) -> bool:
    """A string literal with words in it (a key, a separator or markup-free symbol is not)."""
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and any(char.isalpha() for char in node.value))


def untranslated_ui_texts() -> list[str]:
    """Text the TUI shows that is a bare literal, not `_()`: a Binding's description, a
    placeholder, a tooltip, a title, a button's or label's text, a border title."""
    found = []
    for path in sorted((PACKAGE / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            where = f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
                texts = [keyword.value for keyword in node.keywords
                         if keyword.arg in UI_TEXT_KEYWORDS]
                if name == "Binding" and len(node.args) > 2:
                    texts.append(node.args[2])
                if name in UI_TEXT_WIDGETS and node.args:
                    texts.append(node.args[0])
                found += [f"{where}: {text.value!r}" for text in texts if _is_text(text)]
            elif isinstance(node, ast.Assign) and _is_text(node.value) and any(
                    isinstance(target, ast.Attribute) and target.attr in UI_TEXT_ATTRIBUTES
                    for target in node.targets):
                found.append(f"{where}: {node.value.value!r}")
    return found


def test_no_ui_text_of_the_tui_bypasses_the_catalogue():
    """Binding descriptions, placeholders, titles and button texts go through _(): a bare
    literal is English in every language (and test_every_ui_string_… cannot see it)."""
    assert not untranslated_ui_texts(), "\n".join(untranslated_ui_texts())


def test_a_bare_binding_description_is_found(tmp_path, monkeypatch):
    tui = tmp_path / "segtui" / "tui"
    tui.mkdir(parents=True)
    (tui / "screen.py").write_text('B = [Binding("x", "go", "Go on"), Binding("y", "a", _("Ok"))]\n'
                                   'Input(placeholder="Name…")\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "segtui")
    assert sorted(untranslated_ui_texts()) == ["segtui/tui/screen.py:1: 'Go on'",
                                       "segtui/tui/screen.py:2: 'Name…'"]
