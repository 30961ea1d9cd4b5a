"""K6 from scripts: `--format json` and `--format csv` of every list command carry every column
of its table, run as real processes; the text table keeps its few columns."""
import csv
import io
import json

import pytest
from tests.support.cli import run_segtui
from tests.support.crm import LOGGED_ENTRY
from tests.support.documents import letter_segment
from tests.support.every_column import USER, criteria_segment, set_seldom_columns, table_columns

from segtui.domain.journal import interaction_log, logged_segments
from segtui.store.models import InteractionLogEntry


@pytest.fixture
def listed(crm_db):
    """The CRM with a value in an entry's seldom-set columns, a comment, a journal row and a
    segment with a criteria action; gives (database, entry no., segment no.)."""
    entry_no = (InteractionLogEntry.select(InteractionLogEntry.entry_no)
                .where(InteractionLogEntry.contact_no == "P-ANNA").scalar())
    set_seldom_columns(entry_no)
    interaction_log.add_comment(entry_no, "Called back")
    logged_segments.set_canceled(LOGGED_ENTRY, True, user=USER, reason="test")
    segment_no = letter_segment("P-BERT", "P-DORA")
    criteria_segment(segment_no)
    return crm_db, entry_no, segment_no


def run_json(target, *args):
    result = run_segtui(target, USER, *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def run_csv(target, *args) -> tuple[list[str], list[dict]]:
    result = run_segtui(target, USER, *args, "--format", "csv")
    assert result.returncode == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    return reader.fieldnames, rows


def test_k6_interactions_list_json_and_csv_carry_every_column(listed):
    target, entry_no, _segment_no = listed
    wanted = table_columns("interactions list")
    entries = run_json(target, "interactions", "list", "--contact", "P-ANNA")
    assert entries and all(wanted <= set(entry) for entry in entries), wanted - set(entries[0])
    entry = next(entry for entry in entries if entry["entry_no"] == entry_no)
    assert (entry["information_flow"], entry["initiated_by"], entry["campaign_target"],
            entry["campaign_response"], entry["attempt_failed"],
            entry["send_word_docs_as_attmt"], entry["time_of_interaction"],
            entry["opportunity_no"], entry["contact_alt_address_code"]) == (
        "Inbound", "Them", True, True, True, True, "10:30:00", "OP00042", "HOME")
    header, rows = run_csv(target, "interactions", "list", "--contact", "P-ANNA")
    assert wanted <= set(header), wanted - set(header)
    assert header == list(entries[0])  # the same columns in the same order
    row = next(row for row in rows if row["entry_no"] == str(entry_no))
    assert (row["attempt_failed"], row["campaign_target"], row["information_flow"]) == (
        "Yes", "Yes", "Inbound")


def test_k6_an_empty_interactions_list_still_names_every_column(listed):
    target = listed[0]
    header, rows = run_csv(target, "interactions", "list", "--contact", "NOBODY")
    assert rows == [] and table_columns("interactions list") <= set(header)


def test_k6_the_text_table_keeps_its_columns(listed):
    target = listed[0]
    result = run_segtui(target, USER, "interactions", "list", "--contact", "P-ANNA")
    heading = result.stdout.splitlines()[0].split()
    assert "entry_no" in heading and "attempt_failed" not in heading
    assert "information_flow" not in heading


@pytest.mark.parametrize("listing, command", [
    ("interactions comments", ["interactions", "comments", "{entry}"]),
    ("logged list", ["logged", "list"]),
    ("logged journal", ["logged", "journal"]),
    ("segment list", ["segment", "list"]),
    ("segment show lines", ["segment", "show", "{segment}"]),
    ("segment criteria", ["segment", "criteria", "{segment}"]),
    ("template documents", ["template", "documents", "LETTER"]),
])
def test_k6_every_list_json_and_csv_carry_every_column_of_its_table(listed, listing, command):
    target, entry_no, segment_no = listed
    args = [part.format(entry=entry_no, segment=segment_no) for part in command]
    wanted = table_columns(listing)
    shown = run_json(target, *args)
    objects = shown["lines"] if listing == "segment show lines" else shown
    if listing == "segment show lines":
        assert table_columns("segment show") <= set(shown["segment"])
    assert objects and all(wanted <= set(item) for item in objects), wanted - set(objects[0])
    header, rows = run_csv(target, *args)
    assert len(rows) == len(objects) and header == list(objects[0])


def test_k6_contacts_export_carries_every_column_of_the_contact(listed):
    target = listed[0]
    result = run_segtui(target, USER, "contacts", "export")
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert table_columns("contacts export") <= set(header)
