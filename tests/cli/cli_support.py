"""Checks the CLI tests share: a refusal is exit status 1 with one clear line and no output."""


def assert_refused_in_one_line(result, words) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("segtui: "), result.stderr
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
