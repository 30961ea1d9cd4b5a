"""A progress bar on one line of stderr, redrawn in place, only when stderr is a terminal.

On anything else (a pipe, a file, a script's capture) it prints nothing, so logs hold only the
summary. Redrawn at most every REDRAW seconds, and the line is cleared when the work ends.
"""
import sys
import time

from segtui.cli.terminal_text import unguarded

REDRAW = 0.1   # seconds between redraws
WIDTH = 30     # cells of the bar itself; the whole line stays well inside 80 columns


class ProgressBar:
    """`bar.show(label, done, total)` redraws "label [#####-----] done/total"; `bar.clear()`
    wipes the line. Does nothing when stderr is not a terminal."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()
        self._drawn = 0.0
        self._width = 0

    def show(self, label: str, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if not self.active or (now - self._drawn < REDRAW and done != total):
            return
        self._drawn = now
        if total:
            filled = WIDTH * min(done, total) // total
            text = f"{label} [{'#' * filled}{'-' * (WIDTH - filled)}] {done:,}/{total:,}"
        else:
            text = f"{label} {done:,}"
        self._write("\r" + text.ljust(self._width))
        self._width = len(text)

    def clear(self) -> None:
        if self.active and self._width:
            self._write("\r" + " " * self._width + "\r")
            self._width = 0

    @staticmethod
    def _write(text: str) -> None:
        stream = unguarded(sys.stderr)
        stream.write(text)
        stream.flush()
