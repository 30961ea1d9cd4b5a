"""Migration 0005 derives which values of the lines of an earlier database are their own (P7):
what differs from the header then counts as set by hand, so header changes and Go Back keep it.

The lines are made by today's code, which records the bits as the person sets the values; their
rows are then copied into a database of schema 4, which has no bits, and opened (upgraded): the
derived bits are those the code recorded. SQLite, and PostgreSQL with SEGTUI_TEST_PG.
"""
import datetime
from decimal import Decimal
from pathlib import Path

from playhouse.migrations import Runner
from tests.support.crm import USER, build_crm
from tests.support.earlier_databases import copy_rows, is_postgres

from segtui.domain.segments import headers, selection
from segtui.domain.segments import lines as segment_lines
from segtui.domain.segments.criteria_sources import parse_criteria
from segtui.store.connection import MIGRATIONS_DIR, close_database, make_database, open_database
from segtui.store.enums import CriteriaAction
from segtui.store.models import SegmentLine, SegmentLineRemoved

SCHEMA_4 = "0004_interaction_log_delivered"


def own_fields() -> dict[tuple[str, int], int]:
    return {(model.__name__, line_no): bits for model in (SegmentLine, SegmentLineRemoved)
            for line_no, bits in model.select(model.line_no, model.own_fields).tuples()}


def made_by_hand(path: Path) -> dict[tuple[str, int], int]:
    """A SQLite database with lines whose values a person set, a line away (reduced) among
    them; returns the bits today's code recorded."""
    open_database(str(path))
    build_crm()
    segment_no = headers.create_segment(user=USER, template="LETTER", description="Letter",
                                        salesperson="AH", date=datetime.date(2026, 1, 15))
    selection.add_contacts(segment_no, parse_criteria(["contact.no=P-ANNA|P-BERT|P-CARL|P-DORA"]),
                           user=USER)
    line = {contact: line_no for line_no, contact in SegmentLine.select(
        SegmentLine.line_no, SegmentLine.contact).tuples()}
    for contact, attr, value in (
            ("P-ANNA", "salesperson", "PS"), ("P-ANNA", "date", datetime.date(2026, 2, 2)),
            ("P-BERT", "description", "Bert's own"), ("P-BERT", "cost", Decimal("9.99")),
            ("P-BERT", "language_code", "SVE"), ("P-CARL", "interaction_template", "EMAIL"),
            ("P-CARL", "description", "Carl's own"), ("P-DORA", "subject", "Hallo Dora"),
            ("P-DORA", "evaluation", 1)):
        segment_lines.set_line_field(segment_no, line[contact], attr, value)
    selection.remove_contacts(segment_no, CriteriaAction.REDUCE,
                              parse_criteria(["contact.no=P-DORA"]), user=USER)
    recorded = own_fields()
    close_database()
    return recorded


def test_P7_an_earlier_database_s_lines_own_what_differs_from_their_header(db_target, tmp_path):
    source_path = tmp_path / "made-by-hand.db"
    recorded = made_by_hand(source_path)
    assert len(recorded) == 4 and all(recorded.values())
    if not is_postgres(db_target):
        Path(db_target).touch(mode=0o600)
    earlier = make_database(db_target)
    earlier.connect()
    Runner(earlier, directory=str(MIGRATIONS_DIR)).up(target=SCHEMA_4)
    source = make_database(str(source_path))
    source.connect()
    copy_rows(source, earlier)
    source.close()
    earlier.close()
    open_database(db_target)
    assert own_fields() == recorded
    close_database()
