"""The kinds of number a `segtui` argument takes, each with the range its column can hold.

Every integer argument of every sub-command is read by one of these (an argparse `type`), so a
number that is not whole, negative where it cannot be, or larger than the database keeps
(a line number ≥ 2**63, an entry number ≥ 2**31 on PostgreSQL) is refused as bad usage in one
line before any command runs; the rule lives in `domain.values.parse_whole_number`.
"""
import argparse
import re
from collections.abc import Callable

from segtui import locale_build
from segtui.domain.errors import DomainError
from segtui.domain.values import LARGEST_32, LARGEST_64, parse_text, parse_whole_number
from segtui.i18n import _

USER_LENGTH = 50
"""The length of a user name as it is stamped on what a user logs (the column's)."""
LARGEST_DEMO = 10_000_000
"""The most contacts `segtui demo` makes (more would take hours and fill the disk)."""


def whole_number(minimum: int, maximum: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `minimum` to `maximum`, else a usage error."""

    def read(text: str) -> int:
        try:
            return parse_whole_number(None, text, minimum, maximum)
        except DomainError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    read.__name__ = "whole number"  # what argparse names in its own messages
    return read


ENTRY_NO = whole_number(1, LARGEST_32)
"""An interaction log entry or a logged segment: an integer column, numbered from 1."""
LINE_NO = whole_number(1, LARGEST_64)
"""A segment line: a big integer column, numbered from 1."""
VERSION = whole_number(0, LARGEST_32)
"""A segment header's version, as `segment show` gave it."""
CONTACT_COUNT = whole_number(0, LARGEST_DEMO)
SEED = whole_number(-LARGEST_64 - 1, LARGEST_64)
"""A random seed: any 64-bit number (the same seed, the same data)."""


def user_name(text: str) -> str:
    """`--user`: a name fit to be stamped on what is logged (no control characters, not longer
    than the column), refused otherwise rather than stored garbled or cut short."""
    try:
        return parse_text(None, text.strip(), USER_LENGTH)
    except DomainError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


user_name.__name__ = "user name"


def ui_language(text: str) -> str:
    """`--lang`: English or a language segtui has a catalogue for ("sv", "sv_SE.UTF-8"); any
    other is refused, rather than silently showing English."""
    known = ["en", *(folder.name for folder in locale_build.languages())]
    primary = re.split(r"[_.@-]", text.strip(), maxsplit=1)[0].lower()
    if primary not in known:
        raise argparse.ArgumentTypeError(_("{text!r} is not a language segtui speaks (speaks: "
                                           "{languages})").format(text=text,
                                                                  languages=", ".join(known)))
    return text.strip()


ui_language.__name__ = "language"
