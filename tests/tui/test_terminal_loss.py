"""The parts that notice a terminal gone and end the process (the whole, on a real terminal:
tests/cli/test_hangup.py): the driver's reads and writes, the stopping of running writes, and
the watchdog."""
import errno
import os
import selectors
import subprocess
import sys
import threading
import time
from codecs import getincrementaldecoder
from types import SimpleNamespace

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from segtui.tui import hangup
from segtui.tui.app import SegtuiApp
from segtui.tui.terminal_driver import HangupAwareDriver, TerminalOutput


@pytest.fixture
def fresh_hangup(monkeypatch):
    """The hang-up state of a process that has not lost its terminal, and no watchdog (it
    would end the test process); returns the watchdogs that would have started."""
    started = []
    monkeypatch.setattr(hangup, "_lost", threading.Event())
    monkeypatch.setattr(hangup, "_stops", {})
    monkeypatch.setattr(hangup, "_exit_app", None)
    monkeypatch.setattr(hangup, "_watchdog", lambda: started.append(1))
    return started


def reader_over(fd: int):
    """One round of the driver's input loop over `fd`; returns it and the events it passed on
    (a driver without an app: its input descriptor and where events go are all it needs)."""
    seen = []
    driver = SimpleNamespace(fileno=fd, process_message=seen.append)
    selector = selectors.SelectSelector()
    selector.register(fd, selectors.EVENT_READ)
    parser = XTermParser(False)
    decode = getincrementaldecoder("utf-8")().decode

    def read_once() -> bool:
        return HangupAwareDriver._read_events(driver, selector, parser, decode, final=False)
    return read_once, seen


def test_input_is_passed_on_and_end_of_file_is_the_terminal_gone():
    read_end, write_end = os.pipe()
    try:
        read_once, seen = reader_over(read_end)
        os.write(write_end, b"a")
        assert read_once() is True
        assert [event.key for event in seen if isinstance(event, events.Key)] == ["a"]
        os.close(write_end)
        write_end = -1
        assert read_once() is False
    finally:
        os.close(read_end)
        if write_end != -1:
            os.close(write_end)


def test_an_io_error_on_the_terminal_is_the_terminal_gone():
    """A pseudo-terminal whose other side has closed: its reads fail (EIO) or end."""
    master, slave = os.openpty()
    try:
        read_once, _ = reader_over(slave)
        os.close(master)
        master = -1
        assert read_once() is False
    finally:
        os.close(slave)
        if master != -1:
            os.close(master)


class FailingStream:
    def __init__(self, error: OSError) -> None:
        self.error = error
        self.writes = 0

    def write(self, text: str) -> None:
        self.writes += 1
        raise self.error

    def flush(self) -> None:
        raise self.error

    def fileno(self) -> int:
        return 2


def test_a_failed_write_loses_the_terminal_and_drops_what_follows(fresh_hangup):
    stream = FailingStream(OSError(errno.EIO, "Input/output error"))
    output = TerminalOutput(stream)
    output.write("frame 1")
    output.write("frame 2")
    output.flush()
    assert output.lost and hangup.is_lost()
    assert stream.writes == 1
    assert fresh_hangup == [1]


def test_a_write_to_try_again_is_not_a_lost_terminal(fresh_hangup):
    output = TerminalOutput(FailingStream(BlockingIOError(errno.EAGAIN, "try again")))
    with pytest.raises(BlockingIOError):
        output.write("frame")
    assert not output.lost and not hangup.is_lost()


def test_a_hang_up_stops_the_running_writes_and_exits_the_app_once(fresh_hangup):
    stopped, exits = [], []
    hangup._exit_app = lambda: exits.append(1)
    with hangup.stopping_on_hangup(lambda: stopped.append("first")):
        with hangup.stopping_on_hangup(lambda: stopped.append("second")):
            hangup.terminal_lost()
            hangup.terminal_lost()
    assert sorted(stopped) == ["first", "second"]
    assert exits == [1] and fresh_hangup == [1]
    with hangup.stopping_on_hangup(lambda: stopped.append("late")):
        pass
    assert stopped[-1] == "late"   # a write that starts after the hang-up is stopped at once
    assert hangup._stops == {}


STUCK = """
import sys, threading, time
from segtui.tui import hangup
from segtui.tui.app import SegtuiApp
stuck = threading.Event()
def write():
    with hangup.stopping_on_hangup(lambda: None):   # a write nothing can stop
        stuck.set()
        threading.Event().wait()
threading.Thread(target=write).start()   # not a daemon: it alone would keep the process
stuck.wait()
print("lost", flush=True)
hangup.terminal_lost()
threading.Event().wait()
"""


def test_the_watchdog_ends_a_process_that_does_not_end_by_itself():
    process = subprocess.Popen([sys.executable, "-c", STUCK], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == "lost\n", process.stderr.read()
        lost = time.monotonic()
        assert process.wait(timeout=30) == 128 + 1
        assert time.monotonic() - lost < hangup.GRACE + hangup.LAST_WAIT + 0.5
    finally:
        process.kill()
        process.wait()


def test_the_app_draws_through_the_hang_up_aware_driver(crm_settings):
    assert SegtuiApp(crm_settings).driver_class is HangupAwareDriver
