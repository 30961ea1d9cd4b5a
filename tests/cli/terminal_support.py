"""Running the real `segtui` with a terminal for its output: stdout and stderr on a pseudo-terminal.

What a terminal would obey instead of show is a C0 control (but the newline; the terminal's
own output processing turns each newline into CR LF), DEL, a C1 control or a bidi control;
`unsafe_characters` lists those found in what reached the terminal.
"""
import os
import pty
import re
import subprocess
import sys

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
