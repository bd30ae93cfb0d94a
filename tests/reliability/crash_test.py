#!/usr/bin/env python3
"""Crash test for orders and the ledger.

Runs many order flows (create → fund → deliver → accept) against a real `guild serve` over HTTP, with
Idempotency-Keys on the money-moving steps, while `kill -9`-ing the server several times mid-load and restarting it.
Clients retry a step with the same key after a dropped connection. Afterwards:
  * `guild ledger verify` must exit 0;
  * every step that got a 2xx must be reflected in the order's state;
  * each seller's available balance must equal 95% of the price of their completed orders, and each buyer's
    escrow the price of their funded, unfinished orders.

Usage: python3 tests/reliability/crash_test.py [--flows 120] [--workers 6] [--kills 4]
       (SQLite by default; set DATABASE_URL=postgres://… to run against PostgreSQL; GUILD_BIN to pick a binary)
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from orders_support import call, gig, member  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def guild_binary():
    if os.environ.get("GUILD_BIN"):
        return os.environ["GUILD_BIN"]
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    binary = Path(bin_dir) / "guild"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "guild"], cwd=ROOT, check=True)
    return str(binary)


class Server:
    def __init__(self, binary, env, workdir, port):
        self.binary, self.env, self.workdir, self.port = binary, env, workdir, port
        self.base = f"http://127.0.0.1:{port}"
        self.proc = None
        self.lock = threading.Lock()
        self.log = open(os.path.join(workdir, "server.log"), "a")

    def start(self):
        self.proc = subprocess.Popen([self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
                                     cwd=self.workdir, env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("guild serve did not start; see " + os.path.join(self.workdir, "server.log"))

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--flows", type=int, default=120)
    ap.add_argument("--workers", type=int, default=6)
    ap.add_argument("--kills", type=int, default=4)
    ap.add_argument("--kill-interval", type=float, default=1.5)
    args = ap.parse_args()

    workdir = tempfile.mkdtemp(prefix="guild-crash-")
    env = dict(os.environ)
    env.update({"BCRYPT_COST": "4", "LOG_LEVEL": "warning", "ORDER_JOBS_INTERVAL_SECONDS": "3600"})
    sqlite_path = None
    fresh_db = None
    if not env.get("DATABASE_URL"):
        sqlite_path = os.path.join(workdir, "guild.sqlite")
        env["SQLITE_PATH"] = sqlite_path
    else:
        # A fresh database on the given server, dropped at the end: the run never touches existing data.
        parts = urllib.parse.urlparse(env["DATABASE_URL"])
        fresh_db = "guild_crash_" + uuid.uuid4().hex[:8]
        admin_url = parts._replace(path="/postgres").geturl()
        subprocess.run(["psql", admin_url, "-qc", f"CREATE DATABASE {fresh_db}"], check=True)
        env["DATABASE_URL"] = parts._replace(path="/" + fresh_db).geturl()
    binary = guild_binary()
    server = Server(binary, env, workdir, free_port())
    server.start()
    base = server.base
    print(f"crash test: {args.flows} flows, {args.workers} workers, {args.kills} kills, database "
          f"{'PostgreSQL' if sqlite_path is None else sqlite_path}")

    pairs = []
    for i in range(args.workers):
        sid, _, stoken = member(base, f"Seller {i}")
        bid, _, btoken = member(base, f"Buyer {i}")
        pairs.append({"seller": (sid, stoken), "buyer": (bid, btoken), "gig": gig(base, stoken, sid, sqlite_path)})

    confirmed = {}  # order id -> (worker, last step that got a 2xx)
    confirmed_lock = threading.Lock()
    errors = []
    done = threading.Event()

    def retrying(method, path, body=None, token=None, key=None, accept=(200, 201)):
        """Retries through dropped connections (server killed); returns (status, body) of the first HTTP answer."""
        for _ in range(600):
            try:
                status, payload = call(base, method, path, body, token=token, key=key, timeout=10)
            except OSError:
                time.sleep(0.1)
                continue
            if status >= 500:
                errors.append(f"{method} {path} → {status} {payload}")
                return status, payload
            return status, payload
        raise RuntimeError(f"{method} {path} never answered")

    def worker(w, count):
        pair = pairs[w]
        (sid, stoken), (bid, btoken) = pair["seller"], pair["buyer"]
        for n in range(count):
            status, order = retrying("POST", "/api/v1/orders", {"gigId": pair["gig"], "package": "Basic"}, token=btoken)
            if status != 201:
                errors.append(f"create → {status} {order}")
                continue
            oid = order["id"]
            with confirmed_lock:
                confirmed[oid] = (w, "create")
            run = uuid.uuid4().hex
            for step, token, key, body in [("fund", btoken, f"fund-{run}", None),
                                           ("deliver", stoken, None, {"message": "Files attached"}),
                                           ("accept", btoken, f"accept-{run}", None)]:
                status, payload = retrying("POST", f"/api/v1/orders/{oid}/{step}", body, token=token, key=key)
                if status == 409 and step == "deliver":
                    # The delivery committed but its answer was lost in a crash: the state says so.
                    _, now = retrying("GET", f"/api/v1/orders/{oid}", token=btoken)
                    if now and now["state"] in ("delivered", "completed"):
                        status = 200
                if status not in (200, 201):
                    errors.append(f"{step} {oid} → {status} {payload}")
                    break
                with confirmed_lock:
                    confirmed[oid] = (w, step)

    per = [args.flows // args.workers + (1 if i < args.flows % args.workers else 0) for i in range(args.workers)]
    threads = [threading.Thread(target=worker, args=(i, per[i])) for i in range(args.workers)]
    for t in threads:
        t.start()

    kills = 0
    while kills < args.kills and any(t.is_alive() for t in threads):
        time.sleep(args.kill_interval)
        server.kill9()
        kills += 1
        print(f"  kill -9 #{kills} after {len(confirmed)} orders; restarting")
        server.start()
    for t in threads:
        t.join()
    done.set()

    # Every 2xx must be reflected.
    problems = list(errors)
    expected_state = {"create": {"awaiting_payment"}, "fund": {"in_progress"}, "deliver": {"delivered"}, "accept": {"completed"}}
    completed_by_worker = [0] * args.workers
    escrow_by_worker = [0] * args.workers
    for oid, (w, step) in confirmed.items():
        _, order = retrying("GET", f"/api/v1/orders/{oid}", token=pairs[w]["buyer"][1])
        if order is None or order.get("state") not in expected_state[step]:
            problems.append(f"order {oid}: last 2xx was {step} but the state is {order and order.get('state')}")
        if order and order.get("state") == "completed":
            completed_by_worker[w] += 1
        if order and order.get("state") in ("in_progress", "delivered"):
            escrow_by_worker[w] += order["priceCents"]
    for w, pair in enumerate(pairs):
        _, sb = retrying("GET", "/api/v1/me/balance", token=pair["seller"][1])
        _, bb = retrying("GET", "/api/v1/me/balance", token=pair["buyer"][1])
        if sb["availableCents"] != 9500 * completed_by_worker[w]:
            problems.append(f"seller {w}: available {sb['availableCents']} != 9500 × {completed_by_worker[w]}")
        if bb["inEscrowAsBuyerCents"] != escrow_by_worker[w]:
            problems.append(f"buyer {w}: escrow {bb['inEscrowAsBuyerCents']} != {escrow_by_worker[w]}")
    server.stop()

    verify = subprocess.run([binary, "ledger", "verify"], cwd=workdir, env=env, capture_output=True, text=True)
    print(verify.stdout.strip())
    if verify.returncode != 0:
        problems.append(f"guild ledger verify exited {verify.returncode}: {verify.stderr.strip()[-500:]}")

    if fresh_db:
        subprocess.run(["psql", admin_url, "-qc", f"DROP DATABASE {fresh_db}"], check=False)
    completed = sum(completed_by_worker)
    print(f"orders confirmed: {len(confirmed)}, completed: {completed}, kills: {kills}")
    if kills == 0:
        problems.append("the server was never killed: the load ended first (use more --flows)")
    if problems:
        print("FAILED:")
        for p in problems[:50]:
            print("  " + p)
        sys.exit(1)
    print("OK: every 2xx is reflected and the ledger verifies")


if __name__ == "__main__":
    main()
