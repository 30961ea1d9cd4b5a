"""What `segment merge --pdf` says about PDFs: the files left without one, and its time limit;
and a SIGTERM or SIGHUP while LibreOffice works ends segtui through its clean-up, which kills
LibreOffice (it runs in a session of its own, so such a signal would not reach it)."""
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

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


@contextmanager
def ending_cleanly_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise SystemExit (status 128 + the signal) inside the block, so the
    `finally` that kills LibreOffice runs; the handlers before are back afterwards."""
    def leave(number, _frame):
        raise SystemExit(128 + number)

    saved = {number: signal.signal(number, leave) for number in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
