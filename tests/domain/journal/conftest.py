"""Fixtures of the delivery and resend tests: the demo data and a real SMTP server."""
import pytest
from aiosmtpd.controller import Controller

from tests.support.smtp import Recorder, free_port
from segtui.domain.demo.build import load_demo
from segtui.domain.journal import mail

USER = "TESTER"


@pytest.fixture
def smtp_server():
    """Start a server with `smtp_server(refuse=…)`; gives (handler, settings)."""
    controllers = []

    def start(refuse=frozenset()):
        handler = Recorder(set(refuse))
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        controllers.append(controller)
        settings = mail.SmtpSettings("127.0.0.1", controller.port,
                                     sender="marketing@cronus.example")
        return handler, settings

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def demo(database):
    load_demo(contacts=60, seed=3, user=USER)
    return database
