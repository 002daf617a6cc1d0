# JobToMove — the two commands a newcomer needs:
#   make run    build and serve the demo at http://127.0.0.1:3000
#   make test   set everything up and pass the whole test suite
# Both install the tools they need first (scripts/bootstrap.sh).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
TARGET_DIR ?= $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
SERVER_BIN := $(TARGET_DIR)/release/server

.PHONY: setup build run test test-rust test-clock test-e2e lint fmt bench-seed bench-search bench-http bench-render bench-instructions bench-apply bench-messages bench-feed bench-import bench-alerts bench-weights

setup:
	./scripts/bootstrap.sh

## Release build of both halves: first the WebAssembly islands (optimised
## for size, then wasm-opt), then the server (optimised for speed).
## The islands' build compiles the standard library itself for size: no
## panic messages, no source locations, no `Debug` text (a panic in an
## island stops it, as `panic = "abort"` already did). These are unstable
## flags of the stable compiler, allowed by RUSTC_BOOTSTRAP for this build
## only (never for the server); `rust-src` comes from scripts/bootstrap.sh.
## `make build WASM_SIZE_FLAGS=` builds the islands without them.
WASM_SIZE_FLAGS ?= -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none
WASM_STD_ARGS := --lib-cargo-args=-Zbuild-std=std,panic_abort --lib-cargo-args=-Zbuild-std-features=optimize_for_size
build: setup
	RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$(WASM_SIZE_FLAGS)" \
	  cargo leptos build --release --precompress --split --frontend-only $(if $(strip $(WASM_SIZE_FLAGS)),$(WASM_STD_ARGS))
	cargo leptos build --release --precompress --server-only

## Serve the demo: SQLite under data/, demo data on first start, emails to data/outbox.
run: build
	DEMO_DATA=$${DEMO_DATA:-true} $(SERVER_BIN) serve

## Unit, integration (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),
## HTTP and browser tests.
test: setup test-rust test-e2e

test-rust:
	cargo test --workspace --exclude frontend
	$(MAKE) test-clock

## The domain suite again with the wall clock a year ahead (libfaketime, in
## the test binaries only): a test that compares a fixed date with the real
## clock fails today, not on the day the calendar silently turns.
test-clock:
	FAKETIME_DONT_FAKE_MONOTONIC=1 \
	CARGO_TARGET_$(shell rustc -vV | sed -n 's/^host: //p' | tr 'a-z-' 'A-Z_')_RUNNER="faketime -f +365d" \
	cargo test -p domain

## The browser tests run the fake France Travail API beside the release
## server (a test tool: a debug build is enough).
test-e2e: build
	cargo build -p server --bin fake-france-travail
	SERVER_BIN=$(SERVER_BIN) FAKE_FRANCE_TRAVAIL_BIN=$(TARGET_DIR)/debug/fake-france-travail \
	  npx playwright test --config end2end/playwright.config.ts

## Formatting and clippy on both the server and the wasm builds.
lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --exclude frontend --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

## Benchmarks (print figures; nothing is asserted). They share one catalogue:
## target/bench-seed.db with OFFERS offers (default 1,000,000) and its index.
BENCH_ENV := DATABASE_URL="sqlite://$(CURDIR)/target/bench-seed.db?mode=rwc" DATA_DIR=$(CURDIR)/target/bench-data

## Time `seed-demo` on a fresh database.
bench-seed: build
	rm -rf target/bench-seed.db* target/bench-data
	time $(BENCH_ENV) $(SERVER_BIN) seed-demo --offers $${OFFERS:-1000000}

## Time a full `reindex`, then search latency against a SQLite FTS5 baseline.
bench-search: build
	time $(BENCH_ENV) $(SERVER_BIN) reindex
	$(BENCH_ENV) $(SERVER_BIN) bench-search

## Offer page SSR vs static throughput, page weights, server memory (wrk).
bench-http: build
	$(BENCH_ENV) SERVER_BIN=$(SERVER_BIN) ./scripts/bench-http.sh

## Where an offer page's first render spends its time (PAGES offers, one at a time).
bench-render: build
	$(BENCH_ENV) RUST_LOG=warn $(SERVER_BIN) bench-render --pages $${PAGES:-500}

## Instructions a first render of an offer page costs (PAGES of them,
## similar offers still to find), counted by callgrind: the same count run
## after run, however busy the machine. The top entries follow.
bench-instructions: build
	$(BENCH_ENV) RUST_LOG=warn valgrind --tool=callgrind --callgrind-out-file=target/callgrind-render.out \
	  --toggle-collect='*bench::render::FirstRender*' \
	  $(SERVER_BIN) bench-render --pages $${PAGES:-200} 2>&1 \
	  | awk -v pages=$${PAGES:-200} '/Collected/ { gsub(",", "", $$4); printf "%d instructions per first render (%d renders)\n", $$4 / pages, pages }'
	callgrind_annotate --inclusive=yes target/callgrind-render.out | grep -E '(app|domain|server)::' | head -n 25

## Server time of an anonymous application with a 1 MB CV (its own
## temporary database and files).
bench-apply: build
	$(SERVER_BIN) bench-apply --cv-kb $${CV_KB:-1024}

## Unread count and inbox of a recruiter with THREADS conversations (own temporary database).
bench-messages: build
	RUST_LOG=warn $(SERVER_BIN) bench-messages --threads $${THREADS:-300} --messages $${MESSAGES:-10}

## Script + WebAssembly each signed-in page fetches once its islands hydrate
## (Chromium, its own demo database with 300 offers).
bench-weights: build
	SERVER_BIN=$(SERVER_BIN) npx playwright test --config end2end/weights.config.ts

## The change feed: change → visible on another index (p50/p95/max over
## CHANGES changes) and the cost of following; POSTGRES=url for PostgreSQL.
bench-feed: build
	RUST_LOG=warn $(SERVER_BIN) bench-feed --changes $${CHANGES:-100} $${POSTGRES:+--postgres $$POSTGRES}

## One daily run of ALERTS alerts against NEW_OFFERS new offers: matching
## and sending times, emails produced, peak memory (own temporary database).
bench-alerts: build
	RUST_LOG=warn $(SERVER_BIN) bench-alerts --alerts $${ALERTS:-100000} --new-offers $${NEW_OFFERS:-2000}

## The France Travail import from the fake API with OFFERS offers (more than
## the API's 3,150 cap by default), then again with nothing changed: wall
## time, peak memory, calls and the report (own temporary database).
bench-import: build
	cargo build --release -p server --bin fake-france-travail
	TARGET_DIR=$(TARGET_DIR) OFFERS=$${OFFERS:-4200} ./scripts/bench-import.sh
