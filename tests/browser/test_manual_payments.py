"""The manual payment provider in a real browser: the buyer who pays a milestone sees the bank transfer to make
(amount and reference), and an admin confirms it on /admin/money, which funds the milestone."""
import datetime
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in, log_out, running_guild  # noqa: E402
from orders_support import call, member  # noqa: E402


@pytest.fixture(scope="module")
def manual_server():
    """A second `guild serve` with PAYMENT_PROVIDER=manual on its own SQLite file; yields (base URL, environment,
    binary, working folder)."""
    yield from running_guild(prefix="guild-manual-", extra_env={"PAYMENT_PROVIDER": "manual"})


def test_buyer_sees_transfer_instructions_and_admin_confirms_on_admin_money(page, manual_server):
    base, env, binary, workdir = manual_server
    # given a seller, a buyer, an admin and a two-milestone order
    seller_id, _, _ = member(base, "Sid Seller")
    _, buyer_email, buyer_token = member(base, "Bo Buyer")
    _, admin_email, _ = member(base, "Ada Admin")
    subprocess.run([binary, "admin", "grant", admin_email, "admin"], cwd=workdir, env=env, check=True, capture_output=True)
    due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, order = call(base, "POST", "/api/v1/orders", {"sellerId": seller_id, "title": "Catalogue photos", "milestones": [
        {"title": "Shoot", "amountCents": 25000, "dueDate": due}, {"title": "Edit", "amountCents": 15000, "dueDate": due}]},
        token=buyer_token)
    assert status == 201, order
    order_url = f"{base}/orders/{order['id']}"

    # when the buyer pays milestone 1 from the order page
    log_in(page, base, buyer_email)
    page.goto(order_url)
    page.click("main button:has-text('Pay milestone 1 into escrow')")
    page.wait_for_load_state()
    # then they see what to send and the reference to quote, and the milestone waits
    assert page.locator("#bank-transfer").is_visible()
    assert page.locator("[data-testid=deposit-amount]").inner_text() == "$250.00"
    reference = page.locator("[data-testid=deposit-reference]").inner_text()
    assert len(reference) == 36
    assert page.locator("[data-testid=milestone-1] [data-testid=milestone-state]").get_attribute("data-state") == "awaiting_funding"
    assert page.locator("main button:has-text('Pay milestone 1 into escrow')").count() == 0
    # and the admin page is not theirs
    page.goto(base + "/admin/money")
    assert "could not find" in page.content().lower()
    log_out(page)

    # when the admin confirms the transfer on /admin/money
    log_in(page, base, admin_email)
    page.goto(base + "/admin/money")
    row = page.locator(f"[data-testid=deposit-{reference}]")
    assert "$250.00" in row.inner_text() and "milestone 1" in row.inner_text()
    row.locator("button:has-text('Confirm')").click()
    page.wait_for_load_state()
    assert page.get_by_text("Transfer confirmed").is_visible()
    assert page.locator("#no-deposits").is_visible()
    log_out(page)

    # then the buyer sees milestone 1 funded and the order in progress
    log_in(page, base, buyer_email)
    page.goto(order_url)
    assert page.locator("[data-testid=milestone-1] [data-testid=milestone-state]").get_attribute("data-state") == "funded"
    assert page.locator("[data-testid=order-state]").get_attribute("data-state") == "in_progress"
    assert page.locator("#bank-transfer").count() == 0
