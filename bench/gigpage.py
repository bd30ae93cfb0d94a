#!/usr/bin/env python3
"""Gig page benchmark (issue 13's gig-page goal): release build, a demo database of N gigs (made once and kept in --work),
`guild serve --env production`, and wrk on loopback: `/health`, then the gig page over at least 200 distinct gigs (taken
from search results, as bench/search.py does), then `/health` again, each at -c16, then both at -c1 for the one-connection
p50. The ratio is the gig page's req/s over the mean of the two `/health` runs around it (a shared machine's load moves).

    bench/gigpage.py [--gigs 100000] [--duration 8] [--work DIR] [--postgres URL] [--binary PATH] [--perf SECONDS]

--work keeps the SQLite demo database between runs (made when missing). --postgres URL uses that database instead (made
with `guild demo` when it has no gigs yet). --perf SECONDS records the server with `perf record -g` during an extra gig-page
run and prints the top of `perf report`.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import search  # noqa: E402  (the search bench's helpers: server start/stop, wrk, the demo vocabulary)

ROOT = Path(__file__).resolve().parents[1]


def gig_paths(base, want=210):
    # The first search loads the whole index: give it time on a busy machine.
    urllib.request.urlopen(f"{base}/api/v1/search?q=design&limit=1", timeout=600).read()
    ids = []
    for word in search.ALL_WORDS:
        for r in search.get_json(f"{base}/api/v1/search?q={word}&limit=50")["results"]:
            if r["gig"]["id"] not in ids:
                ids.append(r["gig"]["id"])
        if len(ids) >= want:
            break
    assert len(ids) >= 200, f"only {len(ids)} gigs found"
    return [f"/gigs/{g}" for g in ids[:want]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gigs", type=int, default=100_000)
    ap.add_argument("--duration", type=int, default=8)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--work", help="folder that keeps the SQLite demo database between runs")
    ap.add_argument("--postgres", help="a PostgreSQL URL to run on instead of SQLite")
    ap.add_argument("--binary", help="the guild binary (default: this checkout's release build)")
    ap.add_argument("--perf", type=int, default=0, help="seconds of `perf record -g` on the server under gig-page load")
    args = ap.parse_args()
    binary = args.binary or str(ROOT / ".build" / "release" / "guild")
    work = args.work or tempfile.mkdtemp(prefix="guild-gigpage-")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, BCRYPT_COST="4", GUILD_SEARCH_CACHE="off")
    env.pop("DATABASE_URL", None)
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
        count = subprocess.run(["psql", args.postgres, "-tAc", "SELECT count(*) FROM gigs"], capture_output=True, text=True)
        fresh = count.returncode != 0 or int(count.stdout.strip() or 0) == 0
    else:
        env["SQLITE_PATH"] = os.path.join(work, f"guild-{args.gigs}.sqlite")
        fresh = not os.path.exists(env["SQLITE_PATH"])
    if fresh:
        print(f"+ guild demo --gigs {args.gigs} (in {work})", flush=True)
        subprocess.run([binary, "demo", "--gigs", str(args.gigs), "--seed", str(search.DEMO_SEED)], cwd=work, env=env)
    port = 19000 + os.getpid() % 1000
    base = f"http://127.0.0.1:{port}"
    proc, log = search.start([binary, "serve", "--env", "production"], env, work, port, "gigpage-serve")
    try:
        search.wait_for(base, proc)
        pages = gig_paths(base)
        rows = {}
        for name, paths in [("/health", ["/health"]), ("gig page", pages), ("/health again", ["/health"])]:
            subprocess.run(["wrk", "-t1", "-c2", "-d1s", base + paths[0]], check=True, capture_output=True)
            rows[name] = search.run_wrk(base, paths, args.duration, args.connections, work)
        for name, paths in [("/health", ["/health"]), ("gig page", pages)]:
            rows[name]["single_p50"] = search.run_wrk(base, paths, max(2, args.duration // 2), 1, work)["p50"]
        health = (rows["/health"]["rps"] + rows["/health again"]["rps"]) / 2
        print(f"\n{'route':14} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'1-conn p50':>10}")
        for name, r in rows.items():
            print(f"{name:14} {r['rps']:8.0f} {r['p50']:7.2f} {r['p99']:7.2f} {r.get('single_p50', float('nan')):10.2f}"
                  + (f"  ({r['non2xx']} non-2xx!)" if r.get("non2xx") else ""))
        print(f"gig page ÷ /health (mean of the two runs around it): {rows['gig page']['rps'] / health:.0%}"
              f"  (load average {os.getloadavg()[0]:.1f}; server memory {search.rss_mib(proc.pid):.0f} MiB)")
        if args.perf:
            data = os.path.join(work, "perf.data")
            listing = os.path.join(work, "paths.txt")
            with open(listing, "w") as f:
                f.write("\n".join(pages) + "\n")
            load = subprocess.Popen(["wrk", "-t2", f"-c{args.connections}", f"-d{args.perf + 2}s", "-s", str(search.ROTATE_LUA),
                                     base, "--", listing], stdout=subprocess.DEVNULL)
            time.sleep(1)
            subprocess.run(["perf", "record", "-g", "-o", data, "-p", str(proc.pid), "--", "sleep", str(args.perf)],
                           capture_output=True)
            load.wait()
            report = subprocess.run(["perf", "report", "-i", data, "--no-children", "--percent-limit", "1.5", "--stdio", "-g", "none"],
                                    capture_output=True, text=True).stdout
            print("\n".join(l for l in report.splitlines() if l and not l.startswith("#"))[:6000])
    finally:
        search.stop(proc, log)


if __name__ == "__main__":
    main()
