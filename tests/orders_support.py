"""Small HTTP helpers shared by the orders browser test, the crash test and the benchmark (standard library only)."""
import json
import os
import subprocess
import sqlite3
import time
import urllib.error
import urllib.request
import uuid


def call(base, method, path, body=None, token=None, key=None, timeout=30):
    """Sends one JSON request; returns (status, parsed body or None)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if key:
        req.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            return e.code, json.loads(raw)
        except ValueError:
            return e.code, None


def member(base, name, password="correct horse battery"):
    """Signs up through the API; returns (id, email, token)."""
    email = f"{name.lower().replace(' ', '.')}.{uuid.uuid4().hex[:8]}@example.org"
    status, user = call(base, "POST", "/api/v1/users", {"email": email, "password": password, "displayName": name})
    assert status == 201, (status, user)
    status, tok = call(base, "POST", "/api/v1/tokens", {"email": email, "password": password})
    assert status == 201, (status, tok)
    return user["id"], email, tok["token"]


PACKAGES = [{"name": "Basic", "priceCents": 10000, "deliveryDays": 3, "revisions": 1},
            {"name": "Standard", "priceCents": 25000, "deliveryDays": 5, "revisions": 2}]


def gig(base, seller_token, seller_id, sqlite_path=None, database_url=None):
    """A published gig: through POST /api/v1/gigs when this build has it, otherwise (orders branch before the gigs
    area was merged) inserted straight into the SQLite file as test-only setup."""
    body = {"title": "A logo for your bakery", "description": "Three concepts, two revisions and the final files.",
            "category": "design", "tags": ["logo"], "packages": PACKAGES}
    status, created = call(base, "POST", "/api/v1/gigs", body, token=seller_token)
    if status == 201:
        gig_id = created["id"]
        # Gigs may start as drafts: publish when the API offers it.
        call(base, "PATCH", f"/api/v1/gigs/{gig_id}", {"status": "published"}, token=seller_token)
        return gig_id
    if sqlite_path is None:
        database_url = database_url or os.environ.get("DATABASE_URL")
        if not database_url:
            raise RuntimeError(f"POST /api/v1/gigs answered {status} and no database is available for setup")
        gig_id = str(uuid.uuid4())
        packages = json.dumps([dict(p, includes=[]) for p in PACKAGES]).replace("'", "''")
        sql = ("INSERT INTO gigs (id, seller_id, title, description, category, subcategory, tags, packages, status,"
               " starting_price_cents, fastest_delivery_days, created_at, updated_at) VALUES"
               f" ('{gig_id}', '{seller_id}', 'A logo for your bakery', 'Three concepts, two revisions and the final files.',"
               f" 'design', NULL, ARRAY['logo'], '{packages}'::jsonb, 'published', 10000, 3, now(), now())")
        subprocess.run(["psql", database_url, "-qc", sql], check=True)
        return gig_id
    gig_id = str(uuid.uuid4()).upper()
    now = time.time()
    with sqlite3.connect(sqlite_path, timeout=30) as db:
        db.execute(
            "INSERT INTO gigs (id, seller_id, title, description, category, subcategory, tags, packages, status,"
            " starting_price_cents, fastest_delivery_days, created_at, updated_at) VALUES (?,?,?,?,?,NULL,?,?,?,?,?,?,?)",
            (gig_id, seller_id.upper(), body["title"], body["description"], "design", json.dumps(["logo"]),
             json.dumps([dict(p, includes=[]) for p in PACKAGES]), "published", 10000, 3, now, now))
    return gig_id
