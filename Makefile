# TGPL — `make run` starts the app with demo data, `make test` is what CI runs.
# Each target installs what it needs through scripts/setup.sh.

SHELL := /bin/bash
# rustup's cargo first (the wasm build calls Debian's tools by full path).
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo

.PHONY: run test fmt-check lint test-rust openapi bench spa

# TGPL_LISTEN (default 127.0.0.1:8080) and TGPL_DATA_DIR (default ./data)
# pass through from the environment.
run:
	bash scripts/setup.sh run
	$(CARGO) build --release -p tgpl-server
	$(MAKE) --no-print-directory spa
	TGPL_SEED_DEMO=auto ./target/release/tgpl serve

# The web app. Until the Leptos SPA (issue #5) is built here, serve the
# placeholder page.
spa:
	mkdir -p frontend/dist
	cp frontend/index.html frontend/dist/index.html

test:
	bash scripts/setup.sh test
	$(MAKE) --no-print-directory fmt-check lint test-rust

fmt-check:
	$(CARGO) fmt --all --check

lint:
	bash scripts/check-deps.sh
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
