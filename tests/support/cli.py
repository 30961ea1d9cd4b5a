"""What the CLI tests share: running `segtui` as a real process, and what a refusal looks like."""
import subprocess
import sys


def run_segtui(target, user: str, *args) -> subprocess.CompletedProcess:
    """`segtui --db TARGET --user USER ARGS…` as a real process without a terminal."""
    return subprocess.run([sys.executable, "-m", "segtui", "--db", target, "--user", user,
                           *args], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)


def assert_refused_in_one_line(result, words) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("segtui: "), result.stderr
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
