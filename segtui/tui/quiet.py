"""Acting once typing pauses: a filter narrows, a live count is asked for.

The screens keep their delays as module attributes (FILTER_DELAY, COUNT_DELAY) so that the tests
can set them to zero; a zero delay acts at once instead of through a timer (Textual's timer cannot
wait zero seconds: a zero interval divides by zero when the timer is late).
"""
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


def after_quiet(node: MessagePump, delay: float, callback: Callable[[], None]) -> Timer | None:
    """Call `callback` `delay` seconds from now, by a timer the caller stops when another key
    comes first; with no delay, now (and there is no timer to stop)."""
    if delay <= 0:
        callback()
        return None
    return node.set_timer(delay, callback)
