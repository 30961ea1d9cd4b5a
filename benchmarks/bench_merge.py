"""How long `segment merge` of 1,000 lines takes, beside the floor of writing as many .docx files.

Usage: python benchmarks/bench_merge.py [--letters 1000] [--runs 3] [--rows]

The merge is timed as a user waits for it: `segtui segment merge SEG --out DIR` run as its own
process (start-up, the database read, one letter per line, the combined files of 500 letters),
on a demo database made for the run (`segtui demo`, a LETTER segment of 1,000 lines). In the
same run, the floor: the same number of .docx files (letters and combined files) written by
copying the segment's Word document's zip members with `zipfile` (ZIP_DEFLATED, as a .docx is
written). Bar: the merge within 3× that floor (issue 19). Each figure is the median of --runs.

Rows for information, without a bar: the merge beside a stricter floor, the document's bytes
written to as many files (no zip work at all); the combined files alone (`combine`, in-process,
on the letters of the merge); and, kept from before, the per-letter engine alone (parse, render,
write; no database, no combined files) against a python-docx load-replace-save loop, bar ≥ 70%
of its throughput (Q6 of docs/rules.md), both on the demo LETTER document (ENU) with made-up
rows, as this benchmark has always measured it.
"""
import argparse
import io
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from docx import Document

from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents.merge_fields import MERGE_FIELDS
from segtui.domain.documents.merge_letters import COMBINED_CHUNK
from segtui.domain.documents.word.combine import combine
from segtui.domain.documents.word.merge import Template
from bench_common import Row, ratio_row, report, stop_cleanly_on_sigterm

SHOWN_FIELD = re.compile(r"«([^«»]+)»")
SEGTUI = [sys.executable, "-m", "segtui"]


def segtui(database: Path, *arguments: str) -> str:
    return subprocess.run([*SEGTUI, "--db", str(database), *arguments], check=True,
                          capture_output=True, text=True).stdout.strip()


def letter_segment(database: Path, letters: int) -> tuple[str, bytes]:
    """A demo database with a LETTER segment of `letters` lines: its number and the segment's
    Word document."""
    segtui(database, "demo", "--contacts", str(letters + letters // 5))
    segment = segtui(database, "segment", "new", "--template", "LETTER", "--description",
                     "bench")
    segtui(database, "segment", "add", segment, "contact.no=*")
    with sqlite3.connect(database) as connection:
        lines = [row[0] for row in connection.execute(
            "SELECT line_no FROM segment_line WHERE segment_no = ? ORDER BY line_no",
            (segment,))]
        if len(lines) < letters:
            raise SystemExit(f"the demo segment has {len(lines)} lines, not {letters}")
        extra = [str(line_no) for line_no in lines[letters:]]
        document = connection.execute(
            "SELECT a.file FROM attachment a JOIN segment_line l ON l.attachment_no = a.no "
            "WHERE l.segment_no = ? LIMIT 1", (segment,)).fetchone()[0]
    if extra:
        segtui(database, "segment", "remove-line", segment, *extra)
    return segment, bytes(document)


def merge_command(database: Path, segment: str, folder: Path) -> float:
    """Seconds `segtui segment merge` takes as a process, start to exit."""
    started = time.perf_counter()
    subprocess.run([*SEGTUI, "--db", str(database), "segment", "merge", segment, "--out",
                    str(folder)], check=True, capture_output=True)
    return time.perf_counter() - started


def zipfile_floor(document: bytes, files: int, folder: Path) -> float:
    """Seconds to write `files` .docx files by copying `document`'s members with zipfile."""
    started = time.perf_counter()
    with zipfile.ZipFile(io.BytesIO(document)) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    for number in range(files):
        with zipfile.ZipFile(folder / f"letter-{number}.docx", "w",
                             zipfile.ZIP_DEFLATED) as archive:
            for info, data in members:
                archive.writestr(info, data, zipfile.ZIP_DEFLATED)
    return time.perf_counter() - started


def bytes_floor(document: bytes, files: int, folder: Path) -> float:
    """Seconds to write `document`'s bytes to `files` files."""
    started = time.perf_counter()
    for number in range(files):
        (folder / f"letter-{number}.docx").write_bytes(document)
    return time.perf_counter() - started


def median_of(runs: int, work) -> float:
    """The median seconds of `runs` calls of `work(folder)`, each in a fresh folder."""
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            times.append(work(Path(folder)))
    return statistics.median(times)


def data_rows(letters: int) -> list[dict[str, str]]:
    rows = []
    for number in range(1, letters + 1):
        row = {name: f"{name.replace('_', ' ')} {number}" for name in MERGE_FIELDS}
        row["Contact_Mail_Address"] = f"Contact {number}\nStreet {number}\n{10000 + number} City"
        row["Document_Date"] = "2026-01-15"
        rows.append(row)
    return rows


def segtui_letters(template: bytes, rows: list[dict], folder: Path) -> float:
    """Seconds for the per-letter engine alone: parse once, render and write each letter."""
    started = time.perf_counter()
    parsed = Template(template)
    for number, row in enumerate(rows, start=1):
        (folder / f"letter-{number}.docx").write_bytes(parsed.render(row))
    return time.perf_counter() - started


def python_docx_loop(template: bytes, rows: list[dict], folder: Path) -> float:
    started = time.perf_counter()
    for number, row in enumerate(rows, start=1):
        document = Document(io.BytesIO(template))
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                if "«" in run.text:
                    run.text = SHOWN_FIELD.sub(lambda match, row=row: row.get(match.group(1), ""),
                                               run.text)
        document.save(folder / f"letter-{number}.docx")
    return time.perf_counter() - started


def combined_files(folder: Path) -> float:
    """Seconds to combine the letters a merge wrote in `folder` into files of COMBINED_CHUNK."""
    letters = [path.read_bytes() for path in sorted(folder.glob("0*.docx"))]
    started = time.perf_counter()
    for first in range(0, len(letters), COMBINED_CHUNK):
        combine(letters[first:first + COMBINED_CHUNK])
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each timing (median)")
    parser.add_argument("--rows", action="store_true", help="print JSON rows for run_all.py")
    args = parser.parse_args()
    stop_cleanly_on_sigterm()
    letters = args.letters
    files = letters + -(-letters // COMBINED_CHUNK)
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / "bench.db"
        segment, document = letter_segment(database, letters)
        merge_s = median_of(args.runs, lambda folder: merge_command(database, segment, folder))
        with tempfile.TemporaryDirectory() as folder:
            merge_command(database, segment, Path(folder))
            written = len(list(Path(folder).glob("*.docx")))
            combine_s = combined_files(Path(folder))
        zip_floor_s = median_of(args.runs, lambda folder: zipfile_floor(document, files, folder))
        bytes_floor_s = median_of(args.runs, lambda folder: bytes_floor(document, files, folder))
    if written != files:
        raise SystemExit(f"the merge wrote {written} files, not {files}")
    template, rows_data = letter_docx("ENU"), data_rows(letters)
    letters_s = median_of(args.runs, lambda folder: segtui_letters(template, rows_data, folder))
    with tempfile.TemporaryDirectory() as folder:
        reference_s = python_docx_loop(template, rows_data, Path(folder))
    merge_work = f"segment merge, {letters:,} lines ({files:,} files, process)"
    rows = [
        ratio_row(f"{merge_work} vs zipfile copy of its document ×{files:,}", merge_s,
                  zip_floor_s, 3),
        Row(f"  the same vs its document's bytes written ×{files:,} (no zip work)", merge_s,
            bytes_floor_s, "–", True),
        Row(f"  of it: {files - letters} combined files of {letters:,} letters (in-process)",
            combine_s, None, "–", True),
        ratio_row(f"per-letter engine alone: {letters:,} letters to files, no database or "
                  "combined files (vs python-docx loop)", letters_s, reference_s,
                  round(1 / 0.7, 2)),
    ]
    return report(rows, args.rows)


if __name__ == "__main__":
    sys.exit(main())
