"""Milestone orders in a real browser: a buyer proposes a two-milestone order from the seller's profile, pays
milestone 1 into escrow, the seller delivers it, the buyer accepts it, and the seller's balance shows the net."""
import datetime
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in, log_out  # noqa: E402
from orders_support import member  # noqa: E402


def test_buyer_proposes_two_milestones_and_milestone_one_is_paid(page, server):
    # given a seller and a buyer
    seller_id, seller_email, _ = member(server, "Mia Maker")
    _, buyer_email, _ = member(server, "Ben Buyer")
    first_due = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    second_due = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

    # when the buyer opens the seller's profile and proposes a custom order
    log_in(page, server, buyer_email)
    page.goto(f"{server}/users/{seller_id}")
    page.click("#propose-custom-order")
    page.wait_for_load_state()
    assert "/orders/custom/new" in page.url
    page.fill("#title", "Bakery website")
    page.fill("#m0title", "Design")
    page.fill("#m0amount", "four hundred")
    page.fill("#m0due", first_due)
    page.click("main button:has-text('Propose the order')")
    page.wait_for_load_state()
    # then a bad amount is shown next to its field and what was typed is kept
    assert page.locator("#m0amount-error").is_visible()
    assert page.locator("#title").input_value() == "Bakery website"
    page.fill("#m0amount", "400.00")
    page.fill("#m1title", "Build <b>and launch</b>")
    page.fill("#m1amount", "600")
    page.fill("#m1due", second_due)
    page.click("main button:has-text('Propose the order')")
    page.wait_for_load_state()
    # and the order page lists both milestones with amount, fee and net
    assert "/orders/" in page.url and "/custom" not in page.url
    order_url = page.url
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "awaiting_payment"
    first = page.locator("[data-testid=milestone-1]")
    assert "$400.00" in first.inner_text() and "$20.00" in first.inner_text() and "$380.00" in first.inner_text()
    second = page.locator("[data-testid=milestone-2]")
    assert "Build <b>and launch</b>" in second.inner_text()
    assert page.locator("#milestones b").count() == 0

    # when the buyer pays milestone 1 into escrow
    page.click("main button:has-text('Pay milestone 1 into escrow')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "in_progress"
    assert page.locator("[data-testid=milestone-1] [data-testid=milestone-state]").get_attribute("data-state") == "funded"
    log_out(page)

    # when the seller delivers it
    log_in(page, server, seller_email)
    page.goto(order_url)
    assert page.locator("main button:has-text('Pay milestone')").count() == 0
    page.fill("#m1-message", "Three mock-ups, as agreed")
    page.click("main button:has-text('Deliver milestone 1')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=milestone-1] [data-testid=milestone-state]").get_attribute("data-state") == "delivered"
    # and the order says when it will be accepted if the buyer stays silent; the undelivered one has no such timer
    assert "accepted automatically" in page.locator("[data-testid=milestone-1] [data-testid=milestone-auto-accept]").inner_text()
    assert page.locator("[data-testid=milestone-2] [data-testid=milestone-auto-accept]").count() == 0
    log_out(page)

    # when the buyer accepts it
    log_in(page, server, buyer_email)
    page.goto(order_url)
    page.click("main button:has-text('Accept milestone 1 and release payment')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=milestone-1] [data-testid=milestone-state]").get_attribute("data-state") == "released"
    assert page.locator("[data-testid=milestone-2] [data-testid=milestone-state]").get_attribute("data-state") == "awaiting_funding"
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "in_progress"
    log_out(page)

    # then the seller's balance shows the net of milestone 1
    log_in(page, server, seller_email)
    page.goto(server + "/me/balance")
    assert page.locator("[data-testid=available]").inner_text() == "$380.00"
