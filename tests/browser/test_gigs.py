"""Gigs and search in a real browser: a seller creates a gig through the form, a visitor finds, filters and opens it."""
import re
import uuid

from conftest import sign_up, log_out


def test_seller_creates_gig_and_visitor_finds_filters_and_opens_it(page, server):
    word = "zq" + uuid.uuid4().hex[:6]  # a word nobody else's gig holds
    # given a seller who fills in the gig form, leaving two package fieldsets empty
    sign_up(page, server, "Selma")
    page.goto(server + "/gigs/new")
    page.fill("#title", f"Hand-lettered {word} signs for your shop window")
    page.fill("#description", "I paint signs by hand with enamel paint, on glass or wood, and fit them myself.")
    page.select_option("#category", "design")
    page.fill("#tags", "lettering, signs")
    page.fill("#p0name", "Small sign")
    page.fill("#p0price", "120")
    page.fill("#p0days", "5")
    page.fill("#p0revisions", "2")
    page.fill("#p0includes", "One design sketch\nFitting on site")
    page.click("button[name=publish][value=publish]")
    page.wait_for_load_state()
    # then the gig page shows it, published
    assert re.search(r"/gigs/[0-9A-Fa-f-]{36}$", page.url)
    gig_url = page.url
    assert word in page.locator("#gig-title").inner_text()
    assert "Your gig is published." in page.content()

    # a bad form is explained next to the field and creates nothing
    page.goto(server + "/gigs/new")
    page.fill("#title", "short")
    page.fill("#p0name", "Basic")
    page.fill("#p0price", "abc")
    page.fill("#p0days", "3")
    page.click("button[name=publish][value=publish]")
    page.wait_for_load_state()
    assert "Title must have at least 10 characters" in page.content()
    assert "Price must be an amount like 45 or 45.50" in page.content()

    # when a visitor searches for a word of the title
    log_out(page)
    page.goto(server + "/search")
    page.fill("#q", word)
    page.click("form.search-form button[type=submit]")
    page.wait_for_load_state()
    # then the card is there, with its seller, price and delivery, and "why this result" opens
    card = page.locator("#results li.result").first
    assert word in card.locator("h2").inner_text()
    assert "Selma" in card.inner_text()
    assert "From $120.00" in card.inner_text()
    assert "Delivery in 5 days" in card.inner_text()
    card.locator("details.why summary").click()
    assert card.locator("details.why table").is_visible()
    assert "Text relevance" in card.locator("details.why").inner_text()

    # when they filter to a price below the gig's, it drops out; a price above keeps it
    page.fill("#maxPrice", "50")
    page.click("form.search-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#results li.result").count() == 0
    assert page.locator("#no-results").is_visible()
    page.fill("#maxPrice", "200")
    page.select_option("#maxDeliveryDays", "7")
    page.select_option("#sort", "price")
    page.click("form.search-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#results li.result").count() == 1

    # and they open the gig and see the package with its order link
    page.locator("#results li.result h2 a").first.click()
    page.wait_for_load_state()
    assert page.url == gig_url
    order = page.get_by_role("link", name="Order Small sign")
    assert order.get_attribute("href").endswith("/order?package=Small%20sign")

    # the public ranking page is generated from the weights in use
    page.goto(server + "/ranking")
    assert "0.45" in page.locator("#ranking-weights").inner_text()
    assert "Money never changes where a gig appears" in page.content()
