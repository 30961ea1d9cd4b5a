"""A database that cannot be used ends the command with one clear line, exit status 1, no
traceback."""
import os
import subprocess
import sys
from contextlib import contextmanager

import pytest


def run_segtui(*args, env=None):
    return subprocess.run([sys.executable, "-m", "segtui", *args], capture_output=True, text=True,
                          timeout=60, env=env, stdin=subprocess.DEVNULL)


def assert_one_clear_line(result, *words):
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("segtui: cannot "), lines[0]
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]


@contextmanager
def unwritable_folder(path):
    """A folder nobody (root included) may create files in."""
    path.mkdir()
    if os.geteuid() == 0:
        if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
            pytest.skip("cannot make a folder unwritable for root here (chattr)")
        try:
            yield path
        finally:
            subprocess.run(["chattr", "-i", str(path)])
    else:
        path.chmod(0o500)
        try:
            yield path
        finally:
            path.chmod(0o700)


@pytest.mark.parametrize("command", [["demo", "--contacts", "5"], []], ids=["demo", "tui"])
def test_missing_folder(tmp_path, command):
    target = tmp_path / "nowhere" / "x.db"
    assert_one_clear_line(run_segtui("--db", str(target), *command), "does not exist")


@pytest.mark.parametrize("command", [["demo", "--contacts", "5"], []], ids=["demo", "tui"])
def test_unwritable_folder(tmp_path, command):
    with unwritable_folder(tmp_path / "locked") as folder:
        result = run_segtui("--db", str(folder / "x.db"), *command)
    assert_one_clear_line(result, str(folder))
    assert not (folder / "x.db").exists()


@pytest.mark.parametrize("command", [["demo", "--contacts", "5"], []], ids=["demo", "tui"])
def test_not_a_database_file(tmp_path, command):
    target = tmp_path / "letter.docx"
    target.write_bytes(b"PK\x03\x04 this is a zip, not SQLite" * 10)
    assert_one_clear_line(run_segtui("--db", str(target), *command), "not a database file")


@pytest.mark.parametrize("command", [["demo", "--contacts", "5"], []], ids=["demo", "tui"])
def test_unreachable_postgresql(command):
    result = run_segtui("--db", "postgresql://crm:secret@127.0.0.1:9/segtui", *command)
    assert_one_clear_line(result, "postgresql://crm@127.0.0.1:9/segtui")
    assert "secret" not in result.stderr


def test_database_from_environment_is_used(tmp_path):
    env = dict(os.environ, SEGTUI_DB=str(tmp_path / "nowhere" / "env.db"))
    assert_one_clear_line(run_segtui("demo", env=env), "env.db")


def test_bad_usage_is_exit_status_2():
    result = run_segtui("demo", "--contacts", "many")
    assert result.returncode == 2
    assert "'many' is not a whole number" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m_reports_the_version():
    result = run_segtui("--version")
    assert result.returncode == 0 and result.stdout.startswith("segtui ")
