"""How long merging letters takes: segtui's Word merge against a bare python-docx loop.

Usage: python benchmarks/bench_merge.py [--letters 1000] [--template LETTER.docx] [--rows]

Both merge the demo LETTER template (or --template) with a different data row per letter and
write each letter to a file in a temporary folder. segtui parses the template once and renders
every letter from it; the reference loads the template with python-docx, replaces the shown
«Field» text in the runs of every paragraph and saves, once per letter (it leaves the field
codes in place and misses text split over runs: it does less than the merge). When
docx-mailmerge2 happens to be installed it is timed too, for information.
Bar: at least 70% of the reference's throughput, i.e. segtui's time ≤ 1/0.7 of the reference's
(Q6 of docs/rules.md).
"""
import argparse
import io
import re
import sys
import tempfile
import time
from pathlib import Path

from docx import Document

from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents.merge_fields import MERGE_FIELDS
from segtui.domain.documents.word.merge import Template
from bench_common import ratio_row, report, stop_cleanly_on_sigterm

SHOWN_FIELD = re.compile(r"«([^«»]+)»")


def data_rows(letters: int) -> list[dict[str, str]]:
    rows = []
    for number in range(1, letters + 1):
        row = {name: f"{name.replace('_', ' ')} {number}" for name in MERGE_FIELDS}
        row["Contact_Mail_Address"] = f"Contact {number}\nStreet {number}\n{10000 + number} City"
        row["Document_Date"] = "2026-01-15"
        rows.append(row)
    return rows


def segtui_merge(template: bytes, rows: list[dict], folder: Path) -> tuple[float, float]:
    """Seconds for the whole merge, and of that for parsing and rendering (no file writes)."""
    started = time.perf_counter()
    parsed = Template(template)
    merging = time.perf_counter() - started
    for number, row in enumerate(rows, start=1):
        before = time.perf_counter()
        letter = parsed.render(row)
        merging += time.perf_counter() - before
        (folder / f"letter-{number}.docx").write_bytes(letter)
    return time.perf_counter() - started, merging


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


def mailmerge_loop(template: bytes, rows: list[dict], folder: Path) -> float | None:
    """docx-mailmerge2, one document per letter, if it is installed (segtui does not need it)."""
    try:
        from mailmerge import MailMerge
    except ImportError:
        return None
    started = time.perf_counter()
    for number, row in enumerate(rows, start=1):
        with MailMerge(io.BytesIO(template)) as document:
            document.merge(**row)
            document.write(folder / f"letter-{number}.docx")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--template", type=Path, help="a .docx (default: the demo LETTER, ENU)")
    parser.add_argument("--mailmerge", action="store_true",
                        help="also time docx-mailmerge2, when it is installed")
    parser.add_argument("--rows", action="store_true", help="print JSON rows for run_all.py")
    args = parser.parse_args()
    stop_cleanly_on_sigterm()
    template = args.template.read_bytes() if args.template else letter_docx("ENU")
    rows = data_rows(args.letters)

    with tempfile.TemporaryDirectory() as folder:
        segtui_s, merging_s = segtui_merge(template, rows, Path(folder))
        sample = (Path(folder) / "letter-1.docx").read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        reference_s = python_docx_loop(template, rows, Path(folder))
    assert b"MERGEFIELD" not in sample
    if args.mailmerge:
        with tempfile.TemporaryDirectory() as folder:
            mailmerge_s = mailmerge_loop(template, rows, Path(folder))
        if mailmerge_s is not None:
            print(f"docx-mailmerge2, same letters: {mailmerge_s:.2f} s", file=sys.stderr)
    if not args.rows:
        print(f"of segtui's {segtui_s:.2f} s, parse + render (no files): {merging_s:.2f} s")
    return report([ratio_row(f"merge {args.letters:,} letters to files (vs python-docx loop)",
                             segtui_s, reference_s, round(1 / 0.7, 2))], args.rows)


if __name__ == "__main__":
    sys.exit(main())
