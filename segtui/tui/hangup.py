"""When the terminal goes away: the app ends, the write in progress rolls back, nothing stays.

A dropped SSH connection or a killed tmux server hangs the terminal up. What segtui then sees
depends on how it was started: as the terminal's session leader it gets SIGHUP; under `make run`
it gets no signal at all (make takes the SIGHUP and waits for its child), only reads that return
nothing (EOF) and writes that fail (EIO). Any of the three calls `terminal_lost`, from whichever
thread noticed it. That stops every running write (`stopping_on_hangup`: a long job's statement
is interrupted, so its transaction rolls back), asks the app to exit, and starts a watchdog: a
process whose app has not ended `GRACE` seconds later ends with `os._exit`, once its writes have
stopped or `LAST_WAIT` more seconds have passed. A transaction cut short by the exit is rolled
back by the database itself (SQLite ignores a WAL without its commit; PostgreSQL rolls back a
dropped session), so nothing is ever half written.
"""
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

EXIT_STATUS = 128 + signal.SIGHUP  # what a shell reports for a process ended by a hang-up
GRACE = 0.6       # seconds the app has to end by itself after the terminal went away
LAST_WAIT = 0.3   # seconds more for the interrupted writes to roll back before `os._exit`

# re-entrant: a second SIGHUP may arrive while the handler of the first holds it
_lock = threading.RLock()
_stops: dict[object, Callable[[], None]] = {}
_writes_done = threading.Condition(_lock)
_lost = threading.Event()   # once lost, for the rest of the process
_exit_app: Callable[[], None] | None = None
_sighup_before = signal.SIG_DFL


@contextmanager
def stopping_on_hangup(stop: Callable[[], None]) -> Iterator[None]:
    """While the block runs, a hang-up calls `stop()` (from any thread; it must be thread-safe
    and must not wait for the app's event loop): the block's write is to end and roll back."""
    key = object()
    with _lock:
        _stops[key] = stop
        already_lost = _lost.is_set()
    if already_lost:
        stop()
    try:
        yield
    finally:
        with _lock:
            _stops.pop(key, None)
            _writes_done.notify_all()


def attach(exit_app: Callable[[], None]) -> None:
    """`exit_app()` (thread-safe) ends the app when the terminal goes away, and SIGHUP now
    means that, even where the caller ignored it (`nohup`): an app cannot outlive the terminal
    it draws on. Called as the app takes the terminal."""
    global _exit_app, _sighup_before
    _exit_app = exit_app
    if threading.current_thread() is threading.main_thread():  # where Python takes signals
        before = signal.signal(signal.SIGHUP, _on_sighup)
        if before is not _on_sighup:  # not a second start after a suspend
            _sighup_before = signal.SIG_DFL if before is None else before


def detach() -> None:
    """The app has let the terminal go: SIGHUP does again what it did before `attach`."""
    global _exit_app
    _exit_app = None
    if threading.current_thread() is threading.main_thread() \
            and signal.getsignal(signal.SIGHUP) is _on_sighup:
        signal.signal(signal.SIGHUP, _sighup_before)


def is_lost() -> bool:
    return _lost.is_set()


def _on_sighup(signum, frame) -> None:
    terminal_lost()


def terminal_lost() -> None:
    """The terminal is gone: stop the writes, end the app, and make sure the process ends."""
    with _lock:
        if _lost.is_set():
            return
        _lost.set()
        stops = list(_stops.values())
        exit_app = _exit_app
    _stop_all(stops)
    threading.Thread(target=_watchdog, name="segtui-hangup-watchdog", daemon=True).start()
    if exit_app is not None:
        try:
            exit_app()
        except RuntimeError:  # the app's loop is already closed: the watchdog ends the process
            pass


def _stop_all(stops: list[Callable[[], None]]) -> None:
    for stop in stops:
        try:
            stop()
        except Exception:  # one write that cannot be stopped must not keep the others going
            pass


def _watchdog() -> None:
    """A daemon thread: it dies with a process that ends by itself in time."""
    time.sleep(GRACE)
    with _lock:
        stops = list(_stops.values())
    _stop_all(stops)
    with _lock:
        _writes_done.wait_for(lambda: not _stops, timeout=LAST_WAIT)
    os._exit(EXIT_STATUS)

