"""Hostile data in the CLI's output: on a terminal (a pseudo-terminal) it is shown escaped, in the
table, CSV and JSON alike, and so are the reports on stderr; through a pipe or to `--out` CSV and
JSON hold it exactly."""
import csv
import datetime
import io
import json
import subprocess
import sys

import docx
import pytest
from tests.support.cli import run_segtui
from tests.support.crm import USER
from tests.support.terminal import run_on_terminal, unsafe_characters

from segtui.cli.terminal_text import TerminalStream, visible
from segtui.domain.output.export_files import json_text
from segtui.domain.segments.lines import add_line
from segtui.domain.segments.headers import create_segment
from segtui.store.models import Contact, InteractionLogEntry, SegmentHeader

# the contact no. -> the hostile name it gets; the entries' descriptions get the same texts
HOSTILE = {
    "P-ANNA": "Anna \x1b[31mred\x1b[0m",
    "P-BERT": "Bert \x1b]0;TITLE\x07",
    "C-CRAFT": "Craft\rOverwritten",
    "P-GUS": "Gus \u202eevil\u202c \u2066iso\u2069",
    "P-FRIDA": "Frida \x85\x9b31m\x7f bell\x07 tab\t",
}
FORMATS = ["table", "csv", "json"]


@pytest.fixture
def hostile_db(crm_db):
    for number, name in HOSTILE.items():
        Contact.update(name=name).where(Contact.no == number).execute()
        InteractionLogEntry.update(description=name + "\nsecond line").where(
            InteractionLogEntry.contact_no == number).execute()
    return crm_db


def listed_names(rows) -> dict:
    return {row["contact_no"]: row["contact_name"] for row in rows if row["contact_no"] in HOSTILE}


def piped(target: str, *args: str) -> bytes:
    """stdout of `segtui ARGS…` through a pipe, as the bytes written (no newline translated)."""
    result = subprocess.run([sys.executable, "-m", "segtui", "--db", target, "--user", USER,
                             *args], capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    return result.stdout


def parse(fmt: str, text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline=""))) if fmt == "csv" else \
        json.loads(text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_control_character_reaches_the_terminal(hostile_db, fmt):
    status, shown = run_on_terminal(hostile_db, USER, "interactions", "list", "--format", fmt)
    assert status == 0, shown
    assert unsafe_characters(shown) == [], shown
    # the data is there, escaped so that it can be seen
    escape = r"\u001b" if fmt == "json" else r"\x1b"
    assert f"Anna {escape}[31mred" in shown
    assert ("\\u202eevil" if fmt != "json" else "\\u202eevil") in shown


def test_csv_on_a_terminal_is_one_line_per_record(hostile_db):
    status, shown = run_on_terminal(hostile_db, USER, "interactions", "list", "--format", "csv")
    assert status == 0
    lines = shown.replace("\r\n", "\n").strip("\n").split("\n")
    assert len(lines) == 1 + InteractionLogEntry.select().count()
    assert any(r"Craft\rOverwritten\nsecond line" in line for line in lines)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_through_a_pipe_and_to_a_file_the_data_is_exact(hostile_db, tmp_path, fmt):
    output = piped(hostile_db, "interactions", "list", "--format", fmt)
    rows = parse(fmt, output.decode("utf-8"))
    assert listed_names(rows) == HOSTILE
    descriptions = {row["contact_no"]: row["description"] for row in rows}
    assert descriptions["P-BERT"] == HOSTILE["P-BERT"] + "\nsecond line"
    out = tmp_path / f"entries.{fmt}"
    written = run_segtui(hostile_db, USER, "interactions", "list", "--format", fmt,
                         "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert out.read_bytes() == output  # the same bytes both ways


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_record_and_a_segment_on_a_terminal(hostile_db, fmt):
    """`segment show` (a header record and its lines) with a hostile description."""
    segment = create_segment(user=USER, description="Seg", template="LETTER",
                             salesperson="AH", date=datetime.date(2026, 1, 15))
    add_line(segment, "P-ANNA", user=USER)
    description = "Seg \x1b]0;TITLE\x07 \u202ex"  # as an older version may have stored it
    SegmentHeader.update(description=description).where(SegmentHeader.no == segment).execute()
    status, shown = run_on_terminal(hostile_db, USER, "segment", "show", segment, "--format", fmt)
    assert status == 0, shown
    assert unsafe_characters(shown) == [], shown
    shown = json.loads(piped(hostile_db, "segment", "show", segment, "--format", "json"))
    assert shown["segment"]["description"] == description
    assert shown["lines"][0]["contact_name"] == HOSTILE["P-ANNA"]


def test_reports_on_stderr_are_escaped(tmp_path, crm_db):
    """`template check`'s report names the file it read: a hostile file name stays text."""
    name = tmp_path / "letter \x1b]0;TITLE\x07 \x1b[2J.docx"
    docx.Document().save(str(name))
    status, shown = run_on_terminal(crm_db, USER, "template", "check", str(name))
    assert status == 0, shown
    assert "uses no merge fields" in shown
    assert unsafe_characters(shown) == [], shown
    assert r"\x1b]0;TITLE\x07" in shown


def test_a_refusal_on_a_terminal_is_escaped(crm_db):
    status, shown = run_on_terminal(crm_db, USER, "segment", "show", "X\x1b]0;TITLE\x07\u202e")
    assert status == 1
    assert unsafe_characters(shown) == [], shown
    assert len(shown.strip().splitlines()) == 1


@pytest.mark.parametrize("out", [[], ["--out", "{tty}"]], ids=["stdout", "--out the terminal"])
def test_binary_output_to_the_terminal_is_refused_in_one_line(crm_db, out):
    status, shown = run_on_terminal(crm_db, USER, "segment", "list", "--format", "xlsx", *out)
    assert status in (1, 2) and "Traceback" not in shown, shown
    assert len(shown.strip().splitlines()) == 1
    assert "xlsx writes a binary file" in shown and unsafe_characters(shown) == []


def test_a_table_to_the_terminal_named_by_out_is_escaped(hostile_db):
    status, shown = run_on_terminal(hostile_db, USER, "interactions", "list", "--format", "csv",
                                    "--out", "{tty}")
    assert status == 0, shown
    assert unsafe_characters(shown) == [] and r"Anna \x1b[31mred" in shown


def test_visible_escapes_what_a_terminal_obeys_and_keeps_the_rest():
    assert visible("a\x1b[31mb\x07\r\x85\x7f\u202e\u2066z\tå €") == \
        r"a\x1b[31mb\x07\r\x85\x7f\u202e\u2066z\tå €"
    assert visible("two\nlines") == "two\nlines"
    assert visible("two\nlines", newlines=False) == r"two\nlines"


def test_the_terminal_stream_takes_cr_lf_for_a_line_end():
    raw = io.StringIO()
    TerminalStream(raw).write("a,b\r\nc\rd\r\n")
    assert raw.getvalue() == "a,b\nc\\rd\n"


def test_json_text_escapes_del_c1_and_bidi_and_reads_back_the_same():
    value = {"name": "x\x1b\x7f\x85\u202e\u2069 Malmö 😀"}
    text = json_text(value)
    assert unsafe_characters(text) == []
    assert "Malmö 😀" in text
    assert json.loads(text) == value
