"""After the conversation: the answer to "what should I read?" becomes a research source in one step, is marked read on
the target's page, and the follow-up note weeks later says so, with the explorer's own account; on a phone's width."""
from conftest import sign_up
from test_interview_lamp import add_target


def move(page, interview_url, stage, when=None):
    page.goto(interview_url)
    page.select_option("#next-stage", stage)
    if when:
        page.fill("#scheduledAt", when)
    page.click("#move-go")
    page.wait_for_load_state()


def test_reading_answer_to_source_to_follow_up(server, page):
    sign_up(page, server, "Reader")
    add_target(page, server, "job", "Archivist")
    target_url = page.url.split("?")[0]
    page.goto(server + "/interviews/contacts")
    page.fill("#name", "Noor Said")
    page.fill("#title", "Curator")
    page.fill("#organisation", "City Museum")
    page.fill("#email", "noor@museum.example")
    page.select_option("#seniority", "mid")
    page.click("form[action='/interviews/contacts'] button[type=submit]")
    page.wait_for_load_state()
    page.select_option("#targetId", label="Archivist")
    page.fill("#minutes", "20")
    page.click("#plan-go")
    page.wait_for_load_state()
    interview_url = page.url.split("?")[0]
    move(page, interview_url, "requested")
    move(page, interview_url, "scheduled", "2026-12-01T15:00")

    # During the conversation the recommendation becomes a source, in one step.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(interview_url + "/conversation")
    page.fill("#src-title", "Archives and Records journal")
    page.select_option("#src-kind", "read")
    page.fill("#src-link", "https://example.org/archives-journal")
    page.click("form[aria-label='Add what they suggested'] button[type=submit]")
    page.wait_for_load_state()
    assert "Archives and Records journal" in page.locator("#sources-added").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # The target's page lists it with who recommended it; it is marked read there.
    page.goto(target_url)
    source = page.locator("#sources li").first
    assert "Archives and Records journal" in source.inner_text() and "Noor Said" in source.inner_text()
    source.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "done" in page.locator("#sources li").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    # Held; weeks later the follow-up names the reading and what the explorer did.
    move(page, interview_url, "held")
    page.goto(interview_url + "/follow-up")
    page.fill("#whatIDid", "I volunteered two days a week at the county archive")
    page.click("#did-form button[type=submit]")
    page.wait_for_load_state()
    body = page.locator("#fu-body").input_value()
    assert "I read Archives and Records journal, as you suggested." in body
    assert "I volunteered two days a week at the county archive." in body
    assert page.locator("#job-ask-ok").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
