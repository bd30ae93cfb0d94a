#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 cluster on 127.0.0.1:5432 (creating it if needed) with the password
# `postgres` and a `guild_test` database. Safe to run again.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
pg_lsclusters | grep -q "^$version *main" || pg_createcluster "$version" main >/dev/null
mkdir -p "/etc/postgresql/$version/main/conf.d"
# Tests run in parallel (over 100 suites), each with a pool of its own: allow far more than the default 100 connections.
printf "listen_addresses = '127.0.0.1'\nmax_connections = 600\n" > "/etc/postgresql/$version/main/conf.d/guild.conf"
if pg_lsclusters | grep -q "^$version *main *5432 *online"; then
  [ "$(su postgres -c "psql -qAtc 'SHOW max_connections'")" -ge 600 ] || pg_ctlcluster "$version" main restart
else
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1 && break; sleep 1; done
su postgres -c "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\""
su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = 'guild_test'\"" | grep -q 1 \
  || su postgres -c "psql -qc 'CREATE DATABASE guild_test'"
su postgres -c "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = 'guild'\"" | grep -q 1 \
  || su postgres -c "psql -qc 'CREATE DATABASE guild'"
echo "PostgreSQL $version is up: postgres://postgres:postgres@127.0.0.1:5432/guild_test"
