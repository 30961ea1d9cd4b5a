"""`segtui backup FILE` as a real process: a private, consistent copy, even of a busy database."""
import os
import sqlite3
import stat
import subprocess
import sys
import time

import pytest
from tests.support.cli import assert_refused_in_one_line, run_segtui

USER = "TESTER"


def counts(path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return tuple(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                     for table in ("contact", "segment_line", "interaction_log_entry"))


@pytest.fixture
def demo_db(tmp_path):
    path = str(tmp_path / "live.db")
    result = run_segtui(path, USER, "demo", "--contacts", "300")
    assert result.returncode == 0, result.stderr
    return path


def test_the_copy_is_private_complete_and_refuses_to_overwrite(demo_db, tmp_path):
    copy = tmp_path / "copy.db"
    result = run_segtui(demo_db, USER, "backup", str(copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(copy)
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert counts(copy) == counts(demo_db)
    assert_refused_in_one_line(run_segtui(demo_db, USER, "backup", str(copy)),
                               ["exists already", "--replace"])
    assert run_segtui(demo_db, USER, "backup", str(copy), "--replace").returncode == 0
    assert_refused_in_one_line(run_segtui(demo_db, USER, "backup", str(tmp_path / "no" / "x")),
                               ["does not exist"])
    assert_refused_in_one_line(run_segtui(demo_db, USER, "backup", demo_db),
                               ["the database itself"])


def test_postgresql_is_refused_with_the_tool_to_use(pg_target, tmp_path):
    assert_refused_in_one_line(run_segtui(pg_target, USER, "backup", str(tmp_path / "x.db")),
                               ["pg_dump"])


def test_a_backup_while_a_big_log_runs_is_one_moment_of_the_database(tmp_path):
    live = str(tmp_path / "busy.db")
    assert run_segtui(live, USER, "demo", "--contacts", "30000").returncode == 0
    segment = run_segtui(live, USER, "segment", "new", "--template", "LETTER",
                         "--description", "Everyone").stdout.strip()
    assert run_segtui(live, USER, "segment", "add", segment, "--all").returncode == 0
    before = counts(live)
    log = subprocess.Popen([sys.executable, "-m", "segtui", "--db", live, "--user", USER,
                            "segment", "log", segment], stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    copy = tmp_path / "copy.db"
    result = run_segtui(live, USER, "backup", str(copy))
    _out, errors = log.communicate(timeout=120)
    assert log.returncode == 0, errors
    assert result.returncode == 0, result.stderr
    after = counts(live)
    assert before != after
    assert counts(copy) in (before, after)
