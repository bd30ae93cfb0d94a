#!/bin/sh
# /health of Guild against a bare Vapor app (bench/BareVapor) with the same build settings, alternating runs so both
# see the same machine load: wrk -t2 -c16 on loopback, release builds, `--env production`, a fresh SQLite file.
# Prints each run and the median ratio. ROUNDS (default 4) pairs, SECONDS (default 5) per run.
set -e
cd "$(dirname "$0")/.."
swift build -c release --product guild >/dev/null
swift build -c release --product guild-bare-vapor >/dev/null
bin="$(swift build -c release --show-bin-path)"
work="$(mktemp -d)"
trap 'kill $g $b 2>/dev/null; rm -rf "$work"' EXIT
SQLITE_PATH="$work/guild.sqlite" "$bin/guild" migrate -y >/dev/null 2>&1 || true
SQLITE_PATH="$work/guild.sqlite" "$bin/guild" serve --env production --hostname 127.0.0.1 --port 18301 >"$work/guild.log" 2>&1 & g=$!
"$bin/guild-bare-vapor" serve --env production --hostname 127.0.0.1 --port 18302 >"$work/bare.log" 2>&1 & b=$!
for port in 18301 18302; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
done
rps() { wrk -t2 -c16 -d"${SECONDS:-5}"s "http://127.0.0.1:$1/health" | awk '/Requests\/sec/ {print $2}'; }
ratios=""
for i in $(seq 1 "${ROUNDS:-4}"); do
  bare=$(rps 18302); guild=$(rps 18301)
  ratio=$(python3 -c "print(round($guild / $bare, 3))")
  echo "round $i: bare Vapor $bare req/s, Guild $guild req/s, ratio $ratio"
  ratios="$ratios $ratio"
done
python3 -c "import statistics,sys; r=[float(x) for x in sys.argv[1:]]; print(f'median ratio {statistics.median(r):.0%} of bare Vapor over {len(r)} rounds')" $ratios
