"""An explorer goes from research to thank-you note through the pages: target, findings, contact, request draft and
check, question plan, the conversation timer, notes, verdicts and the thank-you draft."""
import re

from conftest import sign_up


def add_finding(page, kind, statement, source, share=False):
    page.select_option("#finding-kind", kind)
    page.fill("#statement", statement)
    page.fill("#source", source)
    if share:
        page.check("#share")
    page.click("form[action$='/findings'] button[type=submit]")
    page.wait_for_load_state()


def test_research_to_thank_you(server, page):
    sign_up(page, server, "Iris")

    # Research a target.
    page.goto(server + "/interviews")
    page.select_option("#target-kind", "job")
    page.fill("#target-name", "Data analyst")
    page.click("form[action='/interviews/targets'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Data analyst")
    assert page.locator(".gaps li").count() >= 1

    # A finding without a source is refused, next to the field, and nothing is saved.
    page.select_option("#finding-kind", "trend")
    page.fill("#statement", "Dashboards are moving into the tools people already use.")
    page.click("form[action$='/findings'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".has-error #source").count() == 1
    assert "Say where this finding comes from" in page.locator("main").inner_text()
    assert page.locator("table.findings").count() == 0

    add_finding(page, "trend", "Dashboards are moving into the tools people already use.", "Gartner note, 2025", share=True)
    add_finding(page, "competitor", "Most local openings are at Acme Analytics and Northwind Data.", "Job boards, November")
    add_finding(page, "salary", "Junior analysts earn 35,000 to 45,000 a year.", "Salary survey 2025")
    add_finding(page, "skills", "SQL and spreadsheet modelling come up in every advert.", "30 job adverts")
    add_finding(page, "challenge", "Messy source data takes most of the week.", "Podcast with an analyst")
    assert page.locator("table.findings tbody tr").count() == 5
    assert "Your research is ready" in page.locator(".readiness").inner_text()

    # Add a contact, referred by someone.
    page.goto(server + "/interviews/contacts")
    page.fill("#name", "Omar Haddad")
    page.fill("#title", "Senior data analyst")
    page.fill("#organisation", "Acme Analytics")
    page.fill("#email", "omar@acme.example")
    page.select_option("#seniority", "senior")
    page.fill("#referredBy", "Lucia Ferraz")
    page.click("form[action='/interviews/contacts'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Omar Haddad")

    # Plan an interview and draft the request.
    page.fill("#minutes", "20")
    page.click("#plan-go")
    page.wait_for_load_state()
    interview_url = page.url.split("?")[0]
    body = page.locator("#draft-body").input_value()
    assert "Lucia Ferraz" in body
    assert "20 minutes" in body
    assert page.locator("#mailto").get_attribute("href").startswith("mailto:omar@acme.example")
    assert page.locator("a[href$='/request.eml']").count() == 1

    # The live check warns about a job request as the explorer types.
    page.fill("#draft-body", body + " Also, could you pass my resume to HR for any job openings?")
    page.wait_for_selector("#draft-warnings li[data-code='asks_for_job']")
    # The plain form check (no script needed) says the same.
    page.click("#draft-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#draft-warnings li[data-code='asks_for_job']").count() == 1

    # Channel tabs: a phone script.
    page.click(".tabs a:has-text('Phone script')")
    page.wait_for_load_state()
    assert page.locator(".tabs a.active").inner_text() == "Phone script"

    # Build the plan: move the second question up, reword it, add one.
    page.goto(interview_url + "/plan")
    second = page.locator("ol.plan > li").nth(1).get_attribute("data-id")
    page.locator("ol.plan > li").nth(1).locator("button[aria-label='Move up']").click()
    page.wait_for_load_state()
    assert page.locator("ol.plan > li").nth(0).get_attribute("data-id") == second
    page.fill("#q-0", "What first drew you to analysis work?")
    page.locator("ol.plan > li").nth(0).locator("form.question-edit button").click()
    page.wait_for_load_state()
    page.select_option("#new-kind", "career")
    page.fill("#new-text", "Which communities should a new analyst join?")
    page.click("form[action$='/plan/add'] button[type=submit]")
    page.wait_for_load_state()
    page.reload()
    assert page.locator("#q-0").input_value() == "What first drew you to analysis work?"
    assert page.locator("ol.plan > li").last.locator("textarea").input_value() == "Which communities should a new analyst join?"

    # Schedule it.
    page.goto(interview_url)
    page.select_option("#next-stage", "requested")
    page.click("#move-go")
    page.wait_for_load_state()
    page.select_option("#next-stage", "scheduled")
    page.fill("#scheduledAt", "2026-12-01T15:00")
    page.click("#move-go")
    page.wait_for_load_state()
    assert page.locator("#stage").inner_text() == "Scheduled"
    assert page.locator("a[href$='/invite.ics']").count() == 1

    # The timer runs in real time by default: started, it counts down.
    page.goto(interview_url + "/conversation")
    assert page.locator("#timer").get_attribute("data-speed") == "1"
    with page.expect_response(lambda r: r.url.endswith("/start") and r.status == 200):
        page.click("#timer-start")
    page.wait_for_function("document.getElementById('timer-clock').textContent.startsWith('19:5')")
    assert page.locator("#timer-phase").get_attribute("data-phase") == "running"
    assert page.locator("#timer-wrap").is_hidden()
    # The start is recorded: after a reload the timer carries on by itself.
    page.reload()
    page.wait_for_selector("#timer-phase[data-phase='running']")
    page.wait_for_function("document.getElementById('timer-clock').textContent.startsWith('19:')")

    # Sped up, it reaches the wrap-up (offer to end on time), then "only stay longer if invited".
    page.goto(interview_url + "/conversation?speed=400")
    page.click("#timer-start")
    page.wait_for_selector("#timer-wrap:not([hidden])")
    assert "end on time" in page.locator("#timer-wrap").inner_text()
    page.wait_for_selector("#timer-over:not([hidden])", timeout=20000)
    assert "Only stay longer if invited" in page.locator("#timer-over").inner_text()

    # Take notes and say what to take away.
    page.fill("#note-1", "He started in customer support and learned SQL on the job")
    page.fill("#mostInteresting", "how much of the job is explaining numbers to people")
    page.fill("#adviceToAct", "build one public dashboard with real council data")
    page.click("#notes-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#note-1").input_value() == "He started in customer support and learned SQL on the job"

    # End on time, then mark a finding.
    page.click("#end-on-time")
    page.wait_for_load_state()
    outcome = page.locator("form.outcome").first
    outcome.locator("input[value='refined']").check()
    outcome.locator("input[name='note']").fill("Only the big firms use that tool")
    outcome.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("form.outcome").first.locator("input[value='refined']").is_checked()

    # The thank-you draft names what was noted, and is due within a day.
    page.goto(interview_url + "/thank-you")
    note = page.locator("#ty-body").input_value()
    assert "Omar Haddad" in note
    assert "explaining numbers" in note
    assert "public dashboard" in note
    assert re.search(r"within the next \d+ hours?", page.locator("#reminder").inner_text())

    # The dashboard shows it as due today, and the contact as held.
    page.goto(server + "/interviews")
    assert "Omar Haddad" in page.locator(".due-list").inner_text()
    assert "Omar Haddad" in page.locator(".status-held").inner_text()
