#!/usr/bin/env python3
"""Search benchmark: release build, a fresh database with N demo gigs, `guild serve --env production`, and wrk on
loopback for `/health` (the baseline), six search classes and a gig page, each class a rotating set of at least 200
distinct queries (terms from the demo vocabulary, pages 1-3). A bare Vapor app (`guild-bare-vapor`, bench/BareVapor)
answers `/health` in the same run, so Guild's own request path shows as a ratio. The engine time is the search engine's
own time for each query (Guild's in-memory index, read from the answer's Server-Timing header), median over a sample of
the same rotating set; the scale curve repeats the one-connection figures at other catalogue sizes.

    bench/search.py [--gigs 100000] [--scale 10000,1000000] [--duration 8] [--connections 16] [--postgres URL]
                    [--skip-build] [--write]

--postgres URL runs a second round on PostgreSQL (the URL's database is dropped and recreated: use a scratch one).
--write replaces the "## Search" section of bench/RESULTS.md with this run's figures.
Caches are off for these figures (GUILD_PAGE_CACHE=off: every gig page is read and rendered; there is no search result
cache). The gig page is measured once more with its cache on, beside the bare Vapor app, with the hit rate read from
/metrics. --demo-cache DIR keeps each SQLite demo catalogue (by size) and copies it in on the next run, so a 1,000,000-gig
round costs the copy instead of half an hour of `guild demo`.
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
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROTATE_LUA = Path(__file__).resolve().parent / "rotate.lua"
PER_CLASS = 210
# `guild demo --gigs 100000` with the default seed 42 stops in the levels demo (appeal_window_closed, 2026-12-04): not
# a search matter, so the bench uses another seed.
DEMO_SEED = 7
DEMO_FAILURES = []

# The demo vocabulary (Sources/GuildApp/Features/Gigs/Workflow/DemoGigs.swift): words that titles, tags and
# descriptions are made of, by category.
VOCAB = {
    "design": ["design", "logo", "branding", "illustration", "figma", "packaging", "typography", "print", "sketch", "draw",
               "redesign", "identity", "landing", "layout", "pitch", "deck", "wedding", "invitation", "letterpress", "bakery",
               "startup", "podcast", "coffee", "charity", "bookshop", "yoga", "studio", "family", "concepts", "vector"],
    "writing": ["write", "edit", "proofread", "translate", "rewrite", "blog", "copywriting", "cv", "cover", "letter", "grant",
                "product", "descriptions", "technical", "guide", "newsletter", "editing", "proofreading", "translation", "seo",
                "nonprofit", "software", "museum", "clinic", "voice", "drafts", "reader"],
    "development": ["build", "fix", "develop", "wordpress", "swift", "ios", "app", "rest", "api", "go", "shopify", "store",
                    "data", "import", "script", "python", "react", "dashboard", "tests", "testing", "postgresql", "schema",
                    "restaurant", "agency", "school", "source", "code", "handover"],
    "marketing": ["plan", "run", "grow", "audit", "manage", "social", "media", "calendar", "local", "email", "campaign",
                  "launch", "google", "ads", "instagram", "strategy", "content", "linkedin", "survey", "analytics", "salon",
                  "dentist", "brewery", "florist", "gym", "report"],
    "video": ["edit", "film", "animate", "subtitle", "cut", "youtube", "video", "wedding", "highlight", "explainer", "animation",
              "demo", "clips", "reels", "documentary", "trailer", "training", "music", "subtitles", "motion", "graphics",
              "color", "grading", "footage", "channel", "festival", "band"],
    "music": ["mix", "master", "compose", "record", "produce", "song", "mixing", "jingle", "intro", "score", "guitar", "vocals",
              "beat", "beats", "mastering", "sound", "composition", "indie", "game", "singer", "choir", "theatre", "stems",
              "loudness", "references"],
    "business": ["prepare", "review", "organise", "model", "bookkeeping", "business", "plan", "cash", "flow", "forecast", "tax",
                 "return", "investor", "pricing", "contract", "templates", "market", "study", "finance", "excel", "freelancer",
                 "cafe", "summary", "assumption"],
    "data": ["analyse", "clean", "visualise", "automate", "spreadsheet", "power", "bi", "statistics", "sales", "scraper",
             "sql", "machine", "learning", "tableau", "workbook", "scraping", "researcher", "newsroom", "charts", "findings"],
    "tutoring": ["teach", "tutor", "coach", "help", "gcse", "maths", "spanish", "physics", "piano", "beginners", "essay",
                 "ielts", "speaking", "theory", "student", "learner", "child", "parent", "teenager", "exam", "lesson",
                 "session", "pace"],
    "local-tasks": ["assemble", "repair", "tidy", "furniture", "tap", "garden", "house", "move", "gutters", "errands", "dog",
                    "walk", "shelves", "plumbing", "gardening", "moving", "cleaning", "handyman", "flat", "office",
                    "neighbour", "landlord", "tools", "photo"],
}
CATEGORIES = list(VOCAB)
ALL_WORDS = sorted({w for ws in VOCAB.values() for w in ws})

CLASSES = ["q=design (one term)", "two terms", "prefix (q=des)", "filters + price", "sort=price", "browse: category, newest"]


def base_queries():
    """At least PER_CLASS distinct first-page queries per class, from the demo vocabulary."""
    out = {c: [] for c in CLASSES}
    for i, w in enumerate(ALL_WORDS):
        out[CLASSES[0]].append(f"q={w}")
    for cat, ws in VOCAB.items():
        for i, a in enumerate(ws):
            for b in ws[i + 1:i + 3]:
                out[CLASSES[1]].append(f"q={a}+{b}")
    prefixes = sorted({w[:n] for w in ALL_WORDS for n in (3, 4) if len(w) > n})
    out[CLASSES[2]] = [f"q={p}" for p in prefixes]
    for i, w in enumerate(ALL_WORDS):
        cat = next(c for c, ws in VOCAB.items() if w in ws)
        out[CLASSES[3]].append(f"q={w}&category={cat}&maxPriceCents={(3 + i % 8) * 1000}")
    out[CLASSES[4]] = [f"q={w}&sort=price" for w in ALL_WORDS]
    for cat in CATEGORIES:
        for days in [None, 1, 2, 3, 4, 5, 6, 7]:
            for price in [None, 5000, 20000]:
                out[CLASSES[5]].append(f"category={cat}&sort=newest" + (f"&maxDeliveryDays={days}" if days else "")
                                       + (f"&maxPriceCents={price}" if price else ""))
    return out


def sh(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, **kw)


def wait_for(base, proc, seconds=90):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit("server exited early")
        try:
            with urllib.request.urlopen(base + "/health", timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


def get_json(url):
    with urllib.request.urlopen(url, timeout=600) as r:  # the first search waits for the index to load
        return json.loads(r.read())


def rotating_paths(base):
    """Each class's paths, pages 1-3: a third stay on page one, a third follow one cursor, a third two."""
    paths = {}
    for cls, queries in base_queries().items():
        chosen = []
        for i, q in enumerate(queries):
            path = "/api/v1/search?" + q
            page = i % 3
            for _ in range(page):
                nxt = get_json(base + path).get("nextCursor")
                if not nxt:
                    break
                path = "/api/v1/search?" + q + "&cursor=" + urllib.parse.quote(nxt)
            chosen.append(path)
        assert len(set(chosen)) >= 200, f"{cls}: only {len(set(chosen))} distinct queries"
        paths[cls] = chosen
    return paths


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(base, paths, duration, connections, work):
    listing = os.path.join(work, "paths.txt")
    with open(listing, "w") as f:
        f.write("\n".join(paths) + "\n")
    out = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s",
                          "--latency", "-s", str(ROTATE_LUA), base, "--", listing],
                         check=True, capture_output=True, text=True).stdout
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))

    def parse(s):
        m = re.match(r"([\d.]+)(us|ms|s)$", s)
        return to_ms(m.group(1), m.group(2))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"p50": parse(lat["50"]), "p99": parse(lat["99"]), "rps": rps, "non2xx": int(errors.group(1)) if errors else 0}


def engine_times(base, paths, sample=60):
    """Median of the engine's own time (the `engine` entry of the answer's Server-Timing header: the in-memory search
    alone, no HTTP, no database) for a sample of the class's paths, each asked once to warm up and then five times."""
    picked = paths[:: max(1, len(paths) // sample)][:sample]
    times = []
    for path in picked:
        urllib.request.urlopen(base + path, timeout=30).read()
        samples = []
        for _ in range(5):
            with urllib.request.urlopen(base + path, timeout=30) as r:
                r.read()
                timing = r.headers.get("Server-Timing", "")
            m = re.search(r"engine;dur=([\d.]+)", timing)
            if not m:
                raise SystemExit(f"no engine time in Server-Timing for {path}: {timing!r}")
            samples.append(float(m.group(1)))
        times.append(statistics.median(samples))
    return statistics.median(times)


def rss_mib(pid):
    try:
        kb = int(next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS")))
        return kb / 1024
    except (OSError, StopIteration):
        return float("nan")


def start(cmd, env, work, port, name):
    log = open(os.path.join(work, f"{name}.log"), "w")
    proc = subprocess.Popen(cmd + ["--hostname", "127.0.0.1", "--port", str(port)], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
    return proc, log


def stop(proc, log):
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def page_cache_counts(base):
    """The gig page cache's hits and reads so far, from /metrics."""
    text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    values = {}
    for line in text.splitlines():
        for name in ("guild_gig_page_cache_hits", "guild_gig_page_cache_reads"):
            if line.startswith(name + " "):
                values[name] = float(line.split()[1])
    return values.get("guild_gig_page_cache_hits", 0.0), values.get("guild_gig_page_cache_reads", 0.0)


def one_round(kind, binary, bare, gigs, duration, connections, pg_url=None, full=True, demo_cache=None):
    work = tempfile.mkdtemp(prefix=f"guild-bench-{kind}-")
    env = dict(os.environ)
    env["BCRYPT_COST"] = "4"
    env["GUILD_PAGE_CACHE"] = "off"
    env.pop("DATABASE_URL", None)
    db_path = None
    if kind == "sqlite":
        db_path = os.path.join(work, "guild.sqlite")
        env["SQLITE_PATH"] = db_path
    else:
        env["DATABASE_URL"] = pg_url
        admin = pg_url.rsplit("/", 1)[0] + "/postgres"
        name = pg_url.rsplit("/", 1)[1].split("?")[0]
        sh(["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c", f'CREATE DATABASE "{name}"'])
    t = time.time()
    kept = os.path.join(demo_cache, f"demo-{gigs}-seed{DEMO_SEED}.sqlite") if demo_cache and kind == "sqlite" else None
    if kept and os.path.exists(kept):
        print(f"+ copying the kept demo catalogue {kept}", flush=True)
        shutil.copyfile(kept, db_path)
        demo_seconds = float(open(kept + ".seconds").read())
    else:
        print("+ guild demo --gigs", gigs, flush=True)
        demo = subprocess.run([binary, "demo", "--gigs", str(gigs), "--seed", str(DEMO_SEED)], cwd=work, env=env)
        if demo.returncode != 0:
            # The levels demo (after gigs, orders and reviews) can stop on appeal_window_closed: the catalogue search reads
            # is complete by then, so the run goes on and says so.
            print(f"! guild demo exited with {demo.returncode} after the gigs were made; measuring the catalogue as it is", flush=True)
            DEMO_FAILURES.append(f"{kind} {gigs:,}")
        demo_seconds = time.time() - t
        if kept and demo.returncode == 0:
            os.makedirs(demo_cache, exist_ok=True)
            subprocess.run(["sqlite3", db_path, "PRAGMA wal_checkpoint(TRUNCATE);"], check=False, capture_output=True)
            shutil.copyfile(db_path, kept)
            with open(kept + ".seconds", "w") as f:
                f.write(f"{demo_seconds:.0f}")
    port = 18000 + os.getpid() % 1000
    base = f"http://127.0.0.1:{port}"
    proc, log = start([binary, "serve", "--env", "production"], env, work, port, "serve")
    results, engine = {}, {}
    try:
        wait_for(base, proc)
        paths = rotating_paths(base)
        gig_ids = [r["gig"]["id"] for p in paths[CLASSES[0]][:40] for r in get_json(base + p)["results"]]
        paths["gig page"] = [f"/gigs/{g}" for g in dict.fromkeys(gig_ids)][:PER_CLASS]
        paths["/health"] = ["/health"]
        order = (["/health"] + CLASSES + ["gig page"]) if full else CLASSES
        for name in order:
            subprocess.run(["wrk", "-t1", "-c2", "-d1s", base + paths[name][0]], check=True, capture_output=True)  # warm up
            r = run_wrk(base, paths[name], duration, connections, work) if full else {}
            # One connection, no queueing: the server's own time per request, to set against the engine's.
            r["single_p50"] = run_wrk(base, paths[name], max(2, duration // 2), 1, work)["p50"]
            results[name] = r
            print(f"  {kind:8} {gigs:>9,} {name:26} " + (f"p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms  {r['rps']:9.0f} req/s  " if full else "")
                  + f"(1 connection: p50 {r['single_p50']:.2f} ms)" + (f"  ({r['non2xx']} non-2xx!)" if r.get("non2xx") else ""), flush=True)
        for name in CLASSES:
            engine[name] = engine_times(base, paths[name])
        results["rss_mib"] = rss_mib(proc.pid)
        print(f"  {kind:8} {gigs:>9,} server memory after the run: {results['rss_mib']:.0f} MiB", flush=True)
    finally:
        stop(proc, log)
    bare_result = None
    if full and bare:
        bproc, blog = start([bare, "serve", "--env", "production"], env, work, port + 1, "bare")
        try:
            wait_for(f"http://127.0.0.1:{port + 1}", bproc)
            subprocess.run(["wrk", "-t1", "-c2", "-d1s", f"http://127.0.0.1:{port + 1}/health"], check=True, capture_output=True)
            bare_result = run_wrk(f"http://127.0.0.1:{port + 1}", ["/health"], duration, connections, work)
            # and Guild's /health again, right after, so that both sides see the same machine load; then the gig page
            # with its cache on (the figures above are without it), and the cache's hit rate over that run
            proc, log = start([binary, "serve", "--env", "production"], dict(env, GUILD_PAGE_CACHE="on"), work, port, "serve2")
            wait_for(base, proc)
            subprocess.run(["wrk", "-t1", "-c2", "-d1s", base + "/health"], check=True, capture_output=True)
            results["/health (again, beside bare Vapor)"] = run_wrk(base, ["/health"], duration, connections, work)
            subprocess.run(["wrk", "-t1", "-c2", "-d1s", base + paths["gig page"][0]], check=True, capture_output=True)
            h0, r0 = page_cache_counts(base)
            cached = run_wrk(base, paths["gig page"], duration, connections, work)
            h1, r1 = page_cache_counts(base)
            cached["hit_rate"] = (h1 - h0) / max(1.0, (h1 - h0) + (r1 - r0))
            results["gig page, cache on"] = cached
            print(f"  {kind:8} {gigs:>9,} gig page, cache on        p50 {cached['p50']:7.2f} ms  p99 {cached['p99']:7.2f} ms  "
                  f"{cached['rps']:9.0f} req/s  hit rate {cached['hit_rate']:.1%}", flush=True)
            stop(proc, log)
        finally:
            stop(bproc, blog)
    shutil.rmtree(work, ignore_errors=True)
    return demo_seconds, results, engine, bare_result


def table(kind, gigs, demo_seconds, results, engine, bare):
    base = results["/health"]["rps"]
    lines = [f"### {kind} ({gigs:,} demo gigs; `guild demo` took {demo_seconds:.0f} s)", "",
             "| route | p50 ms | p99 ms | req/s | req/s ÷ /health | p50 ms, 1 connection | engine ms (median) | server ≤ 2 × engine + 1 ms? |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name in ["/health"] + CLASSES + ["gig page"]:
        r = results[name]
        e = engine.get(name)
        verdict = "–" if e is None else ("yes" if r["single_p50"] <= 2 * e + 1 else "no")
        lines.append(f"| {name} | {r['p50']:.2f} | {r['p99']:.2f} | {r['rps']:.0f} | {r['rps'] / base:.0%} | {r['single_p50']:.2f} | "
                     + (f"{e:.2f} | {verdict} |" if e is not None else "– | – |"))
    if bare:
        again = results["/health (again, beside bare Vapor)"]
        lines += ["", f"Bare Vapor 4.122 `/health` (no middleware, same build settings): {bare['rps']:.0f} req/s, p99 {bare['p99']:.2f} ms; "
                  f"Guild's `/health` measured right after: {again['rps']:.0f} req/s, p99 {again['p99']:.2f} ms "
                  f"(**{again['rps'] / bare['rps']:.0%}** of bare Vapor)."]
        cached = results.get("gig page, cache on")
        if cached:
            lines += ["", f"The gig page with its cache on (`GUILD_PAGE_CACHE=on`, the default; the table above is with it off), "
                      f"measured in the same server as that `/health`: {cached['rps']:.0f} req/s "
                      f"(**{cached['rps'] / again['rps']:.0%}** of that `/health`), p50 {cached['p50']:.2f} ms, p99 {cached['p99']:.2f} ms; "
                      f"the cache answered {cached['hit_rate']:.1%} of that run's page views (the rest were read and kept)."]
    lines += ["", f"The server's resident memory after the run, search index included: {results['rss_mib']:.0f} MiB."]
    return "\n".join(lines)


def scale_table(kind, curve):
    sizes = sorted(curve)
    lines = [f"### Scale curve, {kind}: one connection, p50 ms (engine ms)", "",
             "| class | " + " | ".join(f"{s:,} gigs" for s in sizes) + " |", "| --- |" + " ---: |" * len(sizes)]
    for name in CLASSES:
        lines.append(f"| {name} | " + " | ".join(f"{curve[s][0][name]['single_p50']:.2f} ({curve[s][1][name]:.2f})" for s in sizes) + " |")
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
    ap.add_argument("--scale", default="10000,1000000", help="other catalogue sizes for the scale curve ('' for none)")
    ap.add_argument("--duration", type=int, default=8, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--postgres", help="also run on this PostgreSQL database (dropped and recreated)")
    ap.add_argument("--engine-scale", default="10000,100000,1000000",
                    help="catalogue sizes for `guild search-bench`, the engine alone ('' for none)")
    ap.add_argument("--postgres-scale", help="catalogue sizes for PostgreSQL's scale curve (default: --scale)")
    ap.add_argument("--demo-cache", help="keep SQLite demo catalogues here and reuse them")
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--write", action="store_true", help="write the figures into bench/RESULTS.md")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    if not args.skip_build:
        sh(["swift", "build", "-c", "release", "--product", "guild"], cwd=ROOT)
        sh(["swift", "build", "-c", "release", "--product", "guild-bare-vapor"], cwd=ROOT)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    binary, bare = os.path.join(bin_dir, "guild"), os.path.join(bin_dir, "guild-bare-vapor")
    sizes = [int(s) for s in args.scale.split(",") if s.strip()]
    sections = []
    rounds = [("sqlite", None)] + ([("postgres", args.postgres)] if args.postgres else [])
    for kind, url in rounds:
        label = "SQLite" if kind == "sqlite" else "PostgreSQL"
        demo_seconds, results, engine, bare_result = one_round(kind, binary, bare, args.gigs, args.duration, args.connections, url,
                                                               demo_cache=args.demo_cache)
        sections.append(table(label, args.gigs, demo_seconds, results, engine, bare_result))
        curve = {args.gigs: (results, engine)}
        round_sizes = sizes if kind == "sqlite" or args.postgres_scale is None else [int(s) for s in args.postgres_scale.split(",") if s.strip()]
        for size in round_sizes:
            _, r, e, _ = one_round(kind, binary, None, size, args.duration, args.connections, url, full=False, demo_cache=args.demo_cache)
            curve[size] = (r, e)
        if len(curve) > 1:
            sections.append(scale_table(label, curve))
    if args.engine_scale:
        out = subprocess.run([binary, "search-bench", "--gigs", args.engine_scale], check=True, capture_output=True, text=True).stdout
        print(out, flush=True)
        table_text = out.split("SEARCH-BENCH-TABLE\n", 1)[1].strip()
        sections.append("### The engine alone: `guild search-bench` (no HTTP, no database), demo-made gigs\n\n"
                        "Each class's distinct queries run five times after a warm-up: p50 / p99 / mean of those times, and how many gigs a search scored on average (the rest were passed over by the early stop or never read).\n\n" + table_text)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    report = "\n\n".join([
        "## Search",
        f"Measured {now} on {machine()}, **shared with other developers' builds** (load average before the run: "
        f"{os.getloadavg()[0]:.1f}), so absolute figures are noisy: read the ratios against `/health` measured in the same run. "
        f"Release build, `guild serve --env production`, wrk -t2 -c{args.connections} -d{args.duration}s on loopback (load generator "
        "and server share the cores), then wrk -c1 for the one-connection latency that the engine time is compared with. "
        f"Each class rotates through {PER_CLASS} distinct queries (demo vocabulary, pages 1-3); there is no result cache, and the gig page's cache is off (`GUILD_PAGE_CACHE=off`) except where said. "
        "Engine times: the search engine's own time (the `engine` entry of each answer's `Server-Timing` header: Guild's "
        "in-memory index, no HTTP and no database) for a sample of 60 of each class's queries, median of five."
        + (f" `guild demo` stopped in its levels step (after gigs, orders and reviews were made) for: {', '.join(DEMO_FAILURES)}." if DEMO_FAILURES else ""),
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
