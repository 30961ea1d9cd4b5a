"""Word files made into PDFs by LibreOffice, checked file by file.

`convert_to_pdf` converts exactly the files it is given (never a folder's other files) in
bounded batches, one `soffice` call each, with a time limit per batch. Every call runs with a
LibreOffice profile of this run's own (so a LibreOffice the user has open, or a broken profile,
cannot swallow the call), no restore dialog, stdin from /dev/null, in a process group of its
own: on a time-out, a cancel, or any error in the caller, the whole group (soffice,
oosplash, soffice.bin) is killed, so no LibreOffice is left running. After each batch every
expected PDF is checked (there, a PDF from its first bytes, complete up to `%%EOF`); the files
of a failed batch are converted once more, alone; what still has no PDF is reported with the
reason (C-08). A batch that hangs twice stops the run (`PdfTimeout`), as further batches would
too.
"""
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from segtui.domain.errors import DomainError
from segtui.i18n import _

BATCH_SIZE = 25         # letters per soffice call: a failure costs at most one small batch
BATCH_TIMEOUT = 120.0   # seconds a batch of BATCH_SIZE letters may take (≈5 s is usual)
POLL = 0.1              # seconds between looks at the child (cancel, time-out, progress)
TAIL = 1024             # bytes at the end of a PDF in which its %%EOF must be


@dataclass(frozen=True)
class PdfJob:
    """One .docx to convert; `letters` is how many letters it holds (a combined file holds
    many), which sizes its batch, its time limit and its share of the progress."""
    document: Path
    letters: int = 1

    @property
    def pdf(self) -> Path:
        return self.document.with_suffix(".pdf")


@dataclass(frozen=True)
class MissingPdf:
    """A document that has no PDF, and why."""
    document: Path
    reason: str


@dataclass
class PdfReport:
    made: list[Path] = field(default_factory=list)
    missing: list[MissingPdf] = field(default_factory=list)


class PdfStopped(DomainError):
    """The conversion stopped before its end; `made` holds the PDFs made until then."""

    def __init__(self, message: str, made: list[Path]) -> None:
        super().__init__(message)
        self.made = made


class PdfTimeout(PdfStopped):
    """LibreOffice did not finish a batch in time, twice; it was killed."""


class PdfCanceled(PdfStopped):
    """The caller cancelled; LibreOffice was killed."""


def soffice_command() -> str:
    """The LibreOffice command on PATH, or a DomainError saying it is missing."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise DomainError(_("--pdf needs LibreOffice (the soffice command), which is not "
                        "installed here; the .docx letters can be written without --pdf"))


def convert_to_pdf(documents: Iterable[Path | PdfJob], *, batch_size: int = BATCH_SIZE,
                   timeout: float = BATCH_TIMEOUT,
                   progress: Callable[[int, int], None] | None = None,
                   canceled: Callable[[], bool] | None = None) -> PdfReport:
    """Each of `documents` converted to a PDF beside it (same name, .pdf).

    `timeout` is the seconds a batch of up to `batch_size` letters may take (a combined file
    of more letters gets proportionally more). `progress(done, total)` is called as PDFs appear,
    counted in letters; `canceled()` is asked every POLL seconds and, once true, LibreOffice is
    killed and `PdfCanceled` raised."""
    jobs = [item if isinstance(item, PdfJob) else PdfJob(Path(item)) for item in documents]
    report = PdfReport()
    if not jobs:
        return report
    with tempfile.TemporaryDirectory(prefix="segtui-pdf-") as work:
        run = _Run(soffice_command(), Path(work), (timeout, batch_size), report,
                   sum(job.letters for job in jobs), progress, canceled)
        run.show(0)
        for batch in batches(jobs, batch_size):
            run.convert_batch(batch)
    return report


def batches(jobs: Sequence[PdfJob], batch_size: int) -> Iterator[list[PdfJob]]:
    """`jobs` in order, in batches of at most `batch_size` letters that share a folder (a
    soffice call has one --outdir); a job bigger than a batch is a batch of its own."""
    batch: list[PdfJob] = []
    letters = 0
    for job in jobs:
        if batch and (letters + job.letters > batch_size
                      or job.document.parent != batch[0].document.parent):
            yield batch
            batch, letters = [], 0
        batch.append(job)
        letters += job.letters
    if batch:
        yield batch


def pdf_problem(path: Path) -> str | None:
    """Why `path` is not a complete PDF, or None when it is one."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - TAIL))
            tail = handle.read()
    except FileNotFoundError:
        return _("LibreOffice wrote no PDF")
    except OSError as error:
        return _("the PDF cannot be read: {error}").format(error=error.strerror or error)
    if head != b"%PDF-":
        return _("LibreOffice wrote a file that is not a PDF")
    if b"%%EOF" not in tail:
        return _("LibreOffice wrote an incomplete PDF")
    return None


class _Run:
    """One conversion run: its profile, its time limits, its report and its progress."""

    def __init__(self, soffice: str, work: Path, limit: tuple[float, int], report: PdfReport,
                 total: int, progress: Callable[[int, int], None] | None,
                 canceled: Callable[[], bool] | None) -> None:
        self.soffice = soffice
        self.profile = (work / "profile").as_uri()
        self.log = work / "soffice.log"
        self.timeout, self.batch_size = limit
        self.report = report
        self.total = total
        self.done = 0           # letters of the batches already finished
        self.shown = -1
        self.progress = progress
        self.canceled = canceled

    def convert_batch(self, batch: list[PdfJob]) -> None:
        """Convert `batch`, then once more the files that got no good PDF; report each."""
        problems = self._attempt(batch, retry=False, counted=self.done)
        if problems:
            again = [job for job in batch if job in problems]
            counted = self.done + sum(job.letters for job in batch if job not in problems)
            problems = self._attempt(again, retry=True, counted=counted)
        for job in batch:
            if job in problems:
                job.pdf.unlink(missing_ok=True)  # what is there is no PDF: not to be taken for one
                self.report.missing.append(MissingPdf(job.document, problems[job]))
            else:
                os.chmod(job.pdf, 0o600)  # as private as the letter it was made of
                self.report.made.append(job.pdf)
        self.done += sum(job.letters for job in batch)
        self.show(self.done)

    def _attempt(self, jobs: list[PdfJob], *, retry: bool, counted: int) -> dict[PdfJob, str]:
        """One soffice call for `jobs`: the problem of each job that has no good PDF after it.
        `counted` letters are done already (for the progress)."""
        self._check_canceled()
        for job in jobs:  # a PDF left by an earlier run or attempt must not pass for this one's
            job.pdf.unlink(missing_ok=True)
        letters = sum(job.letters for job in jobs)
        # a batch's time, more only for a combined file bigger than a batch
        limit = self.timeout * max(letters, self.batch_size) / self.batch_size
        with open(self.log, "wb") as log:
            process = subprocess.Popen(
                [self.soffice, f"-env:UserInstallation={self.profile}", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", str(jobs[0].document.parent),
                 *(str(job.document) for job in jobs)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
            try:
                status = self._wait(process, jobs, limit, counted)
            finally:
                _kill_group(process)
        problems = {job: problem for job in jobs if (problem := pdf_problem(job.pdf))}
        if status is None:
            if retry:
                raise PdfTimeout(_("LibreOffice did not finish converting {count} files to PDF "
                                   "within {seconds:.0f} s, twice; it was stopped").format(
                                       count=len(jobs), seconds=limit), list(self.report.made))
            hung = _("LibreOffice did not finish within {seconds:.0f} s").format(seconds=limit)
            return {job: hung for job in problems}
        if status != 0:
            detail = self._last_output_line()
            failed = _("LibreOffice stopped with exit status {status}").format(status=status)
            return {job: f"{failed}: {detail}" if detail else failed for job in problems}
        return problems

    def _wait(self, process: subprocess.Popen, jobs: list[PdfJob], limit: float,
              counted: int) -> int | None:
        """The exit status of `process`, or None when it ran past `limit` seconds."""
        deadline = time.monotonic() + limit
        while True:
            try:
                return process.wait(timeout=POLL)
            except subprocess.TimeoutExpired:
                pass
            self._check_canceled()
            if time.monotonic() > deadline:
                return None
            self.show(counted + sum(job.letters for job in jobs if job.pdf.exists()))

    def _check_canceled(self) -> None:
        if self.canceled is not None and self.canceled():
            raise PdfCanceled(_("the PDFs were cancelled; LibreOffice was stopped"),
                              list(self.report.made))

    def show(self, done: int) -> None:
        if self.progress is not None and done != self.shown:
            self.shown = done
            self.progress(min(done, self.total), self.total)

    def _last_output_line(self) -> str:
        """The last line LibreOffice printed, shortened, as one line of plain text."""
        try:
            text = self.log.read_bytes()[-2000:].decode("utf-8", "replace")
        except OSError:
            return ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        line = lines[-1] if lines else ""
        return "".join(char for char in line if char.isprintable())[:160]


def _kill_group(process: subprocess.Popen) -> None:
    """Kill the child's whole process group (also what it left behind after exiting) and reap
    the child. The group id is the child's pid, which is not reused while the group lives."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group is gone already
    process.wait()
