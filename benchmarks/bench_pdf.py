"""How long making PDFs of merged letters takes: segtui's checked, batched conversion against one
bare LibreOffice call on the same files.

Usage: python benchmarks/bench_pdf.py [--letters 100] [--rows]

Both convert the same letters (the demo LETTER template merged with a different data row each)
with a fresh LibreOffice profile of their own. segtui (`pdf_files.convert_to_pdf`) runs one
soffice call per batch of 25 letters with a time limit, checks every PDF and kills what is left;
the reference is a single `soffice --convert-to pdf` of all the files, checking nothing (what
segtui did before). Bar (Q14 of docs/rules.md): segtui's time ≤ 2× the reference's — the price
of bounded batches (a LibreOffice start each, ≈1.5 s) stays a fraction of the conversion.
Without LibreOffice the row says so and is not counted as a failure.
"""
import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_common import Row, ratio_row, report, stop_cleanly_on_sigterm
from bench_merge import data_rows

from segtui.domain.demo.documents import letter_docx
from segtui.domain.documents import pdf_files
from segtui.domain.documents.word.merge import Template
from segtui.domain.errors import DomainError

LIMIT = 2.0


def write_letters(folder: Path, letters: int) -> list[Path]:
    template = Template(letter_docx("ENU"))
    paths = []
    for number, row in enumerate(data_rows(letters), start=1):
        path = folder / f"letter-{number:04d}.docx"
        path.write_bytes(template.render(row))
        paths.append(path)
    return paths


def segtui_pdfs(letters: list[Path]) -> float:
    started = time.perf_counter()
    result = pdf_files.convert_to_pdf(letters)
    seconds = time.perf_counter() - started
    assert not result.missing, result.missing[:3]
    return seconds


def bare_soffice(soffice: str, letters: list[Path], out: Path) -> float:
    """One soffice call on every letter with a fresh profile, as segtui did before."""
    with tempfile.TemporaryDirectory(prefix="bench-lo-profile-") as profile:
        started = time.perf_counter()
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                        str(out), *map(str, letters)], check=True, capture_output=True,
                       stdin=subprocess.DEVNULL, timeout=1800)
        seconds = time.perf_counter() - started
    assert len(list(out.glob("*.pdf"))) == len(letters)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--rows", action="store_true", help="print JSON rows for run_all.py")
    args = parser.parse_args()
    stop_cleanly_on_sigterm()
    work = f"PDFs of {args.letters:,} letters (vs one bare soffice call)"
    try:
        soffice = pdf_files.soffice_command()
    except DomainError:
        print("LibreOffice (soffice) is not installed: no PDF benchmark", file=sys.stderr)
        return report([Row(f"{work}: skipped, no LibreOffice", None, None, "–", True)],
                      args.rows)
    with tempfile.TemporaryDirectory() as folder:
        letters = write_letters(Path(folder), args.letters)
        segtui_s = segtui_pdfs(letters)
        reference_out = Path(folder) / "reference"
        reference_out.mkdir()
        reference_s = bare_soffice(soffice, letters, reference_out)
    return report([ratio_row(work, segtui_s, reference_s, LIMIT)], args.rows)


if __name__ == "__main__":
    sys.exit(main())
