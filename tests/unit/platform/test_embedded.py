"""`make run`'s banner: the address, the dev mailbox and every demo login."""

from __future__ import annotations

from dataclasses import replace

from services.platform.demo import DEMO_USERS
from services.platform.embedded import banner
from shared.config import Settings


def test_the_banner_names_the_url_the_mailbox_and_every_demo_login() -> None:
    settings = replace(Settings.from_env(), port=8123, demo_password="rahasia-demo")
    text = banner(settings, "127.0.0.1")
    assert "http://127.0.0.1:8123" in text
    assert "http://127.0.0.1:8123/dev/mailbox" in text
    assert "rahasia-demo" in text
    for user in DEMO_USERS:
        assert user.email in text
