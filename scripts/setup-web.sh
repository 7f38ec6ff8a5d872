#!/usr/bin/env bash
# Installs the web app's toolchain (../shared/toolchain/wasm.md), idempotently:
#   Debian's rustc-web/cargo-web/rust-web-src (Rust for wasm32 via -Zbuild-std),
#   lld-22, chromium and node/npm; wasm-bindgen-cli at exactly the wasm-bindgen
#   version of frontend/Cargo.lock; wasm-opt (npm binaryen 132, never Debian's
#   binaryen: its modules fail in Chromium) and playwright-core under tests/e2e.
# Usage: scripts/setup-web.sh        (root, or a user with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

SUDO=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
fi
as_root() { "${SUDO[@]}" "$@"; }

if [ -f "$HOME/.cargo/env" ]; then
  # shellcheck source=/dev/null
  . "$HOME/.cargo/env"
fi

# --- Debian packages ---------------------------------------------------------
packages=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22 chromium brotli)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && [ "${#SUDO[@]}" -eq 0 ]; then
    die "missing packages: ${missing[*]}; not root and no sudo: install them and rerun."
  fi
  say "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  say "packages present: ${packages[*]}"
fi
[ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] || die "Debian's rustc/cargo (rustc-web, cargo-web) are not at /usr/bin"
[ -d /usr/lib/rustlib/src/rust/library ] || die "rust-web-src is not installed (no /usr/lib/rustlib/src/rust/library)"
[ -x /usr/bin/chromium ] || die "chromium is not at /usr/bin/chromium"

# --- wasm-bindgen-cli at the version the app links against -------------------
wb="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' frontend/Cargo.lock)"
[ -n "$wb" ] || die "no wasm-bindgen in frontend/Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $wb" ]; then
  say "wasm-bindgen $wb present"
else
  command -v cargo >/dev/null 2>&1 || die "rustup's cargo is needed to install wasm-bindgen-cli"
  say "installing wasm-bindgen-cli $wb (several minutes, once)"
  # No --locked: its lock names a crate version the registry mirror may lack.
  cargo install wasm-bindgen-cli --version "$wb"
fi

# --- npm: wasm-opt (binaryen 132) and playwright-core -------------------------
e2e=tests/e2e
if [ -x "$e2e/node_modules/.bin/wasm-opt" ] && [ -d "$e2e/node_modules/playwright-core" ] &&
  [ "$e2e/node_modules/.package-lock.json" -nt "$e2e/package-lock.json" ]; then
  say "npm packages present ($("$e2e/node_modules/.bin/wasm-opt" --version))"
else
  say "npm ci in $e2e (binaryen, playwright-core; no browser is downloaded)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$e2e" --no-audit --no-fund
fi
