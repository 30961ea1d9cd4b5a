"""Real `segtui` processes on pseudo-terminals.

`Terminal`: the TUI on a new 80×24 pseudo-terminal, keys in, the screen's text out, and the
terminal taken away (its master side closed, as a dropped SSH connection or a killed tmux server
does). The process starts in a session of its own. With `controlling=True` the terminal becomes
the session's controlling terminal, so closing it sends SIGHUP to the session leader as the
kernel does; without, the process sees only end of file and I/O errors.

`run_on_terminal`: a command with stdout and stderr on a pseudo-terminal. What a terminal would
obey instead of show is a C0 control (but the newline; the terminal's own output processing turns
each newline into CR LF), DEL, a C1 control or a bidi control; `unsafe_characters` lists those
found in what reached the terminal.
"""
import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

# what the terminal shows is the text between the escape sequences that style and place it
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                     r"|\x1b[P^_][^\x1b]*\x1b\\|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f]")
KEYS = {"enter": "\r", "ctrl+s": "\x13", "escape": "\x1b"}


# runs `argv[1:]` (exec: the same process) as the leader of a new session whose controlling
# terminal is its stdin, as a login over SSH or a tmux pane starts its program
TERMINAL_OWNER = ("import fcntl, os, sys, termios; os.setsid(); "
                  "fcntl.ioctl(0, termios.TIOCSCTTY, 0); os.execvp(sys.argv[1], sys.argv[1:])")


class Terminal:
    """`argv` running on a new 80×24 pseudo-terminal; `text()` is all it has shown so far."""

    def __init__(self, argv: list[str], *, controlling: bool, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24",
               **(env or {})}
        if controlling:
            argv = [sys.executable, "-c", TERMINAL_OWNER, *argv]
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True,
            start_new_session=not controlling)
        os.close(slave)
        self.session = self.process.pid
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        """Keep reading, as a terminal does: a full pty buffer would block the app."""
        while True:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                self._output += data

    def raw(self) -> bytes:
        """Every byte the program wrote to the terminal."""
        with self._lock:
            return bytes(self._output)

    def text(self) -> str:
        return ESCAPES.sub("", self.raw().decode("utf-8", "replace"))

    def wait_for(self, pattern: str, timeout: float = 30.0) -> re.Match:
        """The first match of `pattern` in what the terminal has shown since it started."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.text())
            if found:
                return found
            assert self.process.poll() is None, f"segtui ended ({self.process.returncode}): " \
                                                f"{self.text()[-2000:]}"
            time.sleep(0.02)
        raise AssertionError(f"{pattern!r} not shown in {timeout} s: {self.text()[-2000:]}")

    def press(self, *keys: str) -> None:
        for key in keys:
            os.write(self.master, KEYS.get(key, key).encode())

    def close(self) -> None:
        """The terminal goes away."""
        os.close(self.master)
        self.master = -1

    def hang_up_group(self) -> None:
        """SIGHUP to the foreground process group, as a shell or the kernel sends it."""
        os.killpg(os.getpgid(self.process.pid), signal.SIGHUP)

    def survivors(self) -> list[str]:
        """The processes of the terminal's session still running (zombies left out)."""
        self.process.poll()
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:
                continue
            fields = text[text.rindex(")") + 2:].split()
            state, session = fields[0], int(fields[3])
            if session == self.session and state != "Z":
                found.append(text[:text.rindex(")") + 1])
        return found

    def wait_gone(self, timeout: float) -> float:
        """Seconds until no process of the session is left; fails after `timeout`."""
        started = time.monotonic()
        while self.survivors():
            if time.monotonic() - started > timeout:
                raise AssertionError(f"still running {timeout} s after the terminal went away: "
                                     f"{self.survivors()}")
            time.sleep(0.02)
        return time.monotonic() - started

    def kill(self) -> None:
        """After the test: nothing of it stays behind, whatever happened."""
        for line in self.survivors():
            try:
                os.kill(int(line.split()[0]), signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)
        if self.master != -1:
            os.close(self.master)
            self.master = -1


UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def run_on_terminal(target: str, user: str, *args: str, timeout: float = 60):
    """`segtui --db TARGET --user USER ARGS…` with stdout and stderr on one pseudo-terminal
    (an argument `{tty}` becomes its device's name); returns (exit status, everything the
    terminal received, decoded)."""
    master, slave = pty.openpty()
    args = [arg.replace("{tty}", os.ttyname(slave)) for arg in args]
    try:
        process = subprocess.Popen([sys.executable, "-m", "segtui", "--db", target, "--user",
                                    user, *args], stdin=subprocess.DEVNULL, stdout=slave,
                                   stderr=slave, close_fds=True)
    finally:
        os.close(slave)
    received = bytearray()
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the process ended and closed its end of the terminal
                break
            if not chunk:
                break
            received += chunk
    finally:
        os.close(master)
    status = process.wait(timeout=timeout)
    return status, received.decode("utf-8", errors="replace")


def unsafe_characters(shown: str) -> list[str]:
    """The characters in `shown` (newlines taken as CR LF) that a terminal would obey."""
    return UNSAFE.findall(shown.replace("\r\n", "\n"))
