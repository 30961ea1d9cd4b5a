"""E-mail for delivery (M-35): one message per contact, and sending it.

The SMTP server is a setting (segtui.config.SmtpSettings: $SEGTUI_SMTP_*, the [smtp] table of
config.toml, or the older smtp.ini), read at the edge and passed in; this module reads none of it.
"""
import html
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from segtui.config import SmtpSettings

__all__ = ["SmtpSettings", "Mailer", "build_message", "letter_html", "NOT_SET_UP"]

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
NOT_SET_UP = ("no SMTP server is set up (SEGTUI_SMTP_HOST, or host in the [smtp] table of the "
              "config file)")


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
