"""E-mail for delivery (DOMAIN.md §2.10, M-35): SMTP settings, one message per contact, sending.

Settings come from the environment, else from the file `smtp.ini` in the user's segtui config
folder (platformdirs, e.g. ~/.config/segtui/smtp.ini), section [smtp]:

    SEGTUI_SMTP_HOST      host          the server; without it segtui sends no e-mail
    SEGTUI_SMTP_PORT      port          default 25, 587 with starttls, 465 with ssl
    SEGTUI_SMTP_TLS       tls           none | starttls | ssl (default none)
    SEGTUI_SMTP_USER      user          log in when set
    SEGTUI_SMTP_PASSWORD  password      the file is refused when others may read it
    SEGTUI_SMTP_FROM      from          the sender address (default: the user, if an address)

An environment variable wins over the file, key by key.
"""
import configparser
import html
import os
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import platformdirs

from segtui.config import APP_NAME
from segtui.domain.errors import DomainError

KEYS = ("host", "port", "tls", "user", "password", "from")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
NOT_SET_UP = ("no SMTP server is set up (SEGTUI_SMTP_HOST, or host in the [smtp] section "
              "of {path})")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: str = "none"
    user: str = ""
    password: str = ""
    sender: str = ""


def config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "smtp.ini"


def _file_values(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as exc:
        raise DomainError(f"{path} cannot be read: {exc}") from None
    values = dict(parser["smtp"]) if parser.has_section("smtp") else {}
    if values.get("password") and path.stat().st_mode & 0o077:
        raise DomainError(f"{path} holds a password but other users may read it; "
                          f"make it private (chmod 600 {path})")
    return values


def load_settings() -> SmtpSettings | None:
    """The SMTP settings, or None when no server is set up. Raises DomainError when the
    settings are there but wrong."""
    path = config_path()
    values = _file_values(path)
    for key in KEYS:
        from_env = os.environ.get(f"SEGTUI_SMTP_{key.upper()}")
        if from_env is not None:
            values[key] = from_env
    host = values.get("host", "").strip()
    if not host:
        return None
    tls = values.get("tls", "none").strip().lower() or "none"
    if tls not in DEFAULT_PORTS:
        raise DomainError(f"SMTP tls must be none, starttls or ssl, not {tls!r}")
    port_text = values.get("port", "").strip()
    if port_text and not port_text.isdigit():
        raise DomainError(f"SMTP port must be a number, not {port_text!r}")
    user = values.get("user", "").strip()
    sender = values.get("from", "").strip() or (user if "@" in user else "")
    if not sender:
        raise DomainError("no sender address for e-mail: set SEGTUI_SMTP_FROM (or from in "
                          f"the [smtp] section of {path})")
    return SmtpSettings(host, int(port_text) if port_text else DEFAULT_PORTS[tls], tls, user,
                        values.get("password", ""), sender)


def not_set_up_reason() -> str:
    return NOT_SET_UP.format(path=config_path())


def letter_html(text: str) -> str:
    """A plain-text letter as a small HTML document: one escaped paragraph per line."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" if line.strip() else "<p>&nbsp;</p>"
                           for line in text.splitlines())
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head>\n"
            f"<body>\n{paragraphs}\n</body></html>\n")


def build_message(settings: SmtpSettings, *, to: str, subject: str, text: str,
                  document: bytes | None = None, file_name: str = "Attachment.docx"
                  ) -> EmailMessage:
    """The letter as the HTML body (with a plain-text part), or attached as .docx when
    `document` is given."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    if document is not None:
        message.set_content(f"{subject}\n\nThe document is attached ({file_name}).\n")
        message.add_attachment(document, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1],
                               filename=file_name)
    else:
        message.set_content(text)
        message.add_alternative(letter_html(text), subtype="html")
    return message


class Mailer:
    """One SMTP connection for a delivery run, opened on the first message.

    A connection that cannot be made is not retried for every message: its reason is kept and
    given for the rest of the run.
    """

    def __init__(self, settings: SmtpSettings, timeout: float = 30):
        self.settings = settings
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None
        self._broken = ""

    def send(self, message: EmailMessage) -> str:
        """Send; returns "" on success, else the reason it failed."""
        if self._broken:
            return self._broken
        try:
            if self._smtp is None:
                self._smtp = self._connect()
            refused = self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            return "; ".join(f"{address} refused: {code} {_text(reply)}"
                             for address, (code, reply) in exc.recipients.items())
        except smtplib.SMTPResponseException as exc:
            return f"the SMTP server refused the message: {exc.smtp_code} {_text(exc.smtp_error)}"
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            self._broken = f"cannot send through {self.settings.host}:{self.settings.port}: {exc}"
            return self._broken
        if refused:
            return "; ".join(f"{address} refused: {code} {_text(reply)}"
                             for address, (code, reply) in refused.items())
        return ""

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        if settings.tls == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=self.timeout)
            if settings.tls == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password)
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._smtp = None


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
