"""Number series: formatted segment numbers, entry number blocks, no duplicates across processes."""
import json
import subprocess
import sys

import pytest

from segtui.domain.setup import numbering
from segtui.domain.errors import DomainError
from segtui.store.models import MarketingSetup, NoSeries


def test_segment_numbers_follow_the_series(database):
    codes = [numbering.next_code("segment") for _ in range(3)]
    assert codes == ["SEG00001", "SEG00002", "SEG00003"]
    assert NoSeries.get_by_id("SEG").last_no == 3


def test_entry_numbers_come_in_blocks(database):
    assert numbering.next_entry_numbers("interaction_entry", 100) == 1
    assert numbering.next_entry_numbers("interaction_entry", 5) == 101
    assert numbering.next_entry_numbers("logged_segment", 1) == 1


def test_missing_series_in_setup_is_refused(database):
    MarketingSetup.update(segment_nos=None).execute()
    with pytest.raises(DomainError, match="no number series for segments"):
        numbering.next_code("segment")


def test_unknown_series_and_bad_counts_are_refused(database):
    with pytest.raises(DomainError, match="NOSUCH does not exist"):
        numbering.reserve("NOSUCH")
    with pytest.raises(DomainError):
        numbering.reserve("SEG", 0)


DRAW = """
import json, sys
from segtui.store.connection import open_database
from segtui.domain.setup import numbering
open_database(sys.argv[1])
print(json.dumps([numbering.next_code("segment") for _ in range(int(sys.argv[2]))]))
"""


def test_two_processes_at_once_never_get_the_same_number(database, db_target):
    processes = [subprocess.Popen([sys.executable, "-c", DRAW, db_target, "40"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
    drawn = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        drawn += json.loads(out)
    assert len(drawn) == 160 == len(set(drawn))
    assert NoSeries.get_by_id("SEG").last_no == 160
