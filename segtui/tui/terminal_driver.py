"""Textual's Linux driver, told what a terminal that went away looks like.

Textual's input thread takes an empty read for a pause of a piped stdin and selects again at once:
on a hung-up terminal, whose reads all return nothing, it spins at most of a core for ever. Its
writer thread dies on the first failed write (EIO), and the app then blocks on the full queue.
Here an empty read, a read error and a write error all report the terminal lost
(segtui.tui.hangup), and output to a terminal that is gone is dropped.
"""
import errno
import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from segtui.tui import hangup

# errors of a read or write that will succeed if tried again
_TRANSIENT = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EINTR}


class TerminalOutput:
    """The terminal's output stream as the driver's writer thread uses it: after a failed
    write the terminal is lost, and everything written later goes nowhere."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.lost = False

    def write(self, text: str) -> None:
        self._attempt(self._stream.write, text)

    def flush(self) -> None:
        self._attempt(self._stream.flush)

    def fileno(self) -> int:
        return self._stream.fileno()

    def _attempt(self, operation, *args) -> None:
        if self.lost:
            return
        try:
            operation(*args)
        except OSError as error:
            if error.errno in _TRANSIENT:
                raise
            self._lose()
        except ValueError:  # the stream was closed
            self._lose()

    def _lose(self) -> None:
        self.lost = True
        hangup.terminal_lost()


class HangupAwareDriver(LinuxDriver):
    """The Linux driver; the end of the terminal ends the app (segtui.tui.hangup)."""

    def __init__(self, app, **kwargs) -> None:
        super().__init__(app, **kwargs)
        self._file = TerminalOutput(self._file)

    def start_application_mode(self) -> None:
        loop = self._loop
        hangup.attach(lambda: loop.call_soon_threadsafe(self._exit_app))
        super().start_application_mode()

    def _exit_app(self) -> None:
        self._app.exit(return_code=hangup.EXIT_STATUS)

    def close(self) -> None:
        super().close()
        hangup.detach()

    def run_input_thread(self) -> None:
        """Textual's input loop (LinuxDriver.run_input_thread of textual 8.2.8), except that an
        empty read or a read error ends it as the terminal lost."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        try:
            while not self.exit_event.is_set():
                if not self._read_events(selector, parser, decode, final=False):
                    hangup.terminal_lost()
                    return
            selector.unregister(self.fileno)
            self._read_events(selector, parser, decode, final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass

    def _read_events(self, selector, parser, decode, *, final: bool) -> bool:
        """Read what the terminal sent and pass on its events; False when the terminal is gone
        (end of file, or an I/O error)."""
        for last, (_key, mask) in loop_last(selector.select(0.1)):
            if mask & selectors.EVENT_READ:
                try:
                    data = os.read(self.fileno, 4096)
                except OSError as error:
                    if error.errno in _TRANSIENT:
                        continue
                    return False
                if not data:
                    return False
                for event in parser.feed(decode(data, final=final and last)):
                    self.process_message(event)
        for event in parser.tick():
            self.process_message(event)
        return True
