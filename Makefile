# Everyday commands. `make help` lists them.
DATABASE_URL_TEST ?= postgres://postgres:postgres@127.0.0.1:5432/guild_test

.PHONY: help build test test-postgres test-browser postgres run demo bench ci

help:
	@echo "build          swift build (debug)"
	@echo "test           swift test on SQLite"
	@echo "test-postgres  swift test on PostgreSQL (starts a local cluster)"
	@echo "test-browser   browser tests against a real guild serve"
	@echo "run            swift run guild serve"
	@echo "demo           fill guild.sqlite with demo data"
	@echo "bench          benchmarks under bench/ (release build)"
	@echo "ci             what CI runs"

build:
	swift build

test:
	env -u DATABASE_URL swift test

postgres:
	scripts/postgres-start.sh

test-postgres: postgres
	DATABASE_URL=$(DATABASE_URL_TEST) swift test

test-browser: build
	python3 -m pytest -q tests/browser

run:
	swift run guild serve

demo:
	swift run guild demo --gigs 2000

bench:
	@for script in bench/*.sh; do [ -x "$$script" ] && "$$script"; done; true

ci:
	bash .ci/run
