"""A config file in the user's config folder, read by the real `segtui` process: its settings
apply below the command line and the environment, and a bad one stops segtui in one line with
exit status 2 before anything is done (no database made, no traceback)."""
import json
import os
import subprocess
import sys

import pytest
from tests.support.cli import run_segtui

USER = "TESTER"


@pytest.fixture
def config_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = tmp_path / "config" / "segtui" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


def segtui(*args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "segtui", *args], capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})


def test_the_database_of_the_config_file_below_the_environment_and_the_command_line(
        config_file, tmp_path):
    by_file, by_env, by_cli = (tmp_path / f"{name}.db" for name in ("file", "env", "cli"))
    config_file.write_text(f"db = {json.dumps(str(by_file))}\n")
    assert segtui("segment", "new").returncode == 0
    assert segtui("segment", "new", env={"SEGTUI_DB": str(by_env)}).returncode == 0
    done = segtui("--db", str(by_cli), "segment", "new", env={"SEGTUI_DB": str(by_env)})
    assert done.returncode == 0, done.stderr
    assert by_file.exists() and by_env.exists() and by_cli.exists()
    listed = segtui("segment", "list", "--format", "json")
    assert len(json.loads(listed.stdout)) == 1


def test_an_explicit_config_file(tmp_path):
    other = tmp_path / "other.toml"
    target = tmp_path / "other.db"
    other.write_text(f"db = {json.dumps(str(target))}\n")
    assert segtui("--config", str(other), "segment", "new").returncode == 0
    assert target.exists()
    missing = segtui("--config", str(tmp_path / "missing.toml"), "segment", "list")
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [
        f"segtui: config file {tmp_path / 'missing.toml'} does not exist"]


@pytest.mark.parametrize("text, words", [
    ("db = ", ["is not valid TOML"]),
    ("colour = 'blue'", ["unknown setting 'colour'"]),
    ("busy_timeout = 'soon'", ["busy_timeout must be a number of seconds"]),
    ("[keymap]\n'segments.nwe' = 'ctrl+n'", ["names no binding of segtui: segments.nwe",
                                             "segments.new"]),
    ("[keymap]\n'segments.new' = 'slash'", ["segments.new and segments.filter both have slash"]),
])
def test_a_bad_config_file_is_one_line_and_exit_2_before_any_work(config_file, tmp_path, text,
                                                                  words):
    config_file.write_text(text)
    target = tmp_path / "never.db"
    for args in (["segment", "new", "--description", "Never"], []):  # a command, the TUI
        result = run_segtui(str(target), USER, *args)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("segtui: config file "), result.stderr
        assert str(config_file) in lines[0]
        for word in words:
            assert word in lines[0]
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert not target.exists()  # nothing was done: not even the database made


def test_a_bad_environment_setting_is_exit_2_too(tmp_path, monkeypatch):
    monkeypatch.setenv("SEGTUI_BUSY_TIMEOUT", "soon")
    target = tmp_path / "never.db"
    result = run_segtui(str(target), USER, "segment", "list")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "segtui: SEGTUI_BUSY_TIMEOUT must be a number of seconds (0 or more), not 'soon'"]
    assert not target.exists()


def test_a_theme_textual_does_not_have_stops_the_tui_in_one_line(config_file, tmp_path):
    config_file.write_text('theme = "sepia"\n')
    target = tmp_path / "never.db"
    result = run_segtui(str(target), USER)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("segtui: theme 'sepia' is not one of"), lines
    assert not target.exists()
