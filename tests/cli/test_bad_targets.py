"""A bad `--out` or `--db` ends the command with one clear line (exit status 1), no traceback and
nothing changed: a folder, a missing folder or an unwritable place for the output; an empty,
mistyped or foreign database URL; a file that is not a database."""
import datetime
import os
import stat
import subprocess
import sys
import threading
from contextlib import suppress

import pytest
from tests.support.crm import USER

from segtui.cli import main
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.connection import close_database


@pytest.fixture
def segment(crm_db) -> str:
    number = create_segment(user=USER, description="Targets", template="LETTER",
                            salesperson="AH", date=datetime.date(2026, 1, 15))
    add_line(number, "P-ANNA", user=USER)
    close_database()  # the commands open it themselves
    return number


def run(capsys, *args) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line(status, err, *words) -> None:
    assert status == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("segtui: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0], lines[0]


# every command that writes a file named by --out (or FILE), before its output
OUT_COMMANDS = [
    ["segment", "list", "--out"], ["segment", "show", "{seg}", "--format", "csv", "--out"],
    ["segment", "criteria", "{seg}", "--out"], ["logged", "list", "--format", "json", "--out"],
    ["logged", "journal", "--out"], ["interactions", "list", "--format", "xlsx", "--out"],
    ["interactions", "comments", "1", "--out"], ["template", "documents", "LETTER", "--out"],
    ["contacts", "export", "--out"], ["interactions", "show", "1", "--out"],
    ["template", "export", "LETTER", "ENU"],
]


@pytest.fixture
def places(tmp_path):
    """Bad places for a file: a folder, one in a missing folder, one in a read-only folder,
    an existing read-only file."""
    folder = tmp_path / "a folder"
    folder.mkdir()
    locked = tmp_path / "locked"
    locked.mkdir()
    kept = tmp_path / "kept.csv"
    kept.write_text("keep me\n")
    kept.chmod(0o444)
    locked.chmod(0o555)
    yield {"folder": (folder, "it is a folder"),
           "missing folder": (tmp_path / "nowhere" / "x.csv", "does not exist"),
           "read-only folder": (locked / "x.csv", "permission denied"),
           "read-only file": (kept, "permission denied")}
    locked.chmod(0o700)


@pytest.mark.parametrize("place", ["folder", "missing folder", "read-only folder",
                                   "read-only file"])
@pytest.mark.parametrize("command", OUT_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_bad_output_file_is_refused_before_any_work(crm_db, segment, places, capsys, command,
                                                      place, tmp_path):
    target, words = places[place]
    def listing():
        return [sorted(os.listdir(folder)) for folder in (tmp_path, target.parent)
                if folder.is_dir()]

    before = listing()
    text_before = target.read_text() if target.is_file() else None
    arguments = [part.format(seg=segment) for part in command] + [str(target)]
    status, out, err = run(capsys, "--db", crm_db, "--user", USER, *arguments)
    assert_one_line(status, err, "cannot write", words)
    assert out == ""
    assert listing() == before
    if text_before is not None:
        assert target.read_text() == text_before


def test_output_to_a_pipe_is_written_in_place(crm_db, segment, capsys, tmp_path):
    """A named pipe stands for /dev/null or /dev/stdout here: a broken build replacing it with
    a file must not take the machine's /dev/null with it."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    try:
        status, _out, err = run(capsys, "--db", crm_db, "segment", "list", "--format", "csv",
                                "--out", str(fifo))
    finally:
        if reader.is_alive() and not received:
            with suppress(OSError), open(fifo, "w", opener=_nonblocking):
                pass  # the command never opened the pipe: let the reader end
        reader.join(timeout=10)
    assert status == 0, err
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still the pipe, not a file put in its place
    assert received and received[0].startswith("segment_no,"), received


def _nonblocking(path, flags):
    return os.open(path, flags | os.O_NONBLOCK)


def test_merge_refuses_a_file_or_a_read_only_folder(crm_db, segment, capsys, tmp_path):
    database = crm_db
    a_file = tmp_path / "letters.txt"
    a_file.write_text("not a folder")
    status, _out, err = run(capsys, "--db", database, "segment", "merge", segment,
                            "--out", str(a_file))
    assert_one_line(status, err, "it is a file, not a folder")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    try:
        status, _out, err = run(capsys, "--db", database, "segment", "merge", segment,
                                "--out", str(locked / "letters"))
        assert_one_line(status, err, "is not writable")
        assert not (locked / "letters").exists()
    finally:
        locked.chmod(0o700)


BAD_URLS = [
    ("postgresql://crm@db.example:99999/segtui", "port must be a number"),
    ("postgresql://crm@db.example:abc/segtui", "port must be a number"),
    ("postgresql://crm@db.example:0/segtui", "port must be a number"),
    ("postgresql://crm:secret@db example/segtui", "is not a host name"),
    ("postgresql://crm@[::1/segtui", "is not a host name"),
    ("postgresql://crm@db.example/", "name one database"),
    ("postgresql://", "name one database"),
    ("postgresql:/segtui", "a PostgreSQL URL is written"),
    ("postgres:segtui", "a PostgreSQL URL is written"),
    ("mysql://crm:secret@db.example/segtui", "not mysql://"),
    ("sqlite:///tmp/x.db", "not sqlite://"),
]


@pytest.mark.parametrize("target, words", BAD_URLS, ids=[url for url, _ in BAD_URLS])
def test_a_bad_database_url_is_refused_in_one_line(capsys, target, words):
    status, out, err = run(capsys, "--db", target, "segment", "list")
    assert_one_line(status, err, "cannot open database", words)
    assert "secret" not in err and out == ""


def not_databases(tmp_path) -> dict:
    text = tmp_path / "notes.txt"
    text.write_text("name,city\nAnna,Malmö\n")
    folder = tmp_path / "folder.db"
    folder.mkdir()
    # /dev/zero stands for /dev/null: a build that took it for a database must not write
    # the machine's /dev/null (or put a -journal beside it)
    return {"device": ("/dev/zero", "not a regular file"),
            "folder": (str(folder), "it is a folder"),
            "text file": (str(text), "not a database file")}


@pytest.mark.parametrize("kind", ["device", "folder", "text file"])
@pytest.mark.parametrize("command", [["segment", "list"], ["segment", "new"], ["demo"]],
                         ids=" ".join)
def test_a_file_that_is_not_a_database_is_refused(tmp_path, capsys, kind, command):
    target, words = not_databases(tmp_path)[kind]
    before = sorted(os.listdir(tmp_path))
    status, _out, err = run(capsys, "--db", target, *command)
    assert_one_line(status, err, "cannot open database", words)
    assert sorted(os.listdir(tmp_path)) == before


@pytest.mark.parametrize("damage", ["truncated", "overwritten"])
def test_a_damaged_sqlite_file_is_refused(crm_db, tmp_path, capsys, damage):
    if crm_db.startswith("postgresql://"):
        pytest.skip("a SQLite file")
    close_database()
    path = tmp_path / "segtui-test.db"
    data = path.read_bytes()
    damaged = data[:5000] if damage == "truncated" else data[:100] + b"\xff" * 4000 + data[4100:]
    path.write_bytes(damaged)
    for command in (["segment", "list"], ["segment", "new"], ["interactions", "list"]):
        status, _out, err = run(capsys, "--db", str(path), *command)
        assert_one_line(status, err, "cannot open database", "malformed")
    assert path.read_bytes() == damaged


def test_an_empty_db_option_or_variable_is_refused(tmp_path, capsys, monkeypatch,
                                                   private_data_dir):
    monkeypatch.chdir(tmp_path)
    status, _out, err = run(capsys, "--db", "", "segment", "list")
    assert_one_line(status, err, "no database given")
    monkeypatch.setenv("SEGTUI_DB", "")
    status, _out, err = run(capsys, "segment", "new")
    assert_one_line(status, err, "no database given")
    assert not private_data_dir.exists()  # the default database was not made
    assert os.listdir(tmp_path) == ["xdg"] or not os.listdir(tmp_path)


def segtui_process(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "segtui", *args], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


def test_the_real_command_refuses_bad_targets_in_one_line(crm_db, segment, tmp_path):
    """The cases the issue names, as real processes."""
    database = crm_db
    for arguments, words in [
            (["--db", database, "segment", "show", segment, "--out", str(tmp_path)],
             "it is a folder"),
            (["--db", "postgresql://crm@db.example:99999/segtui", "segment", "list"], "port"),
            (["--db", "postgresql://crm@db.example:abc/segtui", "segment", "list"], "port"),
            (["--db", "", "segment", "list"], "no database given"),
            (["--db", "/dev/zero", "segment", "list"], "not a regular file")]:
        result = segtui_process(*arguments)
        assert result.returncode == 1, (arguments, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], (arguments, result.stderr)
        assert result.stdout == ""


def test_backup_refuses_a_folder_or_a_pipe(crm_db, capsys, tmp_path):
    if crm_db.startswith("postgresql://"):
        pytest.skip("backup copies SQLite databases")
    close_database()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # for /dev/null, which a broken build would replace by the copy
    folder = tmp_path / "copies"
    folder.mkdir()
    for target, words in [(fifo, "not a regular file"), (folder, "it is a folder")]:
        status, _out, err = run(capsys, "--db", crm_db, "backup", str(target), "--replace")
        assert_one_line(status, err, words)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and os.listdir(folder) == []
