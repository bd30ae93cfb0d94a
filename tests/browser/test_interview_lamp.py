"""From a LAMP list to a referral: the explorer ranks targets, plans a conversation, and turns the answer to
"who else should I talk to?" into a referral contact in one step."""
from conftest import sign_up


def add_target(page, server, kind, name):
    page.goto(server + "/interviews")
    page.select_option("#target-kind", kind)
    page.fill("#target-name", name)
    page.click("form[action='/interviews/targets'] button[type=submit]")
    page.wait_for_load_state()


def lamp_names(page):
    return [row.inner_text() for row in page.locator("#lamp-list tbody tr td:nth-child(2)").all()]


def test_lamp_list_to_referral(server, page):
    sign_up(page, server, "Lamp")
    add_target(page, server, "job", "Archivist")
    add_target(page, server, "organisation", "City Museum")

    # Nobody there yet, equal judgements: alphabetical.
    page.goto(server + "/interviews")
    assert lamp_names(page) == ["Archivist", "City Museum"]

    # The museum motivates most: it moves up, and its page says so.
    page.click("text=City Museum")
    page.wait_for_load_state()
    page.select_option("#motivation", "3")
    page.select_option("#postings", "1")
    page.click("#lamp-go")
    page.wait_for_load_state()
    assert "number 1" in page.locator("main").inner_text()
    page.goto(server + "/interviews")
    assert lamp_names(page) == ["City Museum", "Archivist"]

    # A contact at the museum (advocacy), an interview planned with them.
    page.goto(server + "/interviews/contacts")
    page.fill("#name", "Noor Said")
    page.fill("#title", "Curator")
    page.fill("#organisation", "City Museum")
    page.fill("#email", "noor@museum.example")
    page.select_option("#seniority", "mid")
    page.click("form[action='/interviews/contacts'] button[type=submit]")
    page.wait_for_load_state()
    page.select_option("#targetId", label="City Museum")
    page.fill("#minutes", "20")
    page.click("#plan-go")
    page.wait_for_load_state()
    interview_url = page.url.split("?")[0]
    assert "/interviews/" in interview_url and "/contacts/" not in interview_url
    page.goto(server + "/interviews")
    first = page.locator("#lamp-list tbody tr").first
    assert "City Museum" in first.inner_text() and "Yes" in first.inner_text()

    # The plan ends with the resources question, and its purposes are said in words.
    page.goto(interview_url + "/plan")
    last = page.locator("ol.plan > li").last
    assert last.get_attribute("data-tiara") == "resources"
    assert "Who else" in last.locator("textarea").input_value()
    assert "Resources" in last.inner_text()

    # In the conversation, the answer becomes a referral contact in one step.
    page.goto(interview_url + "/conversation")
    page.fill("#ref-name", "Ilse Brandt")
    page.fill("#ref-title", "Registrar")
    page.fill("#ref-organisation", "State Archive")
    page.fill("#ref-email", "ilse@archive.example")
    page.click("form[aria-label='Add who they suggested'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Ilse Brandt")
    assert "Noor Said" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_interview_pages_fit_a_phone(server, page):
    sign_up(page, server, "Phone")
    add_target(page, server, "organisation", "Harbour Authority with a rather long official name")
    target_url = page.url
    page.set_viewport_size({"width": 390, "height": 844})
    for url in [server + "/interviews", target_url, server + "/interviews/rules", server + "/interviews/contacts"]:
        page.goto(url)
        page.wait_for_load_state()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, f"{url} is {width}px wide"
