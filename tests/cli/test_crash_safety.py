"""Crash safety (R1, docs/rules.md): each bulk command, a real process killed with SIGKILL mid-way,
leaves the database exactly as before or exactly as after.

One prepared demo database per backend (SQLite: built once for all workers); for each
command, one uninterrupted run on a copy gives the state after and the run time, then several
copies are killed at moments spread over that time (see `process_support.kill_runs`). The log
on SQLite is covered by test_log_processes.py; here it runs on PostgreSQL with Add Contacts and
the import.
"""
import csv
import fcntl
import json
import os
import sqlite3
import zlib
from pathlib import Path

import pytest

from tests.support.processes import PostgresStore, SqliteStore, kill_runs, segtui

pytestmark = pytest.mark.slow

SEGMENT_TABLES = ["segment_header", "segment_line", "segment_line_removed",
                  "segment_criteria_line", "segment_history", "segment_interaction_language",
                  "no_series"]
LOG_TABLES = ["logged_segment", "interaction_log_entry", "campaign_entry", "cancel_journal"]
CONTACT_TABLES = ["contact", "contact_mailing_group", "mailing_group", "contact_industry_group",
                  "industry_group", "contact_job_responsibility", "job_responsibility",
                  "contact_business_relation", "contact_profile_answer", "no_series",
                  "segment_line"]
REASON = ["--reason", "crash test"]


def run(target, *args) -> str:
    result = segtui(target, *args)
    assert result.returncode == 0, (args, result.stderr[-2000:])
    return result.stdout.strip()


def write_import_file(export: Path, out: Path, changed: int, new: int) -> None:
    """A CSV that changes `changed` contacts (city, a new mailing group) and adds `new` ones."""
    with export.open(newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    persons = [row for row in rows if row["type"] == "Person" and not row["company_no"]]
    with out.open("w", newline="", encoding="utf-8") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows[:changed]:
            writer.writerow(dict(row, city=row["city"] + " Nord",
                                 mailing_groups="NEWSLETTER|CRASHTEST"))
        for number in range(new):
            writer.writerow(dict(persons[number], no="", name=f"Crash Test {number}",
                                 surname=f"Test {number}", post_code=f"99{number:03d}",
                                 email=f"crash.{number}@crash.example",
                                 mailing_groups="CRASHNEW"))


def prepare(store, contacts: int, changed: int) -> dict:
    """A demo database with: an empty segment (`new`), SEG00006 grown by an Add and cut by a
    Reduce (so Go Back has lines to restore), an import file and some entry numbers."""
    pristine = store.prepared("pristine")
    run(pristine, "demo", "--contacts", str(contacts))
    new = run(pristine, "segment", "new", "--description", "Crash test", "--template", "LETTER",
              "--salesperson", "AH")
    run(pristine, "segment", "add", "SEG00006", "--allow-existing", "industry=RETAIL|WHOLESALE")
    run(pristine, "segment", "reduce", "SEG00006", "mailing=NEWSLETTER")
    export, import_file = store.folder / "contacts.csv", store.folder / "import.csv"
    run(pristine, "contacts", "export", "--out", str(export))
    write_import_file(export, import_file, changed, 10)
    store.seal(pristine)
    return {"pristine": pristine, "new": new, "import": str(import_file)}


# command → (its arguments given the prepared database, tables it touches, keys that must change)
COMMANDS = {
    "add": (lambda p: ["segment", "add", p["new"], "industry=RETAIL|WHOLESALE|MANUFACT"],
            SEGMENT_TABLES, ["count segment_line", "count segment_criteria_line"]),
    "reduce": (lambda p: ["segment", "reduce", "SEG00006", "mailing=XMAS"],
               SEGMENT_TABLES, ["count segment_line", "count segment_line_removed"]),
    "refine": (lambda p: ["segment", "refine", "SEG00006", "mailing=XMAS"],
               SEGMENT_TABLES, ["count segment_line", "count segment_line_removed"]),
    "go-back": (lambda p: ["segment", "go-back", "SEG00006"],
                SEGMENT_TABLES, ["count segment_line", "count segment_line_removed"]),
    "reuse-logged": (lambda p: ["segment", "reuse-logged", p["new"], "3"],
                     SEGMENT_TABLES, ["count segment_line", "count segment_criteria_line"]),
    "import": (lambda p: ["contacts", "import", "--update", "--create-codes", p["import"]],
               CONTACT_TABLES, ["count contact", "count mailing_group", "rows contact",
                                "rows no_series"]),
    "logged-cancel": (lambda p: ["logged", "cancel", "3", *REASON],
                      LOG_TABLES, ["rows logged_segment", "rows interaction_log_entry",
                                   "count cancel_journal"]),
    "interactions-cancel": (lambda p: ["interactions", "cancel", *p["entries"], *REASON,
                                       "--remove-attachments"],
                            LOG_TABLES + ["attachment"],
                            ["rows interaction_log_entry", "count cancel_journal"]),
    "log": (lambda p: ["segment", "log", "SEG00006"],
            SEGMENT_TABLES + LOG_TABLES + ["attachment"],
            ["count segment_line", "count logged_segment", "count interaction_log_entry",
             "rows no_series"]),
}


def changes(keys):
    def check(before, after):
        assert [key for key in keys if before[key] == after[key]] == []
    return check


# --- SQLite ----------------------------------------------------------------------------------

def prepare_sqlite(folder: Path) -> dict:
    prepared = prepare(SqliteStore(folder), 100_000, 6_000)
    connection = sqlite3.connect(prepared["pristine"])
    prepared["entries"] = [str(row[0]) for row in connection.execute(
        "SELECT entry_no FROM interaction_log_entry WHERE logged_segment_entry_no = 3 "
        "AND NOT canceled ORDER BY entry_no LIMIT 30000")]
    connection.close()
    return prepared


@pytest.fixture(scope="module")
def sqlite_prepared(tmp_path_factory, worker_id):
    """The prepared database, built once for all xdist workers; copies go to each worker's own
    folder."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    folder = shared / "crash-sqlite"
    folder.mkdir(exist_ok=True)
    with (shared / "crash-sqlite.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        recipe = folder / "prepared.json"
        if not recipe.exists():
            recipe.write_text(json.dumps(prepare_sqlite(folder)))
    return SqliteStore(tmp_path_factory.mktemp("crash-copies")), json.loads(recipe.read_text())


@pytest.mark.parametrize("command", [name for name in COMMANDS if name != "log"])
def test_killed_command_leaves_sqlite_as_before_or_after(sqlite_prepared, command):
    store, prepared = sqlite_prepared
    arguments, touched, changed = COMMANDS[command]
    kill_runs(store, prepared["pristine"], arguments(prepared), touched,
              seed=zlib.crc32(command.encode()), check_after=changes(changed))


# --- PostgreSQL ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def postgres_prepared(tmp_path_factory):
    admin_url = os.environ.get("SEGTUI_TEST_PG")
    if not admin_url:
        pytest.skip("SEGTUI_TEST_PG is not set")
    store = PostgresStore(admin_url, tmp_path_factory.mktemp("crash-postgres"))
    try:
        yield store, prepare(store, 25_000, 1_500)
    finally:
        store.drop_all()


@pytest.mark.parametrize("command", ["add", "log", "import"])
def test_killed_command_leaves_postgres_as_before_or_after(postgres_prepared, command):
    store, prepared = postgres_prepared
    arguments, touched, changed = COMMANDS[command]
    kill_runs(store, prepared["pristine"], arguments(prepared), touched,
              seed=zlib.crc32(command.encode()), check_after=changes(changed))
