#!/usr/bin/env python3
"""Stopping a loaded server: SIGTERM while clients keep searching and reading pages must end `guild serve` cleanly.

Vapor shuts its lifecycle handlers down (Fluent's databases among them) before the HTTP server, so a request that
arrived in between found no database and the process crashed on SIGTERM instead of stopping. Each round starts
`guild serve`, puts it under load (searches, gig pages, the health route), sends SIGTERM in the middle, and checks:
  * the process exits with status 0 within 30 seconds;
  * its output holds no crash report;
  * a request either got an answer or its connection was refused or closed (nothing else is acceptable).

Usage: python3 tests/reliability/stop_test.py [--rounds 3]
       (SQLite by default; set DATABASE_URL=postgres://… to run against PostgreSQL; GUILD_BIN to pick a binary)
"""
import argparse
import http.client
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "reliability"))
from orders_support import gig, member  # noqa: E402
from crash_test import free_port, guild_binary  # noqa: E402

PATHS = ["/api/v1/search?q=logo", "/api/v1/search?q=bakery&sort=price", "/api/v1/search?q=", "/health"]


def wait_up(base, proc, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit("guild serve exited before it answered")
        try:
            conn = http.client.HTTPConnection(base.split("//")[1], timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("guild serve did not answer")


def hammer(host, paths, stop, problems):
    """Keep-alive requests until told to stop; a refused or closed connection is expected once the server stops."""
    conn = None
    i = 0
    while not stop.is_set():
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, timeout=10)
            conn.request("GET", paths[i % len(paths)])
            res = conn.getresponse()
            res.read()
            if res.status >= 500:
                problems.append(f"{paths[i % len(paths)]}: {res.status}")
            i += 1
        except (ConnectionError, http.client.RemoteDisconnected, http.client.BadStatusLine, OSError):
            conn = None
            time.sleep(0.01)


def one_round(binary, env, n):
    work = tempfile.mkdtemp(prefix="guild-stop-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    run_env = dict(env)
    if "DATABASE_URL" not in run_env:
        run_env["SQLITE_PATH"] = os.path.join(work, "guild.sqlite")
    log_path = os.path.join(work, "server.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=work, env=run_env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_up(base, proc)
            seller_id, _, token = member(base, f"Stop Test {n}")
            made = [gig(base, token, seller_id) for _ in range(3)]
            paths = PATHS + [f"/gigs/{g}" for g in made]
            stop, problems = threading.Event(), []
            threads = [threading.Thread(target=hammer, args=(f"127.0.0.1:{port}", paths[k:] + paths[:k], stop, problems))
                       for k in range(8)]
            for t in threads:
                t.start()
            time.sleep(1.5)
            proc.send_signal(signal.SIGTERM)
            try:
                code = proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise SystemExit(f"round {n}: guild serve did not stop within 30 s of SIGTERM")
            stop.set()
            for t in threads:
                t.join()
        finally:
            if proc.poll() is None:
                proc.kill()
    output = open(log_path).read()
    crashed = any(mark in output for mark in ("crashed", "Fatal error", "runtime failure"))
    if code != 0 or crashed:
        print(output[-4000:])
        raise SystemExit(f"round {n}: guild serve ended with status {code}{' and a crash report' if crashed else ''} after SIGTERM")
    if problems:
        raise SystemExit(f"round {n}: server errors under load: {problems[:5]}")
    print(f"round {n}: stopped cleanly under load (status 0)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    binary = guild_binary()
    env = dict(os.environ, BCRYPT_COST="4")
    for n in range(1, args.rounds + 1):
        one_round(binary, env, n)
    print("stop test passed")


if __name__ == "__main__":
    main()
