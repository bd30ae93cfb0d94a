"""Orders in a real browser: a buyer orders and pays into escrow, the seller delivers, the buyer accepts, and the
seller sees the net amount available and requests a payout."""
import re
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in, log_out  # noqa: E402
from orders_support import gig, member  # noqa: E402


def sqlite_path_of(server):
    """The conftest server runs on a fresh SQLite file; find it from the server process's environment."""
    port = server.rsplit(":", 1)[1]
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
            if b"serve" not in cmd or port.encode() not in cmd:
                continue
            for item in open(f"/proc/{pid}/environ", "rb").read().split(b"\0"):
                if item.startswith(b"SQLITE_PATH="):
                    return item.split(b"=", 1)[1].decode()
        except OSError:
            continue
    return None


def test_buyer_orders_and_funds_seller_delivers_buyer_accepts_seller_withdraws(page, server):
    # given a seller with a published gig and a buyer
    seller_id, seller_email, seller_token = member(server, "Sol Seller")
    _, buyer_email, _ = member(server, "Bo Buyer")
    gig_id = gig(server, seller_token, seller_id, sqlite_path_of(server))

    # when the buyer opens checkout for the Basic package
    log_in(page, server, buyer_email)
    page.goto(f"{server}/gigs/{gig_id}/order?package=Basic")
    # then price, fee and net are shown
    assert page.locator("[data-testid=price]").inner_text() == "$100.00"
    assert page.locator("[data-testid=fee]").inner_text() == "$5.00"
    assert page.locator("[data-testid=net]").inner_text() == "$95.00"

    # when they place the order and pay into escrow
    page.click("main button:has-text('Place order')")
    page.wait_for_load_state()
    assert "/orders/" in page.url
    order_url = page.url
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "awaiting_payment"
    # the state reads as words, never as its code
    assert page.locator("[data-testid=order-state]").inner_text() == "Waiting for payment"
    page.click("main button:has-text('Pay into escrow')")
    page.wait_for_load_state()
    # then the work starts
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "in_progress"
    log_out(page)

    # when the seller delivers
    log_in(page, server, seller_email)
    page.goto(order_url)
    page.fill("#deliver-message", "Here are the three concepts <b>and</b> the files\nhttps://example.org/files.zip")
    page.click("main button:has-text('Deliver')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "delivered"
    # and the delivery text is shown escaped
    assert page.get_by_text("Here are the three concepts <b>and</b> the files", exact=True).is_visible()
    assert page.locator("main p b").count() == 0
    log_out(page)

    # when the buyer accepts
    log_in(page, server, buyer_email)
    page.goto(order_url)
    page.click("main button:has-text('Accept and release payment')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "completed"
    assert page.locator("[data-testid=order-state]").inner_text() == "Completed"
    history = page.get_by_role("table", name="Order history").inner_text()
    # and the history reads as words: steps, people and states, dates as a person says them
    assert "accepted the delivery" in history and "the buyer" in history and "In progress" in history
    assert "in_progress" not in history and not re.search(r"\d{4}-\d{2}-\d{2}", history)
    log_out(page)

    # then the seller sees the net amount available and withdraws part of it
    log_in(page, server, seller_email)
    page.goto(server + "/me/balance")
    assert page.locator("[data-testid=available]").inner_text() == "$95.00"
    page.fill("#amount", "50.00")
    page.click("main button:has-text('Request payout')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=available]").inner_text() == "$45.00"
    assert page.get_by_text("Payout of $50.00 requested.").is_visible()
    # and the ledger lists the payout and the release
    assert page.get_by_text("Payout requested").first.is_visible()
    assert page.get_by_text("Released to you for accepted work").first.is_visible()
