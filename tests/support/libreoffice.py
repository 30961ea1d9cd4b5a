"""LibreOffice as an independent reader of the letters segtui writes: a .docx converted to PDF,
then its page count (pdfinfo) and text (pdftotext).

Tests that need it call `require_libreoffice()`: on a machine without LibreOffice they skip
saying why, but under CI (CI=true, whose `.ci/run` installs it) a missing LibreOffice fails the
test, so a CI run can never pass by skipping the read-back.
"""
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CONVERT_TIMEOUT = 180


def require_libreoffice() -> str:
    """The soffice command, or the test skips (fails under CI) when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found and shutil.which("pdfinfo") and shutil.which("pdftotext"):
            return found
    reason = "LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext) are not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; .ci/run installs them")
    pytest.skip(reason)


def to_pdf(*documents: Path, out_dir: Path | None = None) -> list[Path]:
    """Each of `documents` converted to PDF by LibreOffice in one call with its own profile;
    the PDFs in the same order. Fails the test when one is missing."""
    soffice = require_libreoffice()
    out_dir = out_dir or documents[0].parent
    with tempfile.TemporaryDirectory(prefix="segtui-lo-profile-") as profile:
        completed = subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, documents)],
            capture_output=True, text=True, timeout=CONVERT_TIMEOUT,
            stdin=subprocess.DEVNULL)
    pdfs = [out_dir / (document.stem + ".pdf") for document in documents]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file()]
    assert not missing, (f"LibreOffice made no PDF of {missing}: {completed.returncode} "
                         f"{completed.stderr[-500:]}")
    return pdfs


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of `pdf` (pdftotext's form feeds split the pages)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
