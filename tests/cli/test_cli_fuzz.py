"""The whole `segtui` command line under random arguments: no traceback, and a refusal changes
nothing.

Every sub-command is found in the argparse parser (a new command is covered without a line
here); each gets arguments drawn for what they name (segments, lines, entries, contacts, codes,
FIELD=VALUE, criteria, filters, files) from the values of a small demo database and from hostile
ones: numbers far out of range, control characters, bidi marks, markup, 10,000 characters. Each
run goes through `segtui.cli.main` in this process on a fresh copy of the database, with every
file it writes inside the test's folder. A run fails on an exception escaping `main`, on
"Traceback" on stderr, on an unknown exit status, or when it refused (status ≠ 0) and the
database is not exactly as before (a digest of every row of every table). A few runs go through
real processes too.
"""
import argparse
import contextlib
import hashlib
import io
import os
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.support.cli import run_segtui
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import segtui.cli
from segtui.cli import arguments, build_parser, main
from segtui.domain.documents import pdf_files
from segtui.domain.segments.criteria_sources import FIELD_ALIASES, SOURCES
from segtui.domain.errors import DomainError
from segtui.domain.journal.interaction_log import EntryFilter
from segtui.domain.segments.lines import LINE_ALIASES, LINE_FIELDS
from segtui.domain.segments.headers import FIELD_ALIASES as HEADER_ALIASES
from segtui.domain.segments.headers import HEADER_FIELDS
from segtui.domain.values import LARGEST_32, LARGEST_64, option_label
from segtui.i18n import every_translation
from segtui.store.enums import CorrespondenceType, Evaluation, InformationFlow, InitiatedBy

USER = "TESTER"
LOG = os.environ.get("SEGTUI_FUZZ_LOG")
FUZZ = settings(max_examples=8, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow, HealthCheck.data_too_large])

# -- the commands -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A sub-command as argparse knows it: its words and its parser."""
    words: tuple[str, ...]
    parser: argparse.ArgumentParser

    def __str__(self) -> str:
        return " ".join(self.words)


def leaf_commands(parser=None, words=()) -> list[Command]:
    """Every runnable sub-command under `parser` (the whole `segtui` parser by default)."""
    parser = parser or build_parser()
    groups = [action for action in parser._actions
              if isinstance(action, argparse._SubParsersAction)]
    if not groups:
        return [Command(words, parser)]
    return [leaf for group in groups for name, sub in group.choices.items()
            for leaf in leaf_commands(sub, (*words, name))]


COMMANDS = leaf_commands()

# -- values -------------------------------------------------------------------------------------
HUGE = [2**63, 2**63 - 1, -2**63, -2**63 - 1, 2**64, 10**30, 2**31, 2**31 - 1, -2**31 - 1,
        LARGEST_32 + 1, LARGEST_64, -1, 0, 10**4000]
HOSTILE_TEXT = ["", " ", "'", "''", "-", "--", "😀", "👩\u200d💻", "\u202eevil", "\u2066x\u2069",
                "a\u200bb", "[bold red]x[/]", "[link=file:///etc/passwd]click[/link]",
                "[@click=app.quit]quit[/]", "\x1b[31m", "\x1b]0;TITLE\x07", "\x7f", "\x9b1m",
                "a\nb", "a\rb", "\t", "x" * 10_000, "9" * 5000, "1e999", "NaN", "-0", "+1",
                "1.5", "١٢", "..", "<>", "|", "||", "&", "*", "?", "%", "_", "=", "a=b",
                "../../etc/passwd", "/dev/null", "\udcff", "Ä", "ß", "İ"]
CONTROL = st.characters(min_codepoint=1, max_codepoint=0x9f).filter(
    lambda char: not char.isprintable())
TEXT = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
            max_size=12),
    st.text(CONTROL, min_size=1, max_size=4),
    st.sampled_from(HUGE).map(str))
OPTIONS = [CorrespondenceType, Evaluation, InformationFlow, InitiatedBy]
OPTION_WORDS = sorted({word for enum in OPTIONS for member in enum
                       for word in (member.name, *every_translation(option_label(member)))})


@dataclass(frozen=True)
class Known:
    """What the demo database holds: the values a run may name to reach the code behind."""
    segments: list[str]
    lines: list[int]
    entries: list[int]
    logged: list[int]
    contacts: list[str]
    masters: dict[str, list[str]]   # codes by what they are: "salesperson", "language", …

    @property
    def codes(self) -> list[str]:
        return [code for codes in self.masters.values() for code in codes] + ["NOSUCH"]

    def codes_for(self, name: str) -> list[str]:
        """The codes a field or argument called `name` takes (every code when it says not)."""
        return next((codes for kind, codes in self.masters.items() if kind in name),
                    self.codes)


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy) -> st.SearchStrategy:
    """Good values five times in six: a run of good arguments reaches the code behind."""
    return st.integers(0, 5).flatmap(lambda pick: bad if pick == 5 else good)


def numbers(known: list[int]) -> st.SearchStrategy[str]:
    return mostly(st.sampled_from(known or [1]).map(str),
                  st.one_of(st.sampled_from(HUGE), st.integers(-3, 70_000)).map(str)
                  | st.sampled_from(HOSTILE_TEXT[:12]))


def some(values: list[str]) -> st.SearchStrategy[str]:
    return mostly(st.sampled_from(values) | st.sampled_from(values).map(str.lower), TEXT)


class Draw:
    """The strategies of a run's arguments, by what an argument names."""

    def __init__(self, known: Known, files: dict[str, str], out: Path):
        self.known = known
        self.files = files
        self.out = out
        self.count = 0

    def fresh_path(self, suffix: str) -> st.SearchStrategy[str]:
        """A path in the test's folder that does not exist yet (a fresh one each draw)."""
        def make(_ignored):
            self.count += 1
            return str(self.out / f"out{self.count}{suffix}")
        return st.just(None).map(make)

    def segment(self):
        return some(self.known.segments)

    def assignment(self, fields: dict[str, str]):
        """FIELD=VALUE: mostly a value of the field's kind, so the change is made."""
        by_kind = {
            "option": st.sampled_from(OPTION_WORDS),
            "code": some(self.known.codes),
            "date": st.sampled_from(["2026-01-01", "2026-13-45", "", "2026-02-29"]),
            "amount": st.sampled_from(["1.50", "0", "-1", "1e999", "999999999999", "1,5"]),
            "bool": st.sampled_from(["yes", "no", "Ja", "nej", "", "2"]),
            "text": TEXT}

        def pair(name):
            kind = fields[name]
            good = some(self.known.codes_for(name)) if kind == "code" else by_kind[kind]
            return mostly(good, TEXT).map(lambda value: f"{name}={value}")
        return mostly(st.sampled_from(sorted(fields)).flatmap(pair), TEXT)

    def criterion(self):
        fields = [f"{source.name}.{alias}" for source in SOURCES.values()
                  for alias in source.fields]
        fields += [f"contact.{alias}" for alias in FIELD_ALIASES] + list(SOURCES)
        value = st.one_of(st.sampled_from(OPTION_WORDS), some(self.known.codes),
                          st.sampled_from(self.known.segments), numbers(self.known.logged),
                          st.sampled_from(["''", "<>''", "A*", "1..5", "<>Positive",
                                           "Positive|Neutral", "Yes"]), TEXT)
        return mostly(st.tuples(st.sampled_from(fields), value).map("=".join), TEXT)

    def value(self, command: Command, name: str, action) -> st.SearchStrategy[str]:
        """What to give the argument `name` (a dest) of `command`."""
        if action.choices:
            return mostly(st.sampled_from(sorted(action.choices)), TEXT)
        if action.type is arguments.CONTACT_COUNT:  # a valid count runs a demo that long
            return st.sampled_from([0, 1, 3, arguments.LARGEST_DEMO + 1, *HUGE]).map(str) | TEXT
        if action.type is arguments.VERSION:
            return numbers([1, 2, 3])
        if action.type is arguments.LINE_NO:
            return numbers(self.known.lines)
        if action.type is not None and action.type is not str:
            return numbers(self.known.entries + self.known.logged)
        words = command.words
        if name in ("out", "out_file", "file") and (words[-1] in ("backup", "export")
                                                    or name != "file"):
            return self.fresh_path("" if words[-1] == "merge" else ".out")
        if name == "file":
            return st.sampled_from(sorted(self.files.values())) | self.fresh_path(".none")
        if name == "segment" or name == "from_segments":
            return self.segment()
        if name == "contacts":
            return some(self.known.contacts)
        if name == "assignments":
            if words[-1] == "set":
                kinds = {name: field.kind for name, field in HEADER_FIELDS.items()}
                kinds.update({alias: HEADER_FIELDS[attr].kind
                              for alias, attr in HEADER_ALIASES.items()})
            else:
                kinds = {name: kind for name, (_label, kind) in LINE_FIELDS.items()}
                kinds.update({alias: LINE_FIELDS[attr][1] for alias, attr in LINE_ALIASES.items()})
            return self.assignment(kinds)
        if name == "criteria":
            return self.criterion()
        if name == "arguments":  # interactions evaluate N… VALUE
            return st.one_of(numbers(self.known.entries), st.sampled_from(OPTION_WORDS))
        if name == "code":  # a mailing group, or saved criteria
            return some(self.known.codes_for("saved" if "criteria" in words[-1] else "mailing"))
        if name in ("template", "language", "salesperson", "campaign"):
            return some(self.known.codes_for(name))
        if name == "date":
            return st.one_of(st.sampled_from(["2026-01-01", "2026-02-30", "1..2"]), TEXT)
        return st.one_of(some(self.known.codes + self.known.segments), TEXT)

    @st.composite
    def argv(draw, self, command: Command) -> list[str]:
        """`--db` comes from the caller; the global options, the words, then arguments."""
        args = []
        if draw(st.integers(0, 3)) == 3:
            args += ["--user", draw(mostly(st.just(USER), st.just("x" * 60) | TEXT))]
        if draw(st.integers(0, 3)) == 3:
            args += ["--lang", draw(mostly(st.sampled_from(["en", "sv"]), TEXT))]
        args += list(command.words)
        positionals, options = [], []
        for action in command.parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction)):
                continue
            value = self.value(command, action.dest, action)
            if not action.option_strings:
                count = {None: 1, "+": draw(st.integers(1, 3)), "*": draw(st.integers(0, 3)),
                         "?": draw(st.integers(0, 1))}[action.nargs]
                # mostly a whole run of good values, so the code behind them runs
                positionals += [draw(value) for _ in range(count)]
            elif action.nargs == 0:
                if draw(st.booleans()):
                    options.append(action.option_strings[0])
            elif action.required or action.type is arguments.CONTACT_COUNT \
                    or draw(st.booleans()):
                times = draw(st.integers(1, 2)) if isinstance(action, argparse._AppendAction) else 1
                for _ in range(times):
                    options += [action.option_strings[-1], draw(value)]
        if draw(st.integers(0, 19)) == 19:  # bad usage too: an unknown option or one word more
            options.append(draw(st.sampled_from(["--nosuch", "extra", "-x"])))
        return args + (options + positionals if draw(st.booleans()) else positionals + options)


# -- the database -------------------------------------------------------------------------------


def digest(path: str) -> str:
    """Every row of every table (and the schema), as one checksum (a document by its own
    checksum, which keeps sorting the rows quick)."""
    connection = sqlite3.connect(path)
    try:
        total = hashlib.sha256()
        for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_master ORDER BY type, name").fetchall():
            total.update(f"{name}\0{sql}\0".encode())
            if sql and sql.startswith("CREATE TABLE"):
                rows = sorted(repr(tuple(hashlib.sha256(value).hexdigest()
                                         if isinstance(value, bytes) else value
                                         for value in row))
                              for row in connection.execute(f'SELECT * FROM "{name}"'))
                for row in rows:
                    total.update(row.encode("utf-8", "surrogatepass"))
        return total.hexdigest()
    finally:
        connection.close()


def _known(path: str) -> Known:
    connection = sqlite3.connect(path)

    def column(sql):
        return [row[0] for row in connection.execute(sql)]

    try:
        masters = {kind: column(f"SELECT {key} FROM {table} ORDER BY 1") for kind, table, key in (
            ("template", "interaction_template", "code"), ("language", "language", "code"),
            ("salesperson", "salesperson", "code"), ("campaign", "campaign", "no"),
            ("mailing", "mailing_group", "code"), ("saved", "saved_segment_criteria", "code"))}
        return Known(
            segments=column("SELECT no FROM segment_header ORDER BY no") + ["SEG99999"],
            lines=column("SELECT DISTINCT line_no FROM segment_line ORDER BY 1") + [99],
            entries=column("SELECT entry_no FROM interaction_log_entry ORDER BY 1") + [9999],
            logged=column("SELECT entry_no FROM logged_segment ORDER BY 1"),
            contacts=column("SELECT no FROM contact ORDER BY no LIMIT 8") + ["NOSUCH"],
            masters=masters)
    finally:
        connection.close()


@dataclass
class Result:
    status: int
    stdout: str
    stderr: str


def run_in_process(argv: list[str], stdin: str = "") -> Result:
    """`segtui.cli.main(argv)` with its own stdin, stdout and stderr (no terminal)."""
    out, err = io.TextIOWrapper(io.BytesIO(), "utf-8"), io.TextIOWrapper(io.BytesIO(), "utf-8")
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv)
            except SystemExit as exc:  # --help, --version
                status = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = saved
    texts = []
    for stream in (out, err):
        stream.flush()
        texts.append(stream.buffer.getvalue().decode("utf-8", "replace"))
    return Result(status, *texts)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A small demo database (and the files commands read), made once for the module."""
    folder = tmp_path_factory.mktemp("fuzz-demo")
    path = str(folder / "demo.db")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder / "xdg"))
        patch.chdir(folder)
        assert run_in_process(["--db", path, "--user", USER, "demo", "--contacts", "40"]
                              ).status == 0
        first = _known(path).segments[0]
        assert run_in_process(["--db", path, "--user", USER, "segment", "save-criteria", first,
                               "SAVED"]).status in (0, 1)
        docx = str(folder / "letter.docx")
        assert run_in_process(["--db", path, "--user", USER, "template", "export", "LETTER",
                               "ENU", docx]).status == 0
    (folder / "contacts.csv").write_text("No.,Name,City,E-Mail\nF-1,Fuzz One,Lund,f@x.se\n"
                                         "F-2,\x1b[31m,Lund,not-an-address\n", "utf-8")
    (folder / "hostile.csv").write_text(
        "Namn;Företag;E-post;Ort\n" + "x" * 10_000 + ";;a@b.se;Lund\n"
        "\"[link=file:///etc/passwd]click[/link]\";Ny AB;;\u202eLund\n"
        "Ann\u200dBerg;;;\"Två\nrader\"\n", "utf-8")
    (folder / "garbage.docx").write_bytes(b"PK\x03\x04 not a zip")
    files = {"docx": docx, "csv": str(folder / "contacts.csv"),
             "garbage": str(folder / "garbage.docx"), "empty": str(folder / "empty.csv"),
             "hostile": str(folder / "hostile.csv")}
    Path(files["empty"]).write_bytes(b"")
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path, files, _known(path), digest(path)


@pytest.fixture
def workspace(demo, tmp_path, monkeypatch):
    """Everything a run may write goes under `tmp_path`: the working folder, home, config and
    data folders, and the letters; no e-mail server and no LibreOffice are reached."""
    monkeypatch.chdir(tmp_path)
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    for name in ("SEGTUI_SMTP_HOST", "SEGTUI_SMTP_PORT", "SEGTUI_SMTP_USER",
                 "SEGTUI_SMTP_PASSWORD", "SEGTUI_SMTP_FROM", "SEGTUI_SMTP_TLS"):
        monkeypatch.delenv(name, raising=False)

    def no_pdf():
        raise DomainError("no LibreOffice in this test")

    monkeypatch.setattr(pdf_files, "soffice_command", no_pdf)

    def no_tui(settings):
        raise AssertionError("a fuzzed command would have started the TUI")

    monkeypatch.setattr(segtui.cli, "prepare_tui", no_tui)
    # argparse looks for its own (absent) catalogue on disk for each of its strings: most of a
    # run's time; its messages are English either way
    monkeypatch.setattr(argparse, "_", lambda message: message)
    (tmp_path / "out").mkdir()
    return tmp_path


def check(argv: list[str], result: Result, pristine: str, work: str) -> None:
    shown = " ".join(part[:40] for part in argv)
    assert "Traceback" not in result.stderr, (shown, result.stderr[-2000:])
    assert result.status in (0, 1, 2), (shown, result.status, result.stderr[-500:])
    # what segtui says is one clear line each: data in it cannot drive the terminal
    raw = [char for char in result.stderr if not (char.isprintable() or char == "\n")]
    assert not raw, (shown, "raw control characters on stderr", result.stderr[-500:])
    refused = result.status != 0
    # an import with a refused row keeps its good rows unless told otherwise (its status 1)
    partial = ("contacts" in argv and "import" in argv and "--all-or-nothing" not in argv
               and "--dry-run" not in argv)
    # a log or resend whose delivery failed for some entry ends with status 1 once it has
    # written the log and each entry's Delivery Status: done, not refused
    partial = partial or (("resend" in argv or "log" in argv)
                          and "deliveries failed (" in result.stderr)
    if refused:
        assert (result.stderr + result.stdout).strip(), (shown, "a refusal that says nothing")
        if not partial:
            assert digest(work) == pristine, (shown, "refused, yet the database changed",
                                              result.stderr[-500:])


def run_fuzzed(demo, workspace, argv: list[str], stdin: str) -> Result:
    path, _files, _known_values, pristine = demo
    work = str(workspace / "work.db")
    for suffix in ("-wal", "-shm"):
        Path(work + suffix).unlink(missing_ok=True)
    shutil.copyfile(path, work)
    full = ["--db", work, *argv]
    try:
        result = run_in_process(full, stdin)
    except Exception as exc:  # noqa: BLE001 - any escape is the finding
        pytest.fail(f"{' '.join(part[:40] for part in argv)}: {type(exc).__name__}: {exc}"[:2000])
    check(argv, result, pristine, work)
    if LOG:  # what each run did, to read what was accepted: SEGTUI_FUZZ_LOG=FILE
        with open(LOG, "a", encoding="utf-8") as log:
            last = (result.stderr.strip().splitlines() or [""])[-1]
            log.write(f"{result.status} {' '.join(argv)[:300]!r} :: {last[:300]!r}\n")
    return result


def examples(command: Command) -> int:
    """More runs for a command whose arguments say more (FIELD=VALUE, criteria, filters)."""
    rich = {"assignments", "criteria", "arguments", *EntryFilter.__dataclass_fields__}
    named = {action.dest for action in command.parser._actions}
    return 25 if rich & named else 6


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_every_command_under_random_arguments(demo, workspace, command):
    _path, files, known, _pristine = demo
    draw = Draw(known, files, workspace / "out")

    @settings(FUZZ, max_examples=examples(command))
    @given(argv=draw.argv(command), stdin=TEXT)
    def fuzz(argv, stdin):
        run_fuzzed(demo, workspace, argv, stdin)

    fuzz()


def test_every_sub_command_is_found():
    """The discovery reaches the leaves (a parser change that hid them would fuzz nothing)."""
    names = {str(command) for command in COMMANDS}
    assert {"segment set-line", "interactions evaluate", "logged cancel", "contacts import",
            "template check", "backup", "demo"} <= names
    assert all(command.words for command in COMMANDS)


# -- what the fuzzing found, as plain cases; some through real processes -------------------------
RANGE, CHOICES = "out of range", "is not one of"
FOUND = [  # (arguments, what the one line says)
    (["segment", "set-line", "{seg}", str(2**63), "description=x"], RANGE),
    (["segment", "remove-line", "{seg}", str(2**64)], RANGE),
    (["segment", "personal-text", "{seg}", str(10**30), "hello"], RANGE),
    (["segment", "merge", "{seg}", "--preview", str(-2**63 - 1)], RANGE),
    (["segment", "reuse-logged", "{seg}", str(2**31)], RANGE),
    (["segment", "add", "{seg}", "--from-logged", str(2**63)], RANGE),
    (["segment", "set", "{seg}", "description=x", "--if-version", str(2**63)], RANGE),
    (["logged", "cancel", str(2**63), "--reason", "x"], RANGE),
    (["interactions", "show", str(2**63)], RANGE),
    (["interactions", "evaluate", str(2**63), "Positive"], RANGE),
    (["interactions", "comment", "0", "hello"], RANGE),
    (["interactions", "list", "--logged-segment", str(2**31)], RANGE),
    (["demo", "--contacts", str(10**30), "--force"], RANGE),
    (["demo", "--seed", str(2**64), "--force"], RANGE),
    (["segment", "reduce", "{seg}", "interaction.evaluation=-"], CHOICES),
    (["segment", "reduce", "{seg}", "interaction.evaluation=😀"], CHOICES),
    (["segment", "reduce", "{seg}", "contact.correspondence_type=,"], CHOICES),
    (["segment", "set-line", "{seg}", "{line}", "evaluation=-"], CHOICES),
    (["segment", "set-line", "{seg}", "{line}", "language_code=XX"], "XX"),
    (["segment", "set-line", "{seg}", "{line}", "language_code=" + "A" * 11], "10"),
    (["segment", "set", "{seg}", "language_code=XX", "--create-language"], "XX"),
    (["segment", "save-criteria", "{seg}", "A\x9bB"], "control"),
    (["--user", "A\rB", "segment", "new"], "control"),
    (["--lang", "de", "segment", "list"], "sv"),
]


@pytest.mark.parametrize("arguments,says", FOUND, ids=lambda value: str(value)[:60])
def test_what_the_fuzzing_found_is_refused_in_one_line(demo, workspace, arguments, says):
    _path, _files, known, _pristine = demo
    argv = [part.format(seg=known.segments[0], line=known.lines[0]) for part in arguments]
    result = run_fuzzed(demo, workspace, argv, "")
    assert result.status in (1, 2), (argv, result.stderr)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("segtui") and says in last, result.stderr


@pytest.mark.parametrize("arguments,says", [FOUND[0], FOUND[8], FOUND[12], FOUND[14], FOUND[18]],
                         ids=lambda value: str(value)[:60])
def test_a_real_process_refuses_in_one_line(demo, workspace, arguments, says):
    path, _files, known, pristine = demo
    work = str(workspace / "process.db")
    shutil.copyfile(path, work)
    argv = [part.format(seg=known.segments[0], line=known.lines[0]) for part in arguments]
    result = run_segtui(work, USER, *argv)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("segtui") and says in last, result.stderr
    assert digest(work) == pristine



@pytest.mark.parametrize("arguments", [
    ["interactions", "show", str(2**31)], ["logged", "cancel", str(2**31), "--reason", "x"],
    ["interactions", "list", "--logged-segment", str(2**31)],
    ["segment", "add", "SEG00001", "profile.line_no=" + str(2**31)],
    ["segment", "remove-line", "SEG00001", str(2**63)]], ids=lambda args: " ".join(args)[:50])
def test_a_number_its_column_cannot_hold_is_refused_on_every_backend(crm_db, arguments):
    """An entry number is a 32-bit column on PostgreSQL, a line number a 64-bit one: a number
    either cannot hold is refused before it reaches the database, whichever the database."""
    result = run_segtui(crm_db, USER, *arguments)
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr, result.stderr
    assert RANGE in result.stderr.strip().splitlines()[-1], result.stderr
