"""The API description served by a real server is valid OpenAPI and documents the public contract's routes."""
import urllib.request

import yaml
from openapi_spec_validator import validate

CONTRACT = [
    "/api/v1/users", "/api/v1/tokens", "/api/v1/me", "/api/v1/users/{id}", "/api/v1/gigs", "/api/v1/gigs/{id}",
    "/api/v1/search", "/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/orders/{id}/fund", "/api/v1/orders/{id}/deliver",
    "/api/v1/orders/{id}/accept", "/api/v1/orders/{id}/revisions", "/api/v1/orders/{id}/cancellation",
    "/api/v1/orders/{id}/cancellation/accept", "/api/v1/orders/{id}/disputes", "/api/v1/me/balance", "/api/v1/payouts",
    "/api/v1/disputes/{id}/resolution", "/api/v1/interviews/targets", "/api/v1/interviews/targets/{id}/findings",
    "/api/v1/interviews/contacts", "/api/v1/interviews", "/api/v1/interviews/{id}/request",
    "/api/v1/interviews/drafts/check", "/api/v1/interviews/{id}/plan", "/api/v1/interviews/{id}/thank-you",
    "/api/v1/interviews/{id}/invite.ics", "/api/v1/notifications", "/api/v1/orders/{id}/reviews", "/api/v1/users/{id}/reviews", "/api/v1/users/{id}/level",
    "/api/v1/me/earnings", "/api/v1/me/income-statements", "/api/v1/income-statements/verify", "/api/v1/me/export",
    "/api/v1/orders/{id}/settlements", "/api/v1/settlements/{id}/accept",
    "/api/v1/conversations", "/api/v1/conversations/{id}/messages", "/api/v1/conversations/{id}/live",
    "/api/v1/interviews/{id}/follow-up", "/api/v1/interviews/{id}/sources", "/api/v1/interviews/targets/{id}/sources",
    "/api/v1/interviews/sources/{id}",
]


def test_served_openapi_is_valid_and_covers_the_contract(server):
    with urllib.request.urlopen(server + "/api/openapi.yaml", timeout=10) as r:
        assert r.status == 200
        spec = yaml.safe_load(r.read())
    validate(spec)
    documented = set(spec["paths"])
    missing = [path for path in CONTRACT if path not in documented]
    assert missing == []
