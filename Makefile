# TGPL — `make run` starts the app with demo data, `make test` is what CI runs.
# Each target installs what it needs through scripts/setup.sh.

SHELL := /bin/bash
# rustup's cargo first (the wasm build calls Debian's tools by full path).
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: run test fmt-check lint test-rust openapi bench spa setup-web e2e test-web bench-web clients replicas

# TGPL_LISTEN (default 127.0.0.1:8080) and TGPL_DATA_DIR (default ./data)
# pass through from the environment.
run:
	bash scripts/setup.sh run
	$(CARGO) build --release -p tgpl-server
	$(MAKE) --no-print-directory spa
	TGPL_SEED_DEMO=auto ./target/release/tgpl serve

# The web app (issue #5): installs the wasm toolchain idempotently
# (scripts/setup-web.sh), then builds the Leptos SPA into frontend/dist.
spa: setup-web
	bash scripts/build-spa.sh

setup-web:
	bash scripts/setup-web.sh

# Unit tests of the web app's view logic (run natively; the crate is
# outside the workspace, with its own Cargo.lock and target dir).
test-web:
	$(CARGO) fmt --manifest-path frontend/Cargo.toml --check
	CARGO_TARGET_DIR=target/web-native $(CARGO) clippy --manifest-path frontend/Cargo.toml --all-targets -- -D warnings
	CARGO_TARGET_DIR=target/web-native $(CARGO) test --manifest-path frontend/Cargo.toml

# End-to-end in Debian's Chromium against `tgpl serve` with demo data.
e2e: spa
	$(CARGO) build -p tgpl-server
	bash scripts/e2e.sh scenario.mjs
	bash scripts/e2e.sh public.mjs
	TGPL_E2E_SYNTHETIC=3000 bash scripts/e2e.sh reports.mjs

# Web app benchmarks (sizes, dashboard first render, list re-render).
bench-web: spa
	$(CARGO) build -p tgpl-server
	bash scripts/e2e.sh bench.mjs

test:
	bash scripts/setup.sh test
	$(MAKE) --no-print-directory fmt-check lint test-rust test-web e2e clients replicas

# Clients generated from openapi/openapi.json as integrators would: the
# TypeScript types (openapi-typescript, type-checked) and the Python client
# (openapi-python-client) driven through a smoke scenario on a live server.
clients:
	$(CARGO) build -p tgpl-server
	bash scripts/client-smoke.sh

# Two `tgpl serve` replicas on one PostgreSQL database: every notification
# mail and webhook event goes out once (scripts/replicas.sh).
replicas:
	$(CARGO) build -p tgpl-server
	bash scripts/replicas.sh

fmt-check:
	$(CARGO) fmt --all --check

lint:
	bash scripts/check-deps.sh
	python3 -m openapi_spec_validator openapi/openapi.json
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# Runs the whole workspace test suite (SQLite and PostgreSQL), including the
# test that fails when openapi/openapi.json drifts from the served spec.
# Extra cargo test arguments: make test-rust TEST_ARGS="-p tgpl-domain".
test-rust:
	bash scripts/test-rust.sh $(TEST_ARGS)

# Regenerate the checked-in OpenAPI spec after an API change.
openapi:
	$(CARGO) run -q -p tgpl-server -- openapi > openapi/openapi.json.tmp
	mv openapi/openapi.json.tmp openapi/openapi.json

bench:
	bash scripts/bench.sh
