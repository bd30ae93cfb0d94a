"""The notification centre in a real browser, on a 390 px phone: the seller of a paid and delivered-to order sees the
unread count in the header, the centre in words with a link to the order, opens it (marked read on the way), marks the
rest read, and turns an email off in the settings, all without sideways scrolling."""
import os
import sys
import uuid

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in  # noqa: E402
from orders_support import call, gig, member  # noqa: E402
from test_orders import sqlite_path_of  # noqa: E402


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_seller_reads_the_centre_on_a_phone(phone, server):
    page = phone
    # given an order paid by the buyer, then disputed: the seller has two notifications
    seller_id, seller_email, seller_token = member(server, "Nia Seller")
    _, _, buyer_token = member(server, "Noor Buyer")
    gig_id = gig(server, seller_token, seller_id, sqlite_path_of(server))
    status, order = call(server, "POST", "/api/v1/orders", {"gigId": gig_id, "package": "Basic"}, token=buyer_token)
    assert status == 201, order
    order_id = order["id"]
    assert call(server, "POST", f"/api/v1/orders/{order_id}/fund", {}, token=buyer_token, key=str(uuid.uuid4()))[0] == 200
    assert call(server, "POST", f"/api/v1/orders/{order_id}/disputes", {"reason": "Nothing has arrived yet"},
                token=buyer_token, key=str(uuid.uuid4()))[0] == 201

    # when the seller signs in on a phone, the header counts the unread
    log_in(page, server, seller_email)
    page.goto(server + "/orders")
    assert page.locator("[data-testid=header-notifications]").inner_text().strip().endswith("2 unread")
    wide = page.evaluate("Array.from(document.querySelectorAll('header *')).filter(e => e.getBoundingClientRect().right > window.innerWidth).length")
    assert wide == 0, "the header with its count fits the phone"
    # the centre lists both, newest first, in words, unread marked
    page.click("[data-testid=header-notifications]")
    page.wait_for_load_state()
    items = page.locator("#notifications > li")
    assert items.count() == 2
    assert "Dispute opened" in items.nth(0).inner_text() and "Paid:" in items.nth(1).inner_text()
    assert "Noor Buyer opened a dispute" in items.nth(0).inner_text()
    assert "today at" in items.nth(0).inner_text()
    assert page.locator(".notice.unread").count() == 2
    assert fits_the_screen(page)
    # opening one marks it read and goes to the order
    items.nth(1).locator("button:has-text('Open and mark read')").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/orders/{order_id}")
    assert page.locator("[data-testid=header-notifications]").inner_text().strip().endswith("1 unread")
    # marking all read clears the count
    page.goto(server + "/notifications")
    page.click("button:has-text('Mark all 1 read')")
    page.wait_for_load_state()
    assert page.locator(".notice.unread").count() == 0
    assert "unread" not in page.locator("[data-testid=header-notifications]").inner_text()
    # the settings: turn off the email of paid orders
    page.click("a:has-text('Choose what you get')")
    page.wait_for_load_state()
    assert fits_the_screen(page)
    page.uncheck("input[name=email-order_funded]")
    page.click("button:has-text('Save settings')")
    page.wait_for_load_state()
    assert "Notification settings saved." in page.content()
    assert not page.is_checked("input[name=email-order_funded]")
    status, settings = call(server, "GET", "/api/v1/notifications/settings", token=seller_token)
    assert status == 200
    assert [s["email"] for s in settings["settings"] if s["kind"] == "order_funded"] == [False]
