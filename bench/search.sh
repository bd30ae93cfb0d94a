#!/bin/sh
# Search benchmark (see bench/search.py): release build, 100,000 demo gigs, wrk on loopback, engine timings.
# Set BENCH_POSTGRES_URL=postgres://…/guild_bench to add a PostgreSQL round (that database is dropped and recreated).
# Also builds guild-bare-vapor (bench/BareVapor), the bare Vapor baseline; --scale 10000,1000000 sets the scale curve.
set -e
cd "$(dirname "$0")/.."
exec python3 bench/search.py --write ${BENCH_POSTGRES_URL:+--postgres "$BENCH_POSTGRES_URL"} "$@"
