"""Accounts and profiles in a real browser: sign up, log out, log in, edit the profile, see it in public."""
from conftest import sign_up, log_in, log_out


def test_sign_up_log_out_log_in_and_edit_profile(page, server):
    # given a visitor who signs up
    email = sign_up(page, server, "Maya")
    # then they land on the profile editor, signed in
    assert "/me/edit" in page.url
    assert page.locator("header.site").get_by_text("Maya").is_visible()

    # when they log out and back in
    log_out(page)
    assert page.locator("header.site a[href='/login']").is_visible()
    log_in(page, server, email)
    assert page.locator("header.site").get_by_text("Maya").is_visible()

    # and edit their profile, including text that must be escaped
    page.goto(server + "/me/edit")
    page.fill("#headline", "Bookkeeper for small shops <b>& friends</b>")
    page.fill("#bio", "Ten years of tidy ledgers.")
    page.fill("#skills", "Bookkeeping, Payroll")
    page.fill("#timezone", "Europe/Lisbon")
    page.fill("#hourlyRate", "42.50")
    page.check("#openToInterviews")
    page.click("main button[type=submit]")
    page.wait_for_load_state()

    # then the public page shows the change, escaped, to a visitor who is not signed in
    profile_url = page.url
    assert "/users/" in profile_url
    log_out(page)
    page.goto(profile_url)
    assert page.locator("#profile-headline").inner_text() == "Bookkeeper for small shops <b>& friends</b>"
    assert page.locator("#profile-headline b").count() == 0
    assert "$42.50 an hour" in page.content()
    assert page.get_by_text("Open to informational interviews").is_visible()
    assert page.get_by_text("Payroll").is_visible()


def test_bad_input_is_explained_and_changes_nothing(page, server):
    # a short password is refused with a message next to the field
    page.goto(server + "/signup")
    page.fill("#displayName", "Short")
    page.fill("#email", "short@example.org")
    page.fill("#password", "abc")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Password must be at least 10 characters" in page.locator("#password-error").inner_text()

    # a wrong password does not log in
    page.goto(server + "/login")
    page.fill("#email", "short@example.org")
    page.fill("#password", "not the password")
    page.click("main button[type=submit]")
    assert page.get_by_role("alert").inner_text().startswith("The email or password is not right")

    # a form posted without its CSRF token is refused
    email = sign_up(page, server, "Careful")
    response = page.request.post(server + "/me/edit", form={"displayName": "Forged", "headline": "Forged"})
    assert response.status == 403
    page.goto(server + "/me")
    assert page.locator("#profile-name").inner_text() == "Careful"
    assert email
