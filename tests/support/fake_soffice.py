"""Fake `soffice` commands for the PDF tests, put first on PATH (segtui finds soffice there).

`install(folder, mode)` writes an executable `soffice` in `folder` that records each call (its
pid, its arguments, the documents it was given) in `folder/calls.jsonl`, then, by `mode`:
`all` writes a small valid PDF of every document, `nothing` writes none, `half` writes one of
every two documents of the call (the 1st, 3rd, …), `not-pdf` writes files that are not PDFs,
and `hang` starts a helper process (as soffice starts soffice.bin) and sleeps without end.
"""
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

PDF = b"%PDF-1.4\n% a fake PDF for the tests\ntrailer\n<<>>\n%%EOF\n"
MODES = ("all", "nothing", "half", "not-pdf", "hang")

SCRIPT = '''#!{python}
import json, os, subprocess, sys, time
from pathlib import Path

MODE, PDF = {mode!r}, {pdf!r}
args = sys.argv[1:]
outdir = Path(args[args.index("--outdir") + 1])
documents = [arg for arg in args if arg.endswith(".docx")]
helper = None
if MODE == "hang":
    helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3600)"]).pid
with open({calls!r}, "a") as calls:
    calls.write(json.dumps({{"pid": os.getpid(), "helper": helper, "args": args,
                             "documents": documents}}) + "\\n")
written = {{"all": documents, "half": documents[::2], "not-pdf": documents}}.get(MODE, [])
for document in written:
    target = outdir / (Path(document).stem + ".pdf")
    target.write_bytes(PDF if MODE != "not-pdf" else b"<html>not a PDF</html>")
while MODE == "hang":
    time.sleep(1)
'''


@dataclass
class Call:
    pid: int
    helper: int | None
    args: list[str]
    documents: list[str]

    @property
    def profile(self) -> str:
        return next(arg for arg in self.args if arg.startswith("-env:UserInstallation="))


def install(folder: Path, mode: str) -> Path:
    """The fake `soffice` of `mode` in `folder` (made if needed); returns `folder`."""
    assert mode in MODES
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(SCRIPT.format(python=sys.executable, mode=mode, pdf=PDF,
                                    calls=str(folder / "calls.jsonl")))
    script.chmod(0o755)
    return folder


def on_path(folder: Path) -> str:
    """PATH with `folder` first."""
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


def calls(folder: Path) -> list[Call]:
    log = folder / "calls.jsonl"
    if not log.exists():
        return []
    return [Call(**json.loads(line)) for line in log.read_text().splitlines()]


def running(pid: int) -> bool:
    """Whether process `pid` is still running (a zombie waiting to be reaped is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def left_running(folder: Path) -> list[int]:
    """The fakes, and the helpers they started, that still run."""
    pids = [pid for call in calls(folder) for pid in (call.pid, call.helper) if pid]
    return [pid for pid in pids if running(pid)]
