#!/usr/bin/env python3
"""Search benchmark: release build, a fresh database with N demo gigs, `guild serve --env production`, and wrk on
loopback for a bare JSON route (the baseline), five searches and a gig page. It also times the same queries run
directly in the database engine, so the server's overhead over the engine shows as a ratio.

    bench/search.py [--gigs 100000] [--duration 8] [--connections 16] [--postgres URL] [--skip-build] [--write]

--postgres URL runs a second round on PostgreSQL (the URL's database is dropped and recreated: use a scratch one).
--write replaces the "## Search" section of bench/RESULTS.md with this run's figures.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RARE = "axolotl"  # the bench adds a few gigs with this word: nothing in the demo vocabulary holds it

# name, path; {gig} is replaced by a real gig id
SCENARIOS = [
    ("baseline /api/v1/ping", "/api/v1/ping"),
    ("rare term", f"/api/v1/search?q={RARE}"),
    ("common term", "/api/v1/search?q=logo"),
    ("two terms", "/api/v1/search?q=python+dashboard"),
    ("3-char prefix", "/api/v1/search?q=wed"),
    ("filtered", "/api/v1/search?q=design&category=design&maxPriceCents=5000&maxDeliveryDays=3&minRating=4"),
    ("gig page", "/gigs/{gig}"),
]


def sh(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def wait_for(base, proc, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit("guild serve exited early")
        try:
            with urllib.request.urlopen(base + "/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("guild serve did not start")


def api(base, method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"null")


def add_rare_gigs(base):
    email = f"bench-{uuid.uuid4().hex[:8]}@example.org"
    api(base, "POST", "/api/v1/users", {"email": email, "password": "bench password 1", "displayName": "Bench Seller"})
    token = api(base, "POST", "/api/v1/tokens", {"email": email, "password": "bench password 1"})["token"]
    ids = []
    for i in range(5):
        gig = api(base, "POST", "/api/v1/gigs", {
            "title": f"Realistic {RARE} drawing number {i}", "category": "design", "tags": ["illustration"],
            "description": f"A careful {RARE} illustration, drawn by hand and scanned at high resolution.",
            "packages": [{"name": "Basic", "priceCents": 4000 + i * 100, "deliveryDays": 3, "revisions": 1}]}, token)
        ids.append(gig["id"])
    return ids


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, duration, connections):
    out = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "--latency", url],
                         check=True, capture_output=True, text=True).stdout
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))

    def parse(s):
        m = re.match(r"([\d.]+)(us|ms|s)$", s)
        return to_ms(m.group(1), m.group(2))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"p50": parse(lat["50"]), "p99": parse(lat["99"]), "rps": rps, "non2xx": int(errors.group(1)) if errors else 0}


# The server's own SQL for each search (see GigSearch.run), run straight in the engine.
SELECT = """SELECT g.id, g.title, g.category, g.subcategory, g.seller_id, u.display_name, u.created_at,
  COALESCE(s.level,'new'), COALESCE(s.rating_sum,0), COALESCE(s.rating_count,0), COALESCE(s.on_time_delivered,0),
  COALESCE(s.delivered_total,0), s.median_response_hours, COALESCE(s.is_pro,{false}), g.starting_price_cents,
  g.fastest_delivery_days, {ms}, ((CAST(COALESCE(s.rating_sum,0) AS DOUBLE PRECISION) + 20.0) / (COALESCE(s.rating_count,0) + 5)), {rank}
FROM {source} JOIN users u ON u.id = g.seller_id LEFT JOIN seller_stats s ON s.user_id = g.seller_id
WHERE g.status = 'published' AND g.deleted_at IS NULL AND {match}{filters} ORDER BY {best}, g.id LIMIT 200"""
FILTERS = " AND g.category = 'design' AND g.starting_price_cents <= 5000 AND g.fastest_delivery_days <= 3" \
          " AND COALESCE(s.rating_count, 0) > 0 AND CAST(s.rating_sum AS DOUBLE PRECISION) / s.rating_count >= 4"
QUERIES = {"rare term": ([RARE], ""), "common term": (["logo"], ""), "two terms": (["python", "dashboard"], ""),
           "3-char prefix": (["wed"], ""), "filtered": (["design"], FILTERS)}


def fts5(words):
    return " ".join(f'"{w}"' + ("*" if i == len(words) - 1 and len(w) >= 3 else "") for i, w in enumerate(words))


def tsquery(words):
    return " & ".join(w + (":*" if i == len(words) - 1 and len(w) >= 3 else "") for i, w in enumerate(words))


def sqlite_sql(words, filters):
    window = 1500 if filters else 200  # GigSearch.relevanceWindowFiltered / relevanceCandidates
    bm25 = "bm25(gigs_fts, 10.0, 5.0, 1.0)"
    return SELECT.format(false="0", ms="CAST(g.created_at * 1000 AS INTEGER)", rank="m.fts_rank",
                         source=f"(SELECT rowid AS fts_rowid, {bm25} AS fts_rank FROM gigs_fts WHERE gigs_fts MATCH ? "
                                f"ORDER BY fts_rank LIMIT {window}) m CROSS JOIN gig_search_docs d ON d.rowid = m.fts_rowid "
                                "CROSS JOIN gigs g ON g.id = d.gig_id",
                         match="1 = 1", filters=filters, best="m.fts_rank ASC")


def postgres_sql(words, filters):
    q = "to_tsquery('simple', '%s')" % tsquery(words)
    return SELECT.format(false="false", ms="CAST(floor(extract(epoch FROM g.created_at) * 1000) AS BIGINT)",
                         rank=f"ts_rank(g.search_vector, {q})::float8", source="gigs g",
                         match=f"g.search_vector @@ {q}", filters=filters, best=f"ts_rank(g.search_vector, {q}) DESC")


def engine_sqlite(path, gig_id, runs=60):
    db = sqlite3.connect(path)
    times = {}
    for name, (words, filters) in QUERIES.items():
        sql, arg = sqlite_sql(words, filters), fts5(words)
        db.execute(sql, (arg,)).fetchall()
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            db.execute(sql, (arg,)).fetchall()
            samples.append((time.perf_counter() - t) * 1000)
        times[name] = statistics.median(samples)
    gid = str(uuid.UUID(gig_id)).upper()  # Fluent stores UUIDs in SQLite as upper-case text
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        row = db.execute("SELECT * FROM gigs WHERE id = ? AND deleted_at IS NULL", (gid,)).fetchone()
        db.execute("SELECT * FROM users WHERE id = ?", (row[1],)).fetchone()
        db.execute("SELECT * FROM seller_stats WHERE user_id = ?", (row[1],)).fetchone()
        samples.append((time.perf_counter() - t) * 1000)
    times["gig page"] = statistics.median(samples)
    return times


def engine_postgres(url, gig_id, runs=30):
    times = {}
    scripts = {name: postgres_sql(words, filters) for name, (words, filters) in QUERIES.items()}
    scripts["gig page"] = (f"SELECT * FROM gigs WHERE id = '{gig_id}' AND deleted_at IS NULL; "
                           f"SELECT * FROM users WHERE id = (SELECT seller_id FROM gigs WHERE id = '{gig_id}'); "
                           f"SELECT * FROM seller_stats WHERE user_id = (SELECT seller_id FROM gigs WHERE id = '{gig_id}')")
    for name, sql in scripts.items():
        body = "\\timing on\n" + "\n".join([sql.rstrip(";") + ";"] * (runs + 1)) + "\n"
        out = subprocess.run(["psql", url, "-q", "-o", "/dev/null", "-X"], input=body, check=True, capture_output=True, text=True).stdout
        samples = [float(x) for x in re.findall(r"Time: ([\d.]+) ms", out)]
        per = 3 if name == "gig page" else 1
        grouped = [sum(samples[i:i + per]) for i in range(per, len(samples), per)]  # drop the warm-up
        times[name] = statistics.median(grouped) if grouped else float("nan")
    return times


def one_round(kind, binary, gigs, duration, connections, pg_url=None):
    work = tempfile.mkdtemp(prefix=f"guild-bench-{kind}-")
    env = dict(os.environ)
    env["BCRYPT_COST"] = "4"
    env.pop("DATABASE_URL", None)
    if kind == "sqlite":
        db_path = os.path.join(work, "guild.sqlite")
        env["SQLITE_PATH"] = db_path
    else:
        env["DATABASE_URL"] = pg_url
        admin = pg_url.rsplit("/", 1)[0] + "/postgres"
        name = pg_url.rsplit("/", 1)[1].split("?")[0]
        sh(["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c", f'CREATE DATABASE "{name}"'])
    t = time.time()
    sh([binary, "demo", "--gigs", str(gigs)], cwd=work, env=env)
    demo_seconds = time.time() - t
    port = 18000 + os.getpid() % 1000
    log = open(os.path.join(work, "serve.log"), "w")
    proc = subprocess.Popen([binary, "serve", "--env", "production", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base, proc)
        gig_id = add_rare_gigs(base)[0]
        results = {}
        for name, path in SCENARIOS:
            url = base + path.replace("{gig}", gig_id)
            subprocess.run(["wrk", "-t1", "-c2", "-d1s", url], check=True, capture_output=True)  # warm up
            results[name] = run_wrk(url, duration, connections)
            # One connection, no queueing: the server's own time per request, to set against the engine's.
            results[name]["single_p50"] = run_wrk(url, max(2, duration // 2), 1)["p50"]
            r = results[name]
            print(f"  {kind:8} {name:24} p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms  {r['rps']:9.0f} req/s"
                  f"  (1 connection: p50 {r['single_p50']:.2f} ms)"
                  + (f"  ({r['non2xx']} non-2xx!)" if r["non2xx"] else ""), flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    engine = engine_sqlite(db_path, gig_id) if kind == "sqlite" else engine_postgres(pg_url, gig_id)
    shutil.rmtree(work, ignore_errors=True)
    return demo_seconds, results, engine


def table(kind, gigs, demo_seconds, results, engine):
    base = results["baseline /api/v1/ping"]["rps"]
    lines = [f"### {kind} ({gigs:,} demo gigs; `guild demo` took {demo_seconds:.0f} s)", "",
             f"| route | p50 ms | p99 ms | req/s | throughput vs baseline | p50 ms, 1 connection | engine ms (p50) | server ÷ engine (1 connection) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, _ in SCENARIOS:
        r = results[name]
        e = engine.get(name)
        lines.append(f"| {name} | {r['p50']:.2f} | {r['p99']:.2f} | {r['rps']:.0f} | {r['rps'] / base:.0%} | {r['single_p50']:.2f} | "
                     + (f"{e:.2f} | {r['single_p50'] / e:.1f}× |" if e else "– | – |"))
    return "\n".join(lines)


def machine():
    cpu = "unknown CPU"
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")))
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gigs", type=int, default=100_000)
    ap.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--postgres", help="also run on this PostgreSQL database (dropped and recreated)")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--binary", help="use this guild binary instead of building (for trying the script out)")
    ap.add_argument("--scratch-path", help="swift build --scratch-path for the release build (default: .build)")
    ap.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    scratch = ["--scratch-path", args.scratch_path] if args.scratch_path else []
    if args.binary:
        args.skip_build = True
    if not args.skip_build:
        sh(["swift", "build", "-c", "release", "--product", "guild", *scratch], cwd=ROOT)
    binary = os.path.abspath(args.binary) if args.binary else os.path.join(subprocess.run(["swift", "build", "-c", "release", "--show-bin-path", *scratch], cwd=ROOT, check=True,
                                         capture_output=True, text=True).stdout.strip(), "guild")
    sections = []
    rounds = [("sqlite", None)] + ([("postgres", args.postgres)] if args.postgres else [])
    for kind, url in rounds:
        demo_seconds, results, engine = one_round(kind, binary, args.gigs, args.duration, args.connections, url)
        sections.append(table(kind.replace("sqlite", "SQLite").replace("postgres", "PostgreSQL"), args.gigs, demo_seconds, results, engine))
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    report = "\n\n".join([
        "## Search",
        f"Measured {now} on {machine()}. Release build, `guild serve --env production`, "
        f"wrk -t2 -c{args.connections} -d{args.duration}s on loopback (load generator and server share the cores), "
        "then wrk -c1 for the one-connection latency that the engine time is compared with. "
        "Engine times: the server's own SQL for each search run directly (python sqlite3 / psql \\timing), median of repeated runs. "
        "Searches use the default sort (relevance: the engine's 200 best matches, 1,500 when filtered, scored in Swift).",
        *sections])
    print("\n" + report)
    if args.write:
        path = ROOT / "bench" / "RESULTS.md"
        text = path.read_text() if path.exists() else "# Benchmark results\n"
        text = re.sub(r"\n## Search\n.*?(?=\n## |\Z)", "", text, flags=re.S).rstrip() + "\n\n" + report + "\n"
        path.write_text(text)
        print(f"written to {path}")


if __name__ == "__main__":
    main()
