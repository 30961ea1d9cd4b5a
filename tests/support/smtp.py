"""A real SMTP server for delivery tests: an aiosmtpd handler that keeps or refuses messages."""
import email
import email.policy
import socket


class Recorder:
    """An aiosmtpd handler keeping each message; refuses the addresses in `refuse` with 550."""

    def __init__(self, refuse: set[str] = frozenset()):
        self.messages, self.refuse = [], refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(
            envelope.content, policy=email.policy.default)))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
