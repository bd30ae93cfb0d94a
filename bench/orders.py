#!/usr/bin/env python3
"""Benchmark: complete order flows (create → fund → deliver → accept) per second over HTTP, against a real
`guild serve`, and the same clients on a bare route (GET /health) for the ratio.

Usage: python3 bench/orders.py [--seconds 20] [--clients 4] [--postgres] [--write-results]
  --postgres  uses a fresh PostgreSQL database (DATABASE_URL's server, e.g. postgres://postgres:postgres@127.0.0.1:5432/guild_test)
  GUILD_BIN   the binary to run (default: `swift build -c release --product guild`)
SQLite runs with WAL and synchronous=FULL: each flow is four durable commits.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from orders_support import gig, member  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def release_binary():
    if os.environ.get("GUILD_BIN"):
        given = os.environ["GUILD_BIN"]
        return given, ("release" if "/release/" in given else "debug" if "/debug/" in given else "given")
    subprocess.run(["swift", "build", "-c", "release", "--product", "guild"], cwd=ROOT, check=True)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    return str(Path(bin_dir) / "guild"), "release"


class Client:
    """One keep-alive connection."""
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def send(self, method, path, body=None, token=None, key=None):
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        if key:
            headers["Idempotency-Key"] = key
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        raw = r.read()
        return r.status, raw


def cpu_seconds(pid):
    """User + system CPU time of a process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_for(seconds, clients, work):
    counts = [0] * clients
    failures = []
    stop = time.time() + seconds

    def loop(i):
        try:
            while time.time() < stop:
                work(i)
                counts[i] += 1
        except Exception as e:  # noqa: BLE001
            failures.append(repr(e))

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    started = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - started
    if failures:
        raise RuntimeError(failures[0])
    return sum(counts) / elapsed, sum(counts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--postgres", action="store_true")
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()

    binary, build = release_binary()
    workdir = tempfile.mkdtemp(prefix="guild-bench-")
    env = dict(os.environ)
    env.update({"BCRYPT_COST": "4", "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "error"), "ORDER_JOBS_INTERVAL_SECONDS": "3600"})
    sqlite_path = None
    dbname = None
    if args.postgres:
        url = env.get("DATABASE_URL") or "postgres://postgres:postgres@127.0.0.1:5432/guild_test"
        parts = urllib.parse.urlparse(url)
        dbname = "guild_bench_" + uuid.uuid4().hex[:8]
        admin = parts._replace(path="/postgres").geturl()
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {dbname}"], check=True)
        env["DATABASE_URL"] = parts._replace(path="/" + dbname).geturl()
    else:
        env.pop("DATABASE_URL", None)
        sqlite_path = os.path.join(workdir, "guild.sqlite")
        env["SQLITE_PATH"] = sqlite_path
    port = free_port()
    log = open(os.path.join(workdir, "server.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)], cwd=workdir, env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/health", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    try:
        pairs = []
        for i in range(args.clients):
            sid, _, stoken = member(base, f"Bench Seller {i}")
            _, _, btoken = member(base, f"Bench Buyer {i}")
            pairs.append((stoken, btoken, gig(base, stoken, sid, sqlite_path, env.get("DATABASE_URL"))))
        clients = [Client(port) for _ in range(args.clients)]

        def flow(i):
            stoken, btoken, gig_id = pairs[i]
            c = clients[i]
            s, raw = c.send("POST", "/api/v1/orders", {"gigId": gig_id, "package": "Basic"}, token=btoken)
            assert s == 201, (s, raw)
            oid = json.loads(raw)["id"]
            k = uuid.uuid4().hex
            for path, token, key, body in [("fund", btoken, "f" + k, None), ("deliver", stoken, None, {"message": "done"}),
                                           ("accept", btoken, "a" + k, None)]:
                s, raw = c.send("POST", f"/api/v1/orders/{oid}/{path}", body, token=token, key=key)
                assert s == 200, (path, s, raw)

        def bare(i):
            s, _ = clients[i].send("GET", "/health")
            assert s == 200

        run_for(2, args.clients, flow)  # warm-up
        cpu_before = cpu_seconds(proc.pid)
        own_before = sum(os.times()[:2])
        flows_per_s, flows = run_for(args.seconds, args.clients, flow)
        # The load generator's own CPU: it shares the cores with the server.
        client_ms_per_flow = (sum(os.times()[:2]) - own_before) * 1000 / max(flows, 1)
        # The server's own CPU time per flow: a figure that other work on the machine does not change much.
        cpu_ms_per_flow = (cpu_seconds(proc.pid) - cpu_before) * 1000 / max(flows, 1)
        bare_per_s, _ = run_for(min(args.seconds, 10), args.clients, bare)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
        log.close()
    verify = subprocess.run([binary, "ledger", "verify"], cwd=workdir, env=env, capture_output=True, text=True)
    if dbname:
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE {dbname}"], check=False)

    steps_per_s = flows_per_s * 4
    db = "PostgreSQL" if args.postgres else "SQLite (WAL, synchronous=FULL)"
    line = (f"| {datetime.date.today().isoformat()} | {db} | {build} | {args.clients} | {flows_per_s:.1f} | "
            f"{steps_per_s:.0f} | {bare_per_s:.0f} | {steps_per_s / bare_per_s:.2f} | "
            f"{'exit 0' if verify.returncode == 0 else 'FAILED'} |")
    print(f"{flows} flows in {args.seconds:.0f}s: {flows_per_s:.1f} flows/s ({steps_per_s:.0f} order requests/s); "
          f"bare GET /health {bare_per_s:.0f} req/s; ratio {steps_per_s / bare_per_s:.2f}; server CPU {cpu_ms_per_flow:.1f} ms a flow, "
          f"client CPU {client_ms_per_flow:.1f} ms a flow; "
          f"load average {os.getloadavg()[0]:.1f}; ledger verify exit {verify.returncode}")
    print(line)
    if args.write_results:
        results = ROOT / "bench" / "RESULTS.md"
        text = results.read_text() if results.exists() else "# Benchmark results\n"
        header = "## Orders"
        machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
        if header not in text:
            text += (f"\n{header}\n\nFull order flows over HTTP (create → fund → deliver → accept; four requests, four durable "
                     "commits), one keep-alive connection per client (Python threads), against `guild serve`. "
                     "The bare route is `GET /health` with the same clients; the ratio is order requests/s ÷ bare requests/s. "
                     f"Machine: {machine}.\n\n"
                     "| date | database | build | clients | flows/s | order requests/s | bare req/s | ratio | ledger verify |\n"
                     "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
        # Rows go right under the table header of the Orders section.
        marker = "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        at = text.index(header)
        row_at = text.index(marker, at) + len(marker)
        text = text[:row_at] + line + "\n" + text[row_at:]
        results.write_text(text)
    if verify.returncode != 0:
        print(verify.stdout)
        sys.exit(1)


if __name__ == "__main__":
    main()
