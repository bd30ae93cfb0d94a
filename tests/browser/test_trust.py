"""Reviews and levels in a real browser: both sides review an order double-blind and see each other's review only
once both are in; a seller reads their level chart; pages fit a 390 px phone."""
import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in, log_out  # noqa: E402
from orders_support import call, gig, member  # noqa: E402
from test_orders import sqlite_path_of  # noqa: E402


def completed_order(server):
    seller_id, seller_email, seller_token = member(server, "Rhea Reviewed")
    _, buyer_email, buyer_token = member(server, "Ravi Reviewer")
    gig_id = gig(server, seller_token, seller_id, sqlite_path_of(server))
    status, order = call(server, "POST", "/api/v1/orders", {"gigId": gig_id, "package": "Basic"}, token=buyer_token)
    assert status == 201, order
    oid = order["id"]
    for path, token, body in [("fund", buyer_token, None), ("deliver", seller_token, {"message": "The files"}), ("accept", buyer_token, None)]:
        status, answer = call(server, "POST", f"/api/v1/orders/{oid}/{path}", body, token=token, key=str(uuid.uuid4()))
        assert status == 200, (path, answer)
    return oid, seller_id, seller_email, buyer_email


def fits_phone(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_both_sides_review_and_see_each_other_only_once_both_are_in(page, server):
    oid, seller_id, seller_email, buyer_email = completed_order(server)

    # the buyer reviews from the order page
    log_in(page, server, buyer_email)
    page.goto(f"{server}/orders/{oid}")
    page.click("#reviews-link")
    page.select_option("#rating", "4")
    page.fill("#text", "Careful work, <b>lovely</b> lettering")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Your review" in page.locator("main").inner_text()
    log_out(page)

    # the seller sees that a review is in, but not what it says
    log_in(page, server, seller_email)
    page.goto(f"{server}/orders/{oid}/review")
    assert page.locator("#other-sealed").is_visible()
    assert "lovely" not in page.locator("main").inner_text()
    # and reviews back; now both are shown, the buyer's text escaped
    page.select_option("#rating", "5")
    page.fill("#text", "Clear brief and quick answers")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.get_by_text("Careful work, <b>lovely</b> lettering").is_visible()
    assert page.locator("main article b").count() == 0
    log_out(page)

    # the buyer now reads the seller's review, and the profile shows the buyer's with the rating it counts for
    log_in(page, server, buyer_email)
    page.goto(f"{server}/orders/{oid}/review")
    assert page.get_by_text("Clear brief and quick answers").is_visible()
    page.goto(f"{server}/users/{seller_id}")
    assert "★ 4.0 (1 review)" in page.locator("#rating").inner_text()
    assert page.get_by_text("Careful work, <b>lovely</b> lettering").is_visible()

    # the review page fits a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/orders/{oid}/review")
    assert fits_phone(page)


def test_a_seller_reads_their_level_chart(page, server):
    _, seller_id, seller_email, _ = completed_order(server)
    log_in(page, server, seller_email)
    page.goto(f"{server}/users/{seller_id}")
    page.click("#level-link")
    page.wait_for_load_state()
    # the chart is drawn, with the same figures in words
    assert page.locator("#level-chart rect").count() >= 10
    assert "New" in page.locator("#level").inner_text()
    criteria = page.locator("#level-criteria").text_content()
    assert "Completed orders: 1 of 5" in criteria and "$95.00 of $400.00" in criteria
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert fits_phone(page)


def test_an_arbiter_decides_a_flag_on_the_desk(page, server):
    import subprocess
    from conftest import _guild_binary

    oid, seller_id, seller_email, buyer_email = completed_order(server)
    tokens = {}
    for email in (buyer_email, seller_email):
        status, tok = call(server, "POST", "/api/v1/tokens", {"email": email, "password": "correct horse battery"})
        assert status == 201, tok
        tokens[email] = tok["token"]
    # both sides review; a third member flags the buyer's review
    for email, rating, text in [(buyer_email, 1, "Slow, and here is their home address"), (seller_email, 5, "Clear brief")]:
        status, answer = call(server, "POST", f"/api/v1/orders/{oid}/reviews", {"rating": rating, "text": text}, token=tokens[email])
        assert status == 201, answer
    status, reviews = call(server, "GET", f"/api/v1/users/{seller_id}/reviews")
    assert status == 200, reviews
    review_id = next(r["id"] for r in reviews["reviews"] if "home address" in r["text"])
    _, _, flagger_token = member(server, "Fay Flagger")
    status, answer = call(server, "POST", f"/api/v1/reviews/{review_id}/flags", {"reason": "It shares a home address"}, token=flagger_token)
    assert status == 201, answer
    # an arbiter opens the desk on a phone: the flag is there with its review and the decision form
    _, arbiter_email, _ = member(server, "Ari Arbiter")
    env = dict(os.environ, SQLITE_PATH=sqlite_path_of(server))
    env.pop("DATABASE_URL", None)
    subprocess.run([str(_guild_binary()), "admin", "grant", arbiter_email, "arbiter"], env=env, check=True, capture_output=True)
    log_in(page, server, arbiter_email)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/disputes")
    assert "home address" in page.locator("#desk-flags").inner_text()
    assert fits_phone(page)
    # and decides it there, landing back on the desk with the flag gone
    page.locator("#desk-flags textarea").first.fill("It shares a member's home address, which the review rules forbid.")
    page.locator("#desk-flags button[value=uphold]").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/disputes")
    assert "No open flags." in page.locator("main").inner_text()
