"""Unknown merge fields said the same way by every command, as real processes on the known CRM:
`template import` warns, `segment merge` is refused (one line per field, then the refusal,
nothing written) unless `--allow-unknown-fields`, and `segment log --deliver` (also with
`--dry-run`) warns before delivering."""
import json

import pytest

from tests.support.cli import run_segtui
from tests.support.crm import USER
from tests.support.documents import docx, letter_segment

from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents.template_documents import import_document

SWEDISH_DOCUMENT = "the header document (SVE)"
UNKNOWN = ("unknown field «Contact_Nmae» in body: it stays empty (did you mean Contact_Name?)",
           "unknown field «Zzqx_Wvy» in body: it stays empty")
WARNINGS = [f"warning: {SWEDISH_DOCUMENT}: {line}" for line in UNKNOWN]


def segtui(target, *args):
    return run_segtui(target, USER, *args)


@pytest.fixture
def letters_db(crm_db):
    """LETTER with the demo letter in English and a Swedish document with two unknown fields;
    a letter segment of P-ANNA (Swedish) and P-BERT (English)."""
    import_document("LETTER", "ENU", letter_docx("ENU"), replace=True)
    import_document("LETTER", "SVE", docx("Hej «Contact_Nmae»", "«Zzqx_Wvy» «Contact_City»"),
                    replace=True)
    return crm_db


def test_template_import_warns_of_the_fields_it_stores(letters_db, tmp_path):
    source = tmp_path / "meeting.docx"
    source.write_bytes(docx("Dear «Contact_Nmae», «Contact_City»"))
    result = segtui(letters_db, "template", "import", "MEETING", "ENU", str(source))
    assert result.returncode == 0, result.stderr
    assert int(result.stdout)
    assert result.stderr.splitlines() == [f"{source}: {UNKNOWN[0]}"]
    listed = json.loads(segtui(letters_db, "template", "documents", "MEETING",
                               "--format", "json").stdout)
    assert [row["unknown_fields"] for row in listed] == [UNKNOWN[0]]
    known = tmp_path / "known.docx"
    known.write_bytes(letter_docx("ENU"))
    quiet = segtui(letters_db, "template", "import", "MEETING", "ENU", str(known), "--replace")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_merge_is_refused_naming_each_unknown_field_and_writes_nothing(letters_db, tmp_path):
    segment_no = letter_segment("P-ANNA", "P-BERT")
    out = tmp_path / "letters"
    refused = segtui(letters_db, "segment", "merge", segment_no, "--out", str(out))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines() == WARNINGS + [
        "segtui: 2 unknown merge fields would stay empty in the letters: "
        "--allow-unknown-fields merges anyway"]
    assert not out.exists()

    merged = segtui(letters_db, "segment", "merge", segment_no, "--out", str(out),
                    "--allow-unknown-fields")
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.strip() == str(out)
    assert merged.stderr.splitlines()[:2] == WARNINGS
    assert len(list(out.glob("0*.docx"))) == 2


def test_merge_of_known_fields_says_nothing_of_fields(letters_db, tmp_path):
    segment_no = letter_segment("P-BERT")
    merged = segtui(letters_db, "segment", "merge", segment_no, "--out", str(tmp_path / "out"))
    assert merged.returncode == 0, merged.stderr
    assert "warning" not in merged.stderr and "unknown" not in merged.stderr


def test_log_with_delivery_warns_of_the_documents_first(letters_db):
    segment_no = letter_segment("P-ANNA", "P-BERT")
    dry = segtui(letters_db, "segment", "log", segment_no, "--dry-run", "--deliver")
    assert dry.returncode == 0, dry.stderr
    for warning in WARNINGS:
        assert warning in dry.stderr.splitlines()
    plain = segtui(letters_db, "segment", "log", segment_no, "--dry-run")
    assert plain.returncode == 0 and "unknown field" not in plain.stderr
    report = json.loads(segtui(letters_db, "segment", "log", segment_no, "--dry-run",
                               "--deliver", "--format", "json").stdout)
    assert report["document_warnings"] == [line.removeprefix("warning: ")
                                           for line in WARNINGS]
    logged = segtui(letters_db, "segment", "log", segment_no, "--deliver", "--format", "json")
    assert WARNINGS[0] in logged.stderr.splitlines()
    assert json.loads(logged.stdout)["document_warnings"] == report["document_warnings"]
