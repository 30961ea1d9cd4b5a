"""A database its user may not write (the file read-only, or the folder that would hold its -wal
and -shm files): lists and shows work, read-only; every write is refused with "the database is
read-only" in one line and nothing changes; a database that needs an upgrade says so."""
import datetime
import hashlib
import os
from contextlib import contextmanager
from pathlib import Path

import psycopg2
import pytest
from tests.support.cli import run_segtui
from tests.support.crm import USER, build_crm

from segtui.cli import main
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.connection import (
    MIGRATION_TABLE, close_database, is_read_only, open_database)

READS = [
    ["segment", "list", "--format", "json"], ["segment", "show", "{seg}", "--format", "json"],
    ["segment", "criteria", "{seg}"], ["logged", "list", "--format", "csv"], ["logged", "journal"],
    ["interactions", "list", "--format", "json"], ["interactions", "comments", "1"],
    ["template", "documents", "LETTER"], ["contacts", "export"],
]
WRITES = [
    ["segment", "new", "--description", "Refused"], ["segment", "add-line", "{seg}", "P-BERT"],
    ["segment", "set", "{seg}", "description=Refused"],
    ["segment", "remove-line", "{seg}", "{line}"],
    ["segment", "delete", "{seg}"], ["segment", "add", "{seg}", "--all"],
    ["segment", "log", "{seg}"], ["interactions", "comment", "1", "Refused"],
    ["interactions", "cancel", "2", "--reason", "x"], ["logged", "cancel", "1", "--reason", "x"],
    ["contacts", "import", "{csv}"], ["demo", "--force", "--contacts", "3"],
]


@pytest.fixture
def made(tmp_path) -> tuple[Path, str]:
    """A SQLite file with the CRM and an open segment, closed (its WAL folded in)."""
    path = tmp_path / "data" / "crm.db"
    path.parent.mkdir()
    open_database(str(path))
    build_crm()
    segment = create_segment(user=USER, description="Read only", template="LETTER",
                             salesperson="AH", date=datetime.date(2026, 1, 15))
    line = add_line(segment, "P-ANNA", user=USER)
    close_database()
    (tmp_path / "line").write_text(str(line))
    (tmp_path / "contacts.csv").write_text("No.,Name\nP-NEW,New Person\n")
    return path, segment


@contextmanager
def read_only(path: Path, how: str):
    """`path` read-only ("file": chmod 0444) or in a read-only folder ("folder": chmod 0555);
    a mode without any write bit counts as read-only for root too."""
    place = path if how == "file" else path.parent
    mode = place.stat().st_mode
    place.chmod(0o444 if how == "file" else 0o555)
    try:
        yield
    finally:
        place.chmod(mode)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def arguments(command, segment, tmp_path) -> list[str]:
    line = (tmp_path / "line").read_text()
    return [part.format(seg=segment, csv=tmp_path / "contacts.csv", line=line)
            for part in command]


@pytest.mark.parametrize("how", ["file", "folder"])
def test_lists_and_shows_work_and_writes_are_refused(made, tmp_path, how):
    path, segment = made
    expected = [run_segtui(str(path), USER, *arguments(read, segment, tmp_path)).stdout
                for read in READS]
    before = digest(path)
    with read_only(path, how):
        for read, output in zip(READS, expected):
            result = run_segtui(str(path), USER, *arguments(read, segment, tmp_path))
            assert result.returncode == 0, (read, result.stderr)
            assert result.stdout == output, read
        for write in WRITES:
            result = run_segtui(str(path), USER, *arguments(write, segment, tmp_path))
            assert result.returncode == 1, (write, result.stdout, result.stderr)
            lines = result.stderr.strip().splitlines()
            assert lines[-1] == ("segtui: the database is read-only: nothing was changed "
                                 "(ask someone who may write to it)"), (write, result.stderr)
            assert "Traceback" not in result.stderr
        assert digest(path) == before
    if how == "folder":
        assert sorted(os.listdir(path.parent)) == ["crm.db"]  # no -wal or -shm could be made


def test_a_read_only_database_is_opened_read_only_without_migrating(made, capsys):
    path, _segment = made
    with read_only(path, "file"):
        database = open_database(str(path))
        try:
            assert is_read_only(database)
        finally:
            close_database()
    assert not is_read_only(open_database(str(path)))
    close_database()


def test_a_read_only_database_that_needs_an_upgrade_says_so(made, capsys):
    path, _segment = made
    database = open_database(str(path))
    (last,) = database.execute_sql(f"SELECT MAX(name) FROM {MIGRATION_TABLE}").fetchone()
    database.execute_sql(f"DELETE FROM {MIGRATION_TABLE} WHERE name = ?", (last,))
    close_database()
    before = digest(path)
    with read_only(path, "file"):
        status = main(["--db", str(path), "segment", "list"])
    err = capsys.readouterr().err
    assert status == 1 and len(err.strip().splitlines()) == 1, err
    assert "read-only and needs an upgrade" in err
    assert digest(path) == before


def test_a_read_only_folder_with_changes_in_its_wal_is_refused(made, capsys):
    """Without a -shm file SQLite cannot read the changes in the -wal safely: say so."""
    path, _segment = made
    Path(f"{path}-wal").write_bytes(b"\x00" * 32)
    with read_only(path, "folder"):
        status = main(["--db", str(path), "segment", "list"])
    err = capsys.readouterr().err
    assert status == 1 and "write-ahead log" in err, err


@pytest.fixture
def read_only_postgres(pg_target):
    """A PostgreSQL database with the CRM whose sessions may only read."""
    open_database(pg_target)
    build_crm()
    segment = create_segment(user=USER, description="Read only", template="LETTER",
                             salesperson="AH", date=datetime.date(2026, 1, 15))
    close_database()
    admin = psycopg2.connect(os.environ["SEGTUI_TEST_PG"])
    admin.autocommit = True
    with admin.cursor() as cursor:
        name = pg_target.rsplit("/", 1)[1]
        cursor.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    admin.close()
    return pg_target, segment


def test_a_read_only_postgresql_database(read_only_postgres, tmp_path):
    target, segment = read_only_postgres
    (tmp_path / "line").write_text("10000")
    listed = run_segtui(target, USER, "segment", "list", "--format", "json")
    assert listed.returncode == 0 and segment in listed.stdout, listed.stderr
    for write in WRITES[:4]:
        result = run_segtui(target, USER, *arguments(write, segment, tmp_path))
        assert result.returncode == 1, (write, result.stderr)
        assert "the database is read-only" in result.stderr, (write, result.stderr)
        assert "Traceback" not in result.stderr
    assert "Refused" not in run_segtui(target, USER, "segment", "list").stdout
