#!/bin/sh
# Orders benchmark (see bench/orders.py): full order flows per second over HTTP on SQLite, then PostgreSQL
# with 16 clients when a local server answers; writes the "Orders" section of bench/RESULTS.md.
set -e
cd "$(dirname "$0")/.."
python3 bench/orders.py --clients 4 --write-results
if pg_isready -q -h 127.0.0.1 2>/dev/null; then
  python3 bench/orders.py --postgres --clients 16 --write-results
fi
# Ledger transfers per second in process (no HTTP), SQLite then PostgreSQL; prints its figures.
swift build -c release --product guild-ledger-bench
"$(swift build -c release --show-bin-path)/guild-ledger-bench" --seconds 8 --tasks 4
if pg_isready -q -h 127.0.0.1 2>/dev/null; then
  "$(swift build -c release --show-bin-path)/guild-ledger-bench" --seconds 8 --tasks 16 \
    --postgres "${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/guild_test}"
fi
