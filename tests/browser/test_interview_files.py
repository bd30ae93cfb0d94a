"""The interview files a real server hands out parse with standard tools: .eml with Python's email module, .ics with icalendar."""
import email
import email.policy
import json
import re
import urllib.error
import urllib.request
import uuid
from datetime import datetime, timezone

import icalendar


def call(base, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def member(base, name):
    mail = f"{re.sub('[^a-z]', '', name.lower())}.{uuid.uuid4().hex[:8]}@example.org"
    status, _, _ = call(base, "POST", "/api/v1/users", body={"email": mail, "password": "correct horse battery", "displayName": name})
    assert status == 201
    status, _, raw = call(base, "POST", "/api/v1/tokens", body={"email": mail, "password": "correct horse battery"})
    assert status == 201
    me = json.loads(call(base, "GET", "/api/v1/me", json.loads(raw)["token"])[2])
    return json.loads(raw)["token"], me["id"], mail


def researched_interview(base, token, contact):
    status, _, raw = call(base, "POST", "/api/v1/interviews/targets", token, {"kind": "job", "name": "Café owner"})
    assert status == 201
    target = json.loads(raw)["id"]
    for kind, statement in [("competitor", "Two chains dominate: Bean Street and Daily Grind."),
                            ("trend", "Oat milk now outsells dairy in city cafés."),
                            ("salary", "Owners of small cafés draw 25,000 to 40,000 a year.")]:
        status, _, _ = call(base, "POST", f"/api/v1/interviews/targets/{target}/findings", token,
                            {"kind": kind, "statement": statement, "source": "Café Trade Review, 2025", "share": kind == "trend"})
        assert status == 201
    status, _, raw = call(base, "POST", "/api/v1/interviews/contacts", token, contact)
    assert status == 201, raw
    contact_id = json.loads(raw)["id"]
    status, _, raw = call(base, "POST", "/api/v1/interviews", token, {"targetId": target, "contactId": contact_id, "minutes": 20})
    assert status == 201
    return json.loads(raw)["id"]


def test_request_eml_parses_with_the_email_module(server):
    token, _, explorer_mail = member(server, "Zoë Explorer")
    interview = researched_interview(server, token, {
        "name": "Renée Dubois", "title": "Owner", "organisation": "Café Lumière", "email": "renee@lumiere.example",
        "seniority": "executive", "preferredChannel": "email", "referredBy": "Marc Petit"})
    status, headers, raw = call(server, "GET", f"/api/v1/interviews/{interview}/request.eml", token)
    assert status == 200
    assert headers["Content-Type"].startswith("message/rfc822")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["To"].addresses[0].addr_spec == "renee@lumiere.example"
    assert msg["To"].addresses[0].display_name == "Renée Dubois"
    assert msg["From"].addresses[0].addr_spec == explorer_mail
    assert msg["From"].addresses[0].display_name == "Zoë Explorer"
    assert msg["Message-ID"].startswith("<") and interview.lower() in msg["Message-ID"]
    assert msg["Date"].datetime is not None
    draft = json.loads(call(server, "GET", f"/api/v1/interviews/{interview}/request", token)[2])
    assert str(msg["Subject"]) == draft["subject"]
    body = msg.get_content()
    assert "Marc Petit" in body
    assert body.strip().replace("\r\n", "\n") == draft["body"].strip()


def test_invite_ics_parses_with_icalendar_for_both_parties(server):
    explorer_token, _, explorer_mail = member(server, "Ada Explorer")
    practitioner_token, practitioner_id, practitioner_mail = member(server, "Pat Practitioner")
    interview = researched_interview(server, explorer_token, {
        "name": "Pat Practitioner", "title": "Owner", "organisation": "Pat's Coffee", "email": practitioner_mail,
        "seniority": "senior", "preferredChannel": "email", "memberId": practitioner_id})
    # Pat has not opted in: refused.
    status, _, raw = call(server, "POST", f"/api/v1/interviews/{interview}/platform-request", explorer_token)
    assert status == 409 and json.loads(raw)["error"]["code"] == "not_open_to_interviews"
    assert call(server, "PATCH", "/api/v1/me", practitioner_token, {"openToInterviews": True})[0] == 200
    assert call(server, "POST", f"/api/v1/interviews/{interview}/platform-request", explorer_token)[0] == 200
    incoming = json.loads(call(server, "GET", "/api/v1/interviews/incoming", practitioner_token)[2])
    assert [r["id"] for r in incoming] == [interview]
    status, _, _ = call(server, "POST", f"/api/v1/interviews/{interview}/accept", practitioner_token, {"scheduledAt": "2026-12-03T14:30:00Z"})
    assert status == 200

    texts = []
    for token in (explorer_token, practitioner_token):
        status, headers, raw = call(server, "GET", f"/api/v1/interviews/{interview}/invite.ics", token)
        assert status == 200
        assert headers["Content-Type"].startswith("text/calendar")
        texts.append(raw)
        cal = icalendar.Calendar.from_ical(raw)
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        assert len(events) == 1
        event = events[0]
        assert event.decoded("dtstart") == datetime(2026, 12, 3, 14, 30, tzinfo=timezone.utc)
        assert event.decoded("dtend") == datetime(2026, 12, 3, 14, 50, tzinfo=timezone.utc)
        assert "Pat Practitioner" in str(event.get("summary"))
        assert str(event.get("organizer")).lower() == "mailto:" + explorer_mail
        attendees = event.get("attendee")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        assert [str(a).lower() for a in attendees] == ["mailto:" + practitioner_mail]
        assert interview.lower() in str(event.get("uid"))
    assert texts[0].split(b"DTSTAMP")[0] == texts[1].split(b"DTSTAMP")[0]


def test_files_of_another_member_are_not_found(server):
    token, _, _ = member(server, "Owner")
    other, _, _ = member(server, "Stranger")
    interview = researched_interview(server, token, {
        "name": "Lee", "title": "Barista", "organisation": "Corner Café", "email": "lee@corner.example",
        "seniority": "junior", "preferredChannel": "email"})
    assert call(server, "GET", f"/api/v1/interviews/{interview}/request.eml", other)[0] == 404
    assert call(server, "GET", f"/api/v1/interviews/{interview}/invite.ics", other)[0] == 404
