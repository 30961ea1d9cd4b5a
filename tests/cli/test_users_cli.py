"""S-17 `segtui users list|set|remove` run as real processes: the default salesperson of each
user in every format; a blocked or unknown salesperson refused in one line, changing nothing."""
import csv
import io
import json

from tests.support.cli import assert_refused_in_one_line, run_segtui
from tests.support.crm import USER


def users_json(crm_db) -> list[dict]:
    result = run_segtui(crm_db, USER, "users", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_s17_users_set_then_list_in_every_format(crm_db):
    for user, code in (("clerk", "ps"), ("admin", "AH")):
        result = run_segtui(crm_db, USER, "users", "set", user, "--salesperson", code)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
    rows = users_json(crm_db)
    assert [(row["user_id"], row["salesperson_code"]) for row in rows] == [
        ("ADMIN", "AH"), ("CLERK", "PS")]
    assert all(row["salesperson_name"] for row in rows)
    table = run_segtui(crm_db, USER, "users", "list")
    assert table.returncode == 0, table.stderr
    assert "salesperson_name" in table.stdout.splitlines()[0]
    for row in rows:
        assert row["salesperson_name"] in table.stdout
    as_csv = run_segtui(crm_db, USER, "users", "list", "--format", "csv")
    assert list(csv.DictReader(io.StringIO(as_csv.stdout))) == rows


def test_s17_users_set_refuses_blocked_and_unknown_and_changes_nothing(crm_db):
    run_segtui(crm_db, USER, "users", "set", "CLERK", "--salesperson", "PS")
    blocked = run_segtui(crm_db, USER, "users", "set", "CLERK", "--salesperson", "BL")
    assert_refused_in_one_line(blocked, ["salesperson BL is blocked"])
    unknown = run_segtui(crm_db, USER, "users", "set", "CLERK", "--salesperson", "ZZ")
    assert_refused_in_one_line(unknown, ["salesperson ZZ does not exist"])
    assert [(row["user_id"], row["salesperson_code"]) for row in users_json(crm_db)] == [
        ("CLERK", "PS")]


def test_s17_users_set_empty_clears_and_remove_takes_out(crm_db):
    run_segtui(crm_db, USER, "users", "set", "CLERK", "--salesperson", "PS")
    cleared = run_segtui(crm_db, USER, "users", "set", "CLERK", "--salesperson", "")
    assert cleared.returncode == 0, cleared.stderr
    assert [(row["user_id"], row["salesperson_code"]) for row in users_json(crm_db)] == [
        ("CLERK", "")]
    removed = run_segtui(crm_db, USER, "users", "remove", "clerk")
    assert removed.returncode == 0, removed.stderr
    assert users_json(crm_db) == []
    again = run_segtui(crm_db, USER, "users", "remove", "clerk")
    assert_refused_in_one_line(again, ["user setup CLERK does not exist"])
