"""Two `guild serve` processes on different loopback ports against one PostgreSQL database.

- A message sent through instance A arrives on a WebSocket opened on instance B (LISTEN/NOTIFY), and the other way.
- Search on one instance sees a gig written through the other at once: created, renamed, paused (each instance holds
  its own index, kept in step through the database's change feed).
- Timers due while both run fire exactly once: 12 delivered orders are made due for auto-acceptance at once; both
  instances run their timers every second; each order is accepted once, each seller paid once, and
  `guild ledger verify` passes.

Needs TEST_DATABASE_URL (or DATABASE_URL) pointing at a local PostgreSQL, as `.ci/run` sets it.
"""
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import websocket

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from orders_support import call, member, gig  # noqa: E402
from conftest import _free_port, _guild_binary  # noqa: E402

SERVER_URL = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
pytestmark = pytest.mark.skipif(not SERVER_URL, reason="needs TEST_DATABASE_URL: run through .ci/run, which starts PostgreSQL")


def psql(url, sql):
    return subprocess.run(["psql", url, "-qAtc", sql], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def database():
    """A fresh database of its own, dropped afterwards."""
    name = "guild_multi_" + uuid.uuid4().hex[:10]
    admin = SERVER_URL.rsplit("/", 1)[0] + "/postgres"
    psql(admin, f"CREATE DATABASE {name}")
    try:
        yield SERVER_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def instances(database, tmp_path_factory):
    binary = str(_guild_binary())
    env = dict(os.environ, DATABASE_URL=database, BCRYPT_COST="4", ORDER_JOBS_INTERVAL_SECONDS="1")
    # Migrate once, before the two start (as an operator would).
    subprocess.run([binary, "migrate", "--yes"], env=env, check=True, capture_output=True)
    procs, bases = [], []
    for name in ("a", "b"):
        port = _free_port()
        workdir = tmp_path_factory.mktemp("instance-" + name)
        log = open(workdir / "server.log", "w")
        e = dict(env, PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
        procs.append((subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                                       cwd=workdir, env=e, stdout=log, stderr=subprocess.STDOUT), log, workdir))
        bases.append(f"http://127.0.0.1:{port}")
    for base, (proc, log, workdir) in zip(bases, procs):
        deadline = time.time() + 60
        while not _up(base):
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("guild serve did not start:\n" + (workdir / "server.log").read_text())
            time.sleep(0.2)
    try:
        yield bases, env, binary
    finally:
        for proc, log, _ in procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()


def _up(base):
    try:
        return call(base, "GET", "/health", timeout=2)[0] == 200
    except OSError:
        return False


def next_frame(ws, kind, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        ws.settimeout(max(0.1, deadline - time.time()))
        try:
            frame = json.loads(ws.recv())
        except websocket.WebSocketTimeoutException:
            break
        if frame.get("type") == kind:
            return frame
    raise AssertionError(f"no {kind} frame within {timeout} s")


def test_a_message_sent_through_one_instance_arrives_on_a_socket_of_the_other(instances):
    (a, b), _, _ = instances
    ada_id, _, ada_token = member(a, "Ada Asker")
    bo_id, _, bo_token = member(b, "Bo Builder")
    status, created = call(a, "POST", "/api/v1/conversations", {"memberId": bo_id}, token=ada_token)
    assert status == 201, created
    conversation = created["id"]
    ws_b = websocket.create_connection(b.replace("http", "ws") + f"/api/v1/conversations/{conversation}/live",
                                       header=[f"Authorization: Bearer {bo_token}"], timeout=10)
    ws_a = websocket.create_connection(a.replace("http", "ws") + f"/api/v1/conversations/{conversation}/live",
                                       header=[f"Authorization: Bearer {ada_token}"], timeout=10)
    try:
        next_frame(ws_b, "ready")
        next_frame(ws_a, "ready")
        status, sent = call(a, "POST", f"/api/v1/conversations/{conversation}/messages", {"text": "Sent through A"}, token=ada_token)
        assert status == 201, sent
        frame = next_frame(ws_b, "message")
        assert frame["data"]["text"] == "Sent through A"
        assert frame["data"]["seq"] == 1
        # And back: posted on B, heard on A.
        status, _ = call(b, "POST", f"/api/v1/conversations/{conversation}/messages", {"text": "Answered through B"}, token=bo_token)
        assert status == 201
        texts = [next_frame(ws_a, "message")["data"]["text"] for _ in range(2)]
        assert texts == ["Sent through A", "Answered through B"]
    finally:
        ws_a.close()
        ws_b.close()


def test_a_gig_written_through_one_instance_is_found_at_once_on_the_other(instances):
    (a, b), _, _ = instances
    word = "quern" + uuid.uuid4().hex[:6]
    seller_id, _, token = member(a, "Sam Stonemason")

    def found_on_b(q):
        status, page = call(b, "GET", f"/api/v1/search?q={q}&limit=50")
        assert status == 200, page
        return [r["gig"]["id"] for r in page["results"]]

    assert found_on_b(word) == []  # B has loaded its index before the gig exists
    body = {"title": f"A hand {word} carved from granite", "description": "Dressed by hand, delivered with care.",
            "category": "design", "tags": ["stone"], "packages": [{"name": "Basic", "priceCents": 9000, "deliveryDays": 5, "revisions": 1}],
            "status": "published"}
    status, created = call(a, "POST", "/api/v1/gigs", body, token=token)
    assert status == 201, created
    gig_id = created["id"]
    call(a, "PATCH", f"/api/v1/gigs/{gig_id}", {"status": "published"}, token=token)
    assert found_on_b(word) == [gig_id]
    status, _ = call(a, "PATCH", f"/api/v1/gigs/{gig_id}", {"title": f"A hand {word}stone mill"}, token=token)
    assert status == 200
    assert found_on_b(word) == [gig_id]  # the prefix still finds it
    assert found_on_b(f"{word}+granite") == []
    status, _ = call(a, "PATCH", f"/api/v1/gigs/{gig_id}", {"status": "paused"}, token=token)
    assert status == 200
    assert found_on_b(word) == []


def test_a_timer_due_while_both_run_fires_exactly_once(instances, database):
    (a, b), env, binary = instances
    seller_id, _, seller_token = member(a, "Sam Seller")
    buyer_id, _, buyer_token = member(b, "Bea Buyer")
    gig_id = gig(a, seller_token, seller_id, database_url=database)
    orders = []
    for i in range(12):
        base = a if i % 2 == 0 else b
        status, order = call(base, "POST", "/api/v1/orders", {"gigId": gig_id, "package": "Basic"}, token=buyer_token)
        assert status == 201, order
        oid = order["id"]
        assert call(base, "POST", f"/api/v1/orders/{oid}/fund", {}, token=buyer_token, key=str(uuid.uuid4()))[0] == 200
        assert call(base, "POST", f"/api/v1/orders/{oid}/deliver", {"message": "Done"}, token=seller_token, key=str(uuid.uuid4()))[0] == 200
        orders.append(oid)
    ids = ",".join(f"'{o}'" for o in orders)
    # Move the deliveries back past the auto-accept delay: due now, on both instances' next pass.
    psql(database, f"UPDATE orders SET state_entered_at = now() - interval '30 days', delivered_at = now() - interval '30 days' WHERE id IN ({ids})")
    deadline = time.time() + 60
    while time.time() < deadline:
        done = int(psql(database, f"SELECT count(*) FROM orders WHERE id IN ({ids}) AND state = 'completed'"))
        if done == len(orders):
            break
        time.sleep(0.5)
    assert done == len(orders), f"only {done} of {len(orders)} orders were auto-accepted within 60 s"
    time.sleep(2.5)  # two more passes of each instance: nothing must fire again
    per_order = psql(database, f"SELECT count(*) FROM order_events WHERE event = 'auto_accept' AND order_id IN ({ids}) GROUP BY order_id")
    assert per_order.split() == ["1"] * len(orders), per_order
    status, balance = call(a, "GET", "/api/v1/me/balance", token=seller_token)
    assert status == 200
    # Each order paid the seller once: 12 × (price − fee).
    status, one = call(a, "GET", f"/api/v1/orders/{orders[0]}", token=seller_token)
    assert balance["availableCents"] == one["netCents"] * len(orders), (balance, one["netCents"])
    verify = subprocess.run([binary, "ledger", "verify"], env=env, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stdout + verify.stderr
