"""Calling domain services from the UI: in a thread worker with its own database connection.

The worker only calls the service; what it returns is handed to a callback on the UI thread, and
a refusal (DomainError) or a database failure becomes a message for the user, never a traceback.
"""
from collections.abc import Callable
from typing import Any

from peewee import PeeweeException
from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from segtui.domain.errors import DomainError
from segtui.i18n import _
from segtui.domain.session import StoreError, connection_context, refusal_message


def error_text(error: Exception) -> str:
    """What to tell the user about `error`: a refusal speaks for itself; others are named."""
    if isinstance(error, (DomainError, StoreError)):
        return str(error)
    if busy := refusal_message(error):
        return busy
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return _("The database refused the request: {reason}").format(reason=reason)


def show_error(node: DOMNode, message: str) -> None:
    node.app.notify(message, title=_("Refused"), severity="error", markup=False, timeout=8)


def run_service(node: DOMNode, function: Callable[..., Any], *args: Any,
                done: Callable[[Any], None] | None = None,
                failed: Callable[[str], None] | None = None,
                group: str = "service", exclusive: bool = False, **kwargs: Any) -> Worker:
    """Run `function(*args, **kwargs)` off the UI thread; then `done(result)` or `failed(message)`
    (by default the message is shown as an error notification) on the UI thread.

    With `exclusive`, a newer call in the same group cancels the older one, whose result is
    dropped: the newest answer wins (live counts, searches).
    """
    app = node.app

    def job() -> None:
        worker = get_current_worker()
        try:
            with connection_context():
                result = function(*args, **kwargs)
        except (DomainError, StoreError, PeeweeException) as error:
            if not worker.is_cancelled:
                app.call_from_thread(failed or (lambda text: show_error(node, text)),
                                     error_text(error))
            return
        if done is not None and not worker.is_cancelled:
            app.call_from_thread(done, result)

    return node.run_worker(job, thread=True, group=group, exclusive=exclusive,
                           name=getattr(function, "__name__", "service"))
