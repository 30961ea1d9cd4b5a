"""Checking a `--db` value before anything is opened: a SQLite path or a well-formed PostgreSQL URL.

A value that looks like a URL of another kind (`mysql://…`, `sqlite:///…`) or a PostgreSQL URL
written wrong (`postgresql:/x`, a port that is not a number from 1 to 65535, a host with spaces)
is refused in one line naming what is wrong, instead of being taken for a file name or failing
deep inside the driver.
"""
import re
from urllib.parse import SplitResult, unquote, urlsplit

from segtui.i18n import _

POSTGRES_SCHEMES = ("postgresql", "postgres")
# Any "scheme://": a URL, never a file name (a file path has no "://" in practice).
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
# "postgresql:" without the two slashes, or with one: a mistyped PostgreSQL URL.
_POSTGRES_MISTYPED = re.compile(r"^(postgresql|postgres):(?!//)", re.IGNORECASE)
_HOST_NAME = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$")
CONNECT_TIMEOUT = 10  # seconds: a server that does not answer is reported, not waited on forever
EXAMPLE = "postgresql://USER@HOST:PORT/DATABASE"


def _error(message: str):
    from segtui.store.connection import StoreError  # connection imports this module lazily

    return StoreError(message)


def check_target(target: str) -> None:
    """Refuse an empty target, a URL that is not PostgreSQL's and a malformed PostgreSQL URL."""
    if not target.strip():
        raise _error(_("no database given (an empty --db or SEGTUI_DB): name a SQLite file "
                       "or a postgresql:// URL"))
    if _POSTGRES_MISTYPED.match(target):
        raise _error(_("cannot open database {target}: a PostgreSQL URL is written "
                       "{example}").format(target=target, example=EXAMPLE))
    url = _URL.match(target)
    if url is None:
        return
    if url.group(1).lower() not in POSTGRES_SCHEMES:
        raise _error(_("cannot open database {target}: segtui opens a SQLite file (give its path) "
                       "or a PostgreSQL database ({example}), not {scheme}://").format(
            target=_without_password(target), example=EXAMPLE, scheme=url.group(1)))
    postgres_params(target)


def _without_password(target: str) -> str:
    return re.sub(r"^([^:/]+://[^:@/]*):[^@/]*@", r"\1@", target)


def _host(parts: SplitResult) -> str | None:
    """The host as written (a name, an address, or a %-encoded socket folder), None if none."""
    where = parts.netloc.rpartition("@")[2]
    if where.startswith("["):
        return where[1:where.find("]")]
    return unquote(where.partition(":")[0]) or None


def postgres_params(target: str) -> dict:
    """Peewee's connection arguments for a PostgreSQL URL; StoreError names what is wrong.

    The host may be a name, an IPv4 or IPv6 address, or a socket folder written %-encoded
    (`postgresql://%2Frun%2Fpostgresql/db`); no host means PostgreSQL's local socket."""
    shown = _without_password(target)

    def refuse(reason: str):
        return _error(_("cannot open database {target}: {reason}").format(target=shown,
                                                                          reason=reason))

    try:
        parts = urlsplit(target)
    except ValueError:  # an unclosed [ of an IPv6 address
        raise refuse(_("{host!r} is not a host name or address").format(
            host=target.partition("://")[2].partition("/")[0].rpartition("@")[2])) from None
    try:
        port = parts.port
    except ValueError:
        raise refuse(_("the port must be a number from 1 to 65535 (written {example})").format(
            example=EXAMPLE)) from None
    if port == 0:
        raise refuse(_("the port must be a number from 1 to 65535 (written {example})").format(
            example=EXAMPLE))
    host = _host(parts)
    if host is not None and not _valid_host(host):
        raise refuse(_("{host!r} is not a host name or address").format(host=host))
    database = unquote(parts.path[1:])
    if not database or "/" in database:
        raise refuse(_("name one database after the host (written {example})").format(
            example=EXAMPLE))
    from playhouse.db_url import parseresult_to_dict  # not needed for SQLite: 4 ms of start-up

    params = parseresult_to_dict(parts, unquote_password=True, unquote_user=True)
    params["database"] = database
    if host is not None:
        params["host"] = host  # as written: urlsplit lower-cases it, a socket folder may not be
    params.setdefault("connect_timeout", CONNECT_TIMEOUT)
    return params


def _valid_host(host: str) -> bool:
    if host.startswith("/"):
        return "\x00" not in host
    if _HOST_NAME.match(host):
        return True
    import ipaddress  # only for an address that is not a plain name (a ms of start-up)

    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
