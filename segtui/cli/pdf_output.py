"""What `segment merge --pdf` says about PDFs: the files left without one, and its time limit."""
import sys

from segtui.cli.arguments import whole_number
from segtui.domain.documents.pdf_files import MissingPdf

SHOWN = 10  # files named one by one; the count covers the rest
PDF_SECONDS = whole_number(1, 24 * 3600)
"""`--pdf-timeout`: whole seconds, from one second to a day."""


def print_missing_pdfs(missing: list[MissingPdf]) -> None:
    """One line on stderr per file without a PDF (the first SHOWN), then how many in all."""
    for item in missing[:SHOWN]:
        print(f"no PDF of {item.document.name}: {item.reason}", file=sys.stderr)
    if len(missing) > SHOWN:
        print(f"… and {len(missing) - SHOWN} more files without a PDF", file=sys.stderr)
