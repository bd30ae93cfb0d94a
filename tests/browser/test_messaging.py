"""Messaging in a real browser: a buyer and a seller, each in their own browser context, chat live on the order's
page (over the page's socket, no reload), and the header's unread count follows on the other pages."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in  # noqa: E402
from orders_support import call, gig, member  # noqa: E402
from test_orders import sqlite_path_of  # noqa: E402


def test_buyer_and_seller_chat_live_on_the_order_page(browser, server):
    seller_id, seller_email, seller_token = member(server, "Sol Seller")
    _, buyer_email, buyer_token = member(server, "Bo Buyer")
    gig_id = gig(server, seller_token, seller_id, sqlite_path_of(server))
    status, order = call(server, "POST", "/api/v1/orders", {"gigId": gig_id, "package": "Basic"}, token=buyer_token)
    assert status == 201, order
    order_url = f"{server}/orders/{order['id']}"

    buyer_ctx = browser.new_context(viewport={"width": 390, "height": 844})
    seller_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        buyer = buyer_ctx.new_page()
        seller = seller_ctx.new_page()
        for p in (buyer, seller):
            p.set_default_timeout(15000)
        log_in(buyer, server, buyer_email)
        log_in(seller, server, seller_email)
        buyer.goto(order_url)
        seller.goto(order_url)
        # Both pages are live before anyone writes.
        buyer.wait_for_selector("#chat[data-live=on]")
        seller.wait_for_selector("#chat[data-live=on]")

        buyer.fill("#message-text", "Hi! Could you use our <b>existing</b> colours?")
        buyer.click("#chat button[type=submit]")
        # The seller's page shows it without a reload, escaped, with the sender's name.
        arrived = seller.locator("#chat li.message", has_text="existing")
        arrived.wait_for()
        assert "Could you use our <b>existing</b> colours?" in arrived.inner_text()
        assert "Bo Buyer" in arrived.inner_text()
        assert seller.locator("#chat li.message b").count() == 0
        # The buyer's own page shows it once, as theirs, and the box is empty for the next one.
        assert buyer.locator("#chat li.message.mine").count() == 1
        assert buyer.input_value("#message-text") == ""

        seller.fill("#message-text", "Yes, I will keep your colours and suggest one accent.")
        seller.click("#chat button[type=submit]")
        buyer.locator("#chat li.message", has_text="one accent").wait_for()
        assert buyer.locator("#chat li.message").count() == 2

        # The seller goes elsewhere; a new message lights up the header count there, live.
        seller.goto(f"{server}/orders")
        seller.wait_for_timeout(500)
        buyer.fill("#message-text", "Perfect, thank you!")
        buyer.click("#chat button[type=submit]")
        badge = seller.locator("[data-unread-messages]")
        badge.wait_for(state="visible")
        assert badge.inner_text() == "1"

        # The buyer's phone-sized page never scrolls sideways.
        width = buyer.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
    finally:
        buyer_ctx.close()
        seller_ctx.close()
