"""On a 390 px phone, what an innovator reads most: the notifications (mails with long links)
and the proposal list's filter buttons stay within the screen."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page

from tests.support.browser import sign_in
from tests.support.deployment import Deployment
from tests.support.servers import wait_until

pytestmark = pytest.mark.browser
INNOVATOR = "inovator.kelcibeber@sipinda.test"
PHONE = 390


def page_width(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth"))


def test_notifications_and_the_list_filters_fit_a_phone(
    phone: Page, deployment: Deployment
) -> None:
    title = f"Ponsel {uuid.uuid4().hex[:6]}"
    deployment.login(INNOVATOR).submit_new_proposal(title)
    sign_in(phone, deployment.url, INNOVATOR)

    def noticed() -> bool:
        phone.goto(f"{deployment.url}/notifications")
        return phone.locator("article.mail", has_text=title).count() > 0

    wait_until(noticed, timeout=90, what="the innovator's notice of the submission")
    # A mail's text wraps its long links rather than widening the page.
    assert page_width(phone) <= PHONE

    phone.goto(f"{deployment.url}/proposals")
    card = phone.locator("form.filters").bounding_box()
    assert card is not None
    actions = phone.locator("form.filters .filter-actions > *")
    assert actions.count() >= 2
    for i in range(actions.count()):
        box = actions.nth(i).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= card["x"] + card["width"], actions.nth(i).inner_text()
    assert page_width(phone) <= PHONE
