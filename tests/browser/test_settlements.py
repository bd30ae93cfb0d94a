"""Settlements in a real browser, on a 390 px phone: the buyer proposes a partial refund (a split that does not add up is
refused on its field and re-shown as typed), the seller accepts it, and the money is divided as proposed."""
import os
import sys
import uuid

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in, log_out  # noqa: E402
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


def test_buyer_proposes_a_partial_refund_and_the_seller_accepts_it(phone, server):
    page = phone
    # given a delivered 100.00 order
    seller_id, seller_email, seller_token = member(server, "Sia Seller")
    _, buyer_email, buyer_token = member(server, "Ben Buyer")
    gig_id = gig(server, seller_token, seller_id, sqlite_path_of(server))
    status, order = call(server, "POST", "/api/v1/orders", {"gigId": gig_id, "package": "Basic"}, token=buyer_token)
    assert status == 201, order
    order_id = order["id"]
    assert call(server, "POST", f"/api/v1/orders/{order_id}/fund", {}, token=buyer_token, key=str(uuid.uuid4()))[0] == 200
    assert call(server, "POST", f"/api/v1/orders/{order_id}/deliver", {"message": "The files"}, token=seller_token)[0] == 200
    order_url = f"{server}/orders/{order_id}"

    # when the buyer opens the order on a phone, the escrowed total is shown next to the form
    log_in(page, server, buyer_email)
    page.goto(order_url)
    assert page.locator("[data-testid=settlement-escrowed]").inner_text() == "$100.00"
    assert fits_the_screen(page)
    # and a split that does not add up is refused on its field, keeping what was typed
    page.fill("#settle-seller", "50")
    page.fill("#settle-buyer", "60")
    page.click("main button:has-text('Propose this settlement')")
    page.wait_for_load_state()
    assert "$110.00" in page.locator("#settle-seller-error").inner_text()
    assert page.input_value("#settle-seller") == "50" and page.input_value("#settle-buyer") == "60"
    assert fits_the_screen(page)
    # when they propose 40.00 to the seller and 60.00 back
    page.fill("#settle-seller", "40")
    page.fill("#settle-buyer", "60")
    page.click("main button:has-text('Propose this settlement')")
    page.wait_for_load_state()
    # then it waits for the seller, and the buyer may withdraw it
    assert page.locator("[data-testid=settlement-pending]").is_visible()
    assert page.locator("main button:has-text('Withdraw the proposal')").is_visible()
    log_out(page)

    # when the seller accepts it
    log_in(page, server, seller_email)
    page.goto(order_url)
    assert "A settlement proposed by the buyer" in page.locator("[data-testid=settlement]").inner_text()
    assert page.locator("[data-testid=settlement-seller]").inner_text() == "$40.00"
    assert fits_the_screen(page)
    page.click("main button:has-text('Accept the settlement')")
    page.wait_for_load_state()

    # then the order has ended, in words, and the seller has 40.00 minus the 5% fee on it
    state = page.locator("[data-testid=order-state]")
    assert state.get_attribute("data-state") == "resolved"
    assert state.inner_text() == "Resolved: the escrow was divided"
    history = page.get_by_role("table", name="Order history").inner_text()
    assert "proposed a settlement" in history and "accepted the settlement" in history
    assert "propose_settlement" not in history
    status, balance = call(server, "GET", "/api/v1/me/balance", token=seller_token)
    assert status == 200 and balance["availableCents"] == 3800
    status, balance = call(server, "GET", "/api/v1/me/balance", token=buyer_token)
    assert status == 200 and balance["availableCents"] == 6000


def test_an_admin_vets_a_pro_application_with_reasons(page, server):
    import subprocess
    from conftest import _guild_binary

    # given a new seller and an admin named by the operator's command
    _, seller_email, _ = member(server, "Pia Seller")
    _, admin_email, _ = member(server, "Adi Admin")
    env = dict(os.environ, SQLITE_PATH=sqlite_path_of(server))
    env.pop("DATABASE_URL", None)
    subprocess.run([str(_guild_binary()), "admin", "grant", admin_email, "admin"], env=env, check=True, capture_output=True)

    # when the seller applies on /pro, first with a link that is not one
    log_in(page, server, seller_email)
    page.goto(server + "/pro")
    page.fill("#qualifications", "Twelve years of bakery branding and packaging design.")
    page.fill("#portfolioLinks", "my website")
    page.click("main button:has-text('Send my application')")
    page.wait_for_load_state()
    # then the problem is on its field and the text stays
    assert "http" in page.locator("#portfolioLinks-error").inner_text()
    assert page.input_value("#qualifications") == "Twelve years of bakery branding and packaging design."
    page.fill("#portfolioLinks", "https://example.org/one\nhttps://example.org/two\nhttps://example.org/three")
    page.click("main button:has-text('Send my application')")
    page.wait_for_load_state()
    assert "Waiting for an admin" in page.locator("[data-testid=pro-application]").inner_text()
    log_out(page)

    # when the admin opens the queue, each criterion shows met or not from the seller's record
    log_in(page, server, admin_email)
    page.goto(server + "/admin/pro")
    card = page.locator("[data-testid^=pro-application-]").filter(has_text="Twelve years of bakery branding")
    criteria = card.locator("[data-testid=criteria]").inner_text()
    assert "Not met: Seller level" in criteria and "Met: Portfolio" in criteria and "Not met: Identity verified" in criteria
    card.locator("button:has-text(\"I verified this seller's identity\")").click()
    page.wait_for_load_state()
    card = page.locator("[data-testid^=pro-application-]").filter(has_text="Twelve years of bakery branding")
    assert "Met: Identity verified" in card.locator("[data-testid=criteria]").inner_text()
    # a seller below the level cannot be accepted; the admin declines with a reason
    assert card.locator("button:has-text('Accept as Pro')").count() == 0
    card.locator("textarea[name=reason]").fill("Your work is strong; come back once you reach the Established level.")
    card.locator("button:has-text('Decline')").click()
    page.wait_for_load_state()
    log_out(page)

    # then the seller reads the decision and its reason
    log_in(page, server, seller_email)
    page.goto(server + "/pro")
    application = page.locator("[data-testid=pro-application]").first.inner_text()
    assert "Declined" in application and "come back once you reach the Established level" in application
