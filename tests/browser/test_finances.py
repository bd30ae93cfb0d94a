"""Finances in a real browser against a real `guild serve`: the earnings dashboard's chart on a phone, the data
export download, issuing a signed statement and verifying it on the public page, and the operator's commands
(statement verify offline, backup while serving, restore --check-only)."""
import base64
import io
import json
import os
import subprocess
import sys
import zipfile

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from conftest import log_in, log_out, running_guild  # noqa: E402
from orders_support import call, gig, member  # noqa: E402


@pytest.fixture(scope="module")
def guild():
    for base, env, binary, workdir in running_guild(prefix="guild-finances-"):
        yield base, env, binary, workdir


def paid_order(base, seller_token, buyer_token, gig_id, package="Basic", accept=True):
    status, order = call(base, "POST", "/api/v1/orders", {"gigId": gig_id, "package": package}, token=buyer_token)
    assert status == 201, order
    oid = order["id"]
    assert call(base, "POST", f"/api/v1/orders/{oid}/fund", token=buyer_token, key=f"fund-{oid}")[0] == 200
    if accept:
        assert call(base, "POST", f"/api/v1/orders/{oid}/deliver", {"message": "Done"}, token=seller_token, key=f"d-{oid}")[0] == 200
        assert call(base, "POST", f"/api/v1/orders/{oid}/accept", token=buyer_token, key=f"a-{oid}")[0] == 200
    return oid


def test_dashboard_export_and_signed_statement(browser, guild):
    base, env, binary, workdir = guild
    # given a seller paid for one $100 order, with a $250 order in escrow
    seller_id, seller_email, seller_token = member(base, "Sol Seller")
    _, _, buyer_token = member(base, "Bo Buyer")
    gig_id = gig(base, seller_token, seller_id, env["SQLITE_PATH"])
    paid_order(base, seller_token, buyer_token, gig_id)
    paid_order(base, seller_token, buyer_token, gig_id, package="Standard", accept=False)

    # when the seller opens their earnings on a phone
    phone = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True)
    page = phone.new_page()
    page.set_default_timeout(15000)
    log_in(page, base, seller_email)
    page.goto(base + "/me/earnings")
    # then the figures and the chart are there, with its text alternative, and nothing scrolls sideways
    assert page.locator("[data-testid=released]").inner_text() == "$95.00"
    assert page.locator("[data-testid=in-escrow]").inner_text() == "$237.50"
    assert page.locator("[data-testid=fee-rate]").inner_text() == "5%"
    chart = page.locator("[data-testid=earnings-chart]")
    assert chart.is_visible()
    assert "$95.00" in chart.locator("title").first.text_content()
    assert page.locator("[data-testid=months] tr").count() == 13
    assert "$237.50 expected" in page.locator("[data-testid=forecast]").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # when they download their data
    with page.expect_download() as info:
        page.click("[data-testid=export-link]")
    archive = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))
    names = archive.namelist()
    # then the zip has the README and their records
    assert "guild-export/README.md" in names
    assert seller_email in archive.read("guild-export/profile.json").decode()
    orders = json.loads(archive.read("guild-export/orders/orders.json"))
    assert len(orders) == 2

    # when they issue a statement for this year
    page.goto(base + "/me/earnings#statement")
    page.click("main button:has-text('Issue a signed statement')")
    page.wait_for_load_state()
    assert page.locator("[data-testid=statement-member]").inner_text() == "Sol Seller"
    assert page.locator("[data-testid=statement-net]").inner_text() == "$95.00"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    href = page.locator("[data-testid=statement-download]").get_attribute("href")
    statement_json = base64.b64decode(href.split(",", 1)[1]).decode()
    assert json.loads(statement_json)["totals"]["netCents"] == 9500
    phone.close()

    # then a lender, with no account, finds it genuine on the public page, and an altered copy is not
    lender = browser.new_context(viewport={"width": 1280, "height": 900})
    lp = lender.new_page()
    lp.goto(base + "/income-statements/verify")
    lp.fill("#statement", statement_json)
    lp.click("main button:has-text('Verify')")
    lp.wait_for_load_state()
    assert lp.locator("[data-testid=verdict]").count() == 1, lp.content()[:3000]
    assert "Genuine and unaltered" in lp.locator("[data-testid=verdict]").inner_text()
    altered = json.loads(statement_json)
    altered["totals"]["netCents"] = 950000
    lp.fill("#statement", json.dumps(altered))
    lp.click("main button:has-text('Verify')")
    lp.wait_for_load_state()
    assert "Not valid" in lp.locator("[data-testid=verdict]").inner_text()
    lender.close()

    # and offline, with the published public key
    status, key = call(base, "GET", "/api/v1/income-statements/public-key")
    assert status == 200
    path = os.path.join(workdir, "statement.json")
    open(path, "w").write(statement_json)
    ok = subprocess.run([binary, "statement", "verify", path, "--public-key", key["publicKey"]], env=env, cwd=workdir,
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "valid" in ok.stdout
    tampered = os.path.join(workdir, "tampered.json")
    open(tampered, "w").write(json.dumps(altered))
    bad = subprocess.run([binary, "statement", "verify", tampered, "--public-key", key["publicKey"]], env=env, cwd=workdir,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode != 0


def test_backup_while_serving_then_check(guild):
    base, env, binary, workdir = guild
    # given a live server with money in it
    seller_id, _, seller_token = member(base, "Bex Backup")
    _, _, buyer_token = member(base, "Rae Restore")
    gig_id = gig(base, seller_token, seller_id, env["SQLITE_PATH"])
    paid_order(base, seller_token, buyer_token, gig_id)
    # when the operator backs it up while it serves
    backup = os.path.join(workdir, "backup.sqlite")
    made = subprocess.run([binary, "backup", backup], env=env, cwd=workdir, capture_output=True, text=True, timeout=300)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "100%" in made.stdout
    assert call(base, "GET", "/health")[0] == 200
    # then the backup passes the integrity check and every ledger invariant
    checked = subprocess.run([binary, "restore", "--check-only", backup], env=env, cwd=workdir, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "pass  integrity_check: ok" in checked.stdout
    assert "invariants hold" in checked.stdout
