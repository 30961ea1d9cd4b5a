"""Every CLI command works on a database made by an earlier commit (the demo fixtures of
tests/fixtures, upgraded when first opened): the first command and one more as real processes,
the rest in this process through `segtui.cli.main` (the same code path, without a Python start
per command)."""
import json

import pytest
from tests.support.cli import run_segtui
from tests.support.earlier_databases import DEMO_COMMITS, make_old_database, unpack

from segtui.cli import main
from segtui.store.connection import close_database

USER = "UPGRADE"


class Cli:
    """`segtui --db PATH --user UPGRADE …` run in this process, each checked for a clean end."""

    def __init__(self, path: str, capsys) -> None:
        self.path, self.capsys = path, capsys

    def run(self, *args: str, refusal_ok: bool = False, failed_delivery_ok: bool = False) -> str:
        code = main(["--db", self.path, "--user", USER, *args])
        out, err = self.capsys.readouterr()
        assert "Traceback" not in err, (args, err)
        if failed_delivery_ok and code == 1:  # done, but some e-mail or letter did not go out
            assert "deliveries failed" in err, (args, err)
        elif refusal_ok and code == 1:  # a clear refusal of this old row: one line, nothing else
            assert len(err.strip().splitlines()) == 1 and err.startswith("segtui: "), (args, err)
        else:
            assert code == 0, (args, err)
        return out

    def json(self, *args: str):
        return json.loads(self.run(*args, "--format", "json"))


@pytest.fixture(params=DEMO_COMMITS + ("3c42bf8", "84d7447"))
def old_db(request, tmp_path):
    """A demo fixture; for the two schemas before the demo, the first demo's rows in them."""
    if request.param in DEMO_COMMITS:
        yield unpack(request.param, tmp_path / f"schema-{request.param}.db")
    else:
        path = str(tmp_path / f"schema-{request.param}.db")
        make_old_database(path, request.param, tmp_path).close()
        yield path
    close_database()


def test_every_command_works_on_an_upgraded_database(old_db, tmp_path, capsys):
    first = run_segtui(old_db, USER, "segment", "list", "--format", "json")  # upgrades it
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr
    segments = {row["description"]: row["segment_no"] for row in json.loads(first.stdout)}
    cli = Cli(old_db, capsys)
    old_segment = segments["Upgrade check"]

    # segments: show, header, criteria, lines by hand and by criteria, saved criteria
    shown = cli.json("segment", "show", old_segment)
    assert shown["lines"]
    cli.run("segment", "criteria", old_segment)
    cli.run("segment", "set", old_segment, "description=Upgrade check, upgraded")
    new = cli.run("segment", "new", "--description", "After the upgrade", "--template",
                  "LETTER", "--salesperson", "AH").strip()
    # few lines: each logged line is a letter written
    cli.run("segment", "add", new, "contact.type=PERSON", "mailing=NEWSLETTER", "industry=RETAIL")
    cli.run("segment", "add", new, "contact.type=COMPANY", "industry=WHOLESALE")
    cli.run("segment", "reduce", new, "contact.country=DE")
    cli.run("segment", "refine", new, "contact.type=PERSON|COMPANY")
    cli.run("segment", "go-back", new)
    on_new = {line["contact_no"] for line in cli.json("segment", "show", new)["lines"]}
    cli.run("segment", "add-line", new, next(contact["no"] for contact in cli.json(
        "contacts", "export") if contact["no"] not in on_new))
    line_no = str(cli.json("segment", "show", new)["lines"][0]["line_no"])
    cli.run("segment", "set-line", new, line_no, "description=Set by hand")
    cli.run("segment", "remove-line", new, line_no)
    cli.run("segment", "save-criteria", new, "AFTER", "--description", "After the upgrade")
    cli.run("segment", "reuse-criteria", old_segment, "UPGRADE", "--yes")  # saved by old code
    old_line = str(cli.json("segment", "show", old_segment)["lines"][0]["line_no"])
    cli.run("segment", "personal-text", old_segment, old_line, "A word for you")
    cli.run("segment", "merge", old_segment, "--preview", old_line)  # a line the old code made
    cli.run("segment", "reuse-logged", old_segment, "1", "--yes")
    cli.run("segment", "apply-mailing-group", new, "XMAS")
    cli.run("segment", "merge", new, "--out", str(tmp_path / "letters"))
    assert list((tmp_path / "letters").iterdir())

    # log it, then the Segment Log
    cli.run("segment", "log", new, "--dry-run")
    # no SMTP server here: the e-mail entries fail (status 1), the log stays
    logged = cli.run("segment", "log", new, "--deliver", failed_delivery_ok=True).strip()
    assert logged.isdigit(), logged
    entries = cli.json("logged", "list")
    assert {row["entry_no"] for row in entries} >= {1, int(logged)}
    for number in ("1", logged):  # one the old code logged, one logged now
        cli.run("logged", "cancel", number, "--reason", "upgrade check")
        cli.run("logged", "uncancel", number, "--reason", "upgrade check")
    cli.run("logged", "resend", logged, "--type", "hard-copy", failed_delivery_ok=True)
    cli.run("logged", "follow-up", logged)
    assert cli.json("logged", "journal")

    # the Interaction Log: old entries and new ones
    listed = cli.json("interactions", "list")
    old_entry = str(min(row["entry_no"] for row in listed))
    new_entry = str(max(row["entry_no"] for row in listed
                        if row["logged_segment_entry_no"] == int(logged)))
    cli.json("interactions", "list", "--template", "LETTER", "--salesperson", "AH|PS")
    cli.run("interactions", "list", "--format", "csv", "--out", str(tmp_path / "log.csv"))
    cli.run("interactions", "show", new_entry)
    cli.run("interactions", "show", old_entry, refusal_ok=True)  # old code kept no merge data
    for entry in (old_entry, new_entry):
        cli.run("interactions", "evaluate", entry, "Positive")
        cli.run("interactions", "comment", entry, "Checked after the upgrade")
        assert cli.json("interactions", "comments", entry)
        cli.run("interactions", "cancel", entry, "--reason", "upgrade check")
        cli.run("interactions", "uncancel", entry, "--reason", "upgrade check")
    cli.run("interactions", "resend", new_entry, "--type", "hard-copy", "--include-delivered",
            failed_delivery_ok=True)
    cli.run("interactions", "cancel", new_entry, "--reason", "to delete")
    cli.run("interactions", "delete", new_entry, "--reason", "upgrade check")
    cli.run("logged", "cancel", logged, "--reason", "to delete")
    cli.run("logged", "delete", logged, "--reason", "upgrade check")

    # templates, contacts, backup
    assert cli.json("template", "documents", "LETTER")
    document = tmp_path / "letter.docx"
    cli.run("template", "export", "LETTER", "ENU", str(document))
    cli.run("template", "check", str(document))
    cli.run("template", "import", "MEETING", "ENU", str(document))
    cli.run("template", "remove", "MEETING", "ENU")
    exported = tmp_path / "contacts.csv"
    cli.run("contacts", "export", "--out", str(exported))
    cli.run("contacts", "import", str(exported), "--update")
    assert len(cli.json("contacts", "export")) >= 200
    cli.run("backup", str(tmp_path / "copy.db"))
    follow_up = next(row["segment_no"] for row in cli.json("segment", "list")
                     if row["segment_no"] not in segments.values() and row["segment_no"] != new)
    cli.run("segment", "delete", follow_up)

    again = run_segtui(old_db, USER, "interactions", "list", "--format", "csv")
    assert again.returncode == 0 and again.stdout.count("\n") > 80, again.stderr
    cli.run("demo", "--contacts", "20", "--force")  # and the demo starts it over
