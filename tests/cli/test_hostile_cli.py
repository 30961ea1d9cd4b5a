"""Hostile arguments to the real `segtui`: a refusal (1) or bad usage (2) in one clear line on
stderr, never a traceback, and nothing written."""
import datetime

import pytest

from tests.support.cli import run_segtui
from tests.support.crm import USER

from segtui.domain.segments.headers import create_segment
from segtui.store.models import InteractionLogEntry, SegmentHeader, SegmentLine

ESCAPE = "\x1b[31m"


@pytest.fixture
def segment(crm_db) -> str:
    return create_segment(user=USER, description="Hostile", template="LETTER",
                          salesperson="AH", date=datetime.date(2026, 1, 15))


def state() -> list:
    return [sorted(model.select().tuples()) for model in (SegmentHeader, SegmentLine,
                                                          InteractionLogEntry)]


def assert_clean_refusal(result, status=(1, 2)) -> None:
    """Exit 1 or 2, one line on stderr (argparse: usage, then one error line), no traceback,
    nothing on stdout."""
    assert result.returncode in status, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 or result.returncode == 2, result.stderr
    assert result.stdout == ""


HOSTILE = [
    ("segment", "set", "{seg}", "date=2026-13-45"),
    ("segment", "set", "{seg}", "cost=1e999"),
    ("segment", "set", "{seg}", "cost=NaN"),
    ("segment", "set", "{seg}", "nosuch=1"),
    ("segment", "set", "{seg}", "date"),
    ("segment", "set", "{seg}", "salesperson=" + "X" * 10_000),
    ("segment", "set", "{seg}", "description=" + "x" * 10_000),
    ("segment", "new", "--date", "2026-02-30"),
    ("segment", "add", "{seg}", "contact.type=" + ESCAPE),
    ("segment", "add", "{seg}", "contact.salesperson=" + ESCAPE),
    ("segment", "add", "{seg}", "nosuch.field=1"),
    ("segment", "add", "{seg}", "contact.no='unclosed"),
    ("segment", "add-line", "{seg}", "[bold]NOPE[/]"),
    ("segment", "set-line", "{seg}", "1", "evaluation=NOPE"),
    ("segment", "set-line", "{seg}", "x", "evaluation=NOPE"),
    ("segment", "show", "../../etc/passwd"),
    ("interactions", "evaluate", "1", "NOPE"),
    ("interactions", "evaluate", "NOPE"),
]


def test_hostile_arguments_are_refused_in_one_clear_line(segment, crm_db):
    before = state()
    for arguments in HOSTILE:
        result = run_segtui(crm_db, USER, *(part.format(seg=segment) for part in arguments))
        assert_clean_refusal(result)
    assert state() == before


def test_a_filter_that_only_looks_hostile_is_text(segment, crm_db):
    """`[[[` is a valid text filter: it matches nobody, and says so."""
    result = run_segtui(crm_db, USER, "segment", "add", segment, "contact.name=[[[")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert SegmentLine.select().count() == 0


def test_a_refusal_never_echoes_escape_sequences_or_line_breaks(segment, crm_db):
    for criterion in ("contact.type=" + ESCAPE, "contact.type=a\nb", "x\x1b]0;title\x07=1"):
        result = run_segtui(crm_db, USER, "segment", "add", segment, criterion)
        assert result.returncode == 1 and "\x1b" not in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_10000_character_description_of_a_new_segment_is_refused(crm_db):
    result = run_segtui(crm_db, USER, "segment", "new", "--description", "x" * 10_000)
    assert_clean_refusal(result)
    assert SegmentHeader.select().count() == 0
