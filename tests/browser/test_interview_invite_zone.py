"""The calendar invitation of an explorer who lives in Paris: read by Python's icalendar, it carries the organiser's
time zone, the right instant across the spring clock change, and a reminder fifteen minutes before."""
import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar

from test_interview_files import call, member, researched_interview


def test_invite_has_the_organisers_zone_and_a_reminder(server):
    token, _, _ = member(server, "Paris Explorer")
    assert call(server, "PATCH", "/api/v1/me", token, {"timezone": "Europe/Paris"})[0] == 200
    interview = researched_interview(server, token, {
        "name": "Hugo Martin", "title": "Roaster", "organisation": "Grain", "email": "hugo@grain.example",
        "seniority": "mid", "preferredChannel": "email"})
    # 10:30 in Paris on the Monday after clocks go forward is 08:30 UTC.
    assert call(server, "POST", f"/api/v1/interviews/{interview}/stage", token, {"stage": "requested"})[0] == 200
    status, _, raw = call(server, "POST", f"/api/v1/interviews/{interview}/stage", token,
                          {"stage": "scheduled", "scheduledAt": "2026-03-30T08:30:00Z"})
    assert status == 200, raw
    status, _, raw = call(server, "GET", f"/api/v1/interviews/{interview}/invite.ics", token)
    assert status == 200
    cal = icalendar.Calendar.from_ical(raw)
    zones = [c for c in cal.walk() if c.name == "VTIMEZONE"]
    assert [str(z.get("tzid")) for z in zones] == ["Europe/Paris"]
    event = [c for c in cal.walk() if c.name == "VEVENT"][0]
    start = event.decoded("dtstart")
    assert start.utcoffset() == timedelta(hours=2)
    assert (start.hour, start.minute) == (10, 30)
    assert start == datetime(2026, 3, 30, 8, 30, tzinfo=timezone.utc)
    assert start == datetime(2026, 3, 30, 10, 30, tzinfo=ZoneInfo("Europe/Paris"))
    alarms = [c for c in event.walk() if c.name == "VALARM"]
    assert len(alarms) == 1
    assert alarms[0].decoded("trigger") == timedelta(minutes=-15)
    assert str(alarms[0].get("action")) == "DISPLAY"
