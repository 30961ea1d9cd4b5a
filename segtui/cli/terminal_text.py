"""What the CLI writes to a terminal: no character that the terminal would obey instead of show.

C0 controls (but the newline that ends a line), DEL, C1 controls and the bidi controls that
reorder what is shown (U+202A–U+202E, U+2066–U+2069, U+061C, U+200E, U+200F) are written as
the escape Python would write for them (`\\x1b`, `\\u202e`). `TerminalStream` does it to all
that passes through it: `guarded` puts one over stdout when stdout is a terminal and always over
stderr (messages and reports for people, never data). A file or a pipe on stdout gets the data
exact. CSV to a terminal escapes inside each cell too (a line break in a cell is shown `\\n`, so
that a line on screen is a record); JSON needs nothing more (export_files.json_text).
"""
import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from segtui.domain.errors import DomainError
from segtui.i18n import _

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_CELL = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def _escaped(match: re.Match) -> str:
    return repr(match.group())[1:-1]


def visible(text: str, *, newlines: bool = True) -> str:
    """`text` with every character a terminal would obey escaped; line breaks kept unless
    `newlines` is False."""
    return (_UNSAFE if newlines else _UNSAFE_IN_CELL).sub(_escaped, text)


def visible_value(value):
    """A cell's value for a terminal: texts (and the texts in a list) escaped, line breaks too."""
    if isinstance(value, str):
        return visible(value, newlines=False)
    if isinstance(value, (list, tuple)):
        return [visible_value(item) for item in value]
    return value


class TerminalStream(io.TextIOBase):
    """A text stream over `raw` that writes what a terminal would obey escaped (`visible`).

    A CR LF pair is a line end (the csv module ends its lines so): written as the newline."""

    terminal = True

    def __init__(self, raw):
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(visible(text.replace("\r\n", "\n")))
        return len(text)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self):
        return getattr(self.raw, "encoding", "utf-8")

    @property
    def errors(self):
        return getattr(self.raw, "errors", "strict")

    @property
    def buffer(self):  # binary output (xlsx, e.g. to --out /dev/tty) must never reach a terminal
        raise DomainError(_("--format xlsx writes a binary file, not for a terminal: give --out "
                            "FILE or redirect stdout"))

    def close(self) -> None:
        """Closing the guard leaves the stream under it open (it is sys.stdout's)."""
        self.flush()


def unguarded(stream):
    """The stream under a guard, for the program's own control characters (the CR that redraws
    a progress line), never for data."""
    return stream.raw if isinstance(stream, TerminalStream) else stream


def is_terminal(stream) -> bool:
    """Whether `stream` shows its text on a terminal (so data must be made visible)."""
    if getattr(stream, "terminal", False):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):
        return False


def _guard(stream):
    return stream if isinstance(stream, TerminalStream) else TerminalStream(stream)


@contextmanager
def guarded() -> Iterator[None]:
    """Run the block with stdout guarded when it is a terminal, and stderr guarded always."""
    saved = sys.stdout, sys.stderr
    if is_terminal(sys.stdout):
        sys.stdout = _guard(sys.stdout)
    sys.stderr = _guard(sys.stderr)
    try:
        yield
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = saved
