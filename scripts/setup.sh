#!/usr/bin/env bash
# Installs what `make run` / `make test` need on a Debian 12 machine.
# Usage: scripts/setup.sh run|test      (idempotent; safe to run every time)
set -euo pipefail

mode="${1:-}"
case "$mode" in
  run | test) ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

say() { printf '==> %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Root runs commands directly; otherwise use sudo when it exists.
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  fi
fi
as_root() { "${SUDO[@]}" "$@"; }

# --- Rust (rustup is preinstalled on our machines) -------------------------
if [ -f "$HOME/.cargo/env" ]; then
  # shellcheck source=/dev/null
  . "$HOME/.cargo/env"
fi
command -v cargo >/dev/null 2>&1 ||
  die "cargo not found. Install Rust with rustup (https://rustup.rs) so that ~/.cargo/bin/cargo exists, then rerun."
say "cargo: $(cargo --version)"

# --- Debian packages --------------------------------------------------------
packages=(build-essential pkg-config)
if [ "$mode" = test ]; then
  # python3-aiosmtpd: the real SMTP server the notification tests mail to.
  # libreoffice-calc-nogui: the export tests open the XLSX reports with it.
  packages+=(postgresql postgresql-client python3-aiosmtpd libreoffice-calc-nogui)
fi

missing=()
installed_pg=0
for p in "${packages[@]}"; do
  if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && [ "${#SUDO[@]}" -eq 0 ]; then
    die "missing packages: ${missing[*]}; not root and no sudo: install them and rerun."
  fi
  say "installing: ${missing[*]}"
  as_root apt-get update -qq # at most once per run: only here
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  for p in "${missing[@]}"; do
    [ "$p" = postgresql ] && installed_pg=1
  done
else
  say "packages present: ${packages[*]}"
fi

[ "$mode" = test ] || exit 0

# --- PostgreSQL on 127.0.0.1:5432, user postgres, trust auth ----------------
pg_up() { pg_isready -q -h 127.0.0.1 -p 5432; }

version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort | head -1 || true)"
if ! pg_up; then
  if [ -z "$version" ] || [ ! -d "/etc/postgresql/$version/main" ]; then
    die "PostgreSQL does not answer on 127.0.0.1:5432 and there is no cluster under /etc/postgresql/<version>/main.
Create one (as root): pg_createcluster --port 5432 15 main -- --auth=trust
then rerun. The tests need PostgreSQL; they are never skipped."
  fi
  say "starting PostgreSQL cluster $version/main"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    true # reported below if it still does not answer
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    pg_up && break
    sleep 1
  done
  pg_up || die "PostgreSQL cluster $version/main does not answer on 127.0.0.1:5432.
Check 'port' and 'listen_addresses' in /etc/postgresql/$version/main/postgresql.conf
and the log under /var/log/postgresql/. The tests need PostgreSQL; they are never skipped."
fi
say "PostgreSQL answers on 127.0.0.1:5432"

pg_trust() { psql -w -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; }

# A cluster this run just installed is a test machine's: give it the trust
# authentication the tests use (Debian's default asks for passwords).
if ! pg_trust && [ "$installed_pg" = 1 ] && [ -n "$version" ]; then
  hba="/etc/postgresql/$version/main/pg_hba.conf"
  say "configuring trust authentication on the new cluster ($hba)"
  as_root sed -i '1i local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main reload || true
  sleep 1
fi

# -w: never prompt; a password request fails at once instead of hanging.
if ! out="$(psql -w -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' 2>&1)"; then
  cat >&2 <<MSG
error: cannot connect as postgres to 127.0.0.1:5432 without a password:
  $out
The tests connect as postgres with trust auth. Fix (as root), then rerun:
  1. In /etc/postgresql/${version:-<version>}/main/pg_hba.conf put these lines first:
       local   all   all                  trust
       host    all   all   127.0.0.1/32   trust
  2. pg_ctlcluster --skip-systemctl-redirect ${version:-<version>} main reload
MSG
  exit 1
fi
say "PostgreSQL trust auth for user postgres works"

# --- S3 test server (s3s-fs): the S3 document-store tests run against it -----
# 0.14.1 is the last release that builds on Rust 1.94/1.95 (docs/adr/0007).
if ! s3s-fs --version 2>/dev/null | grep -q '0.14.1'; then
  say "installing s3s-fs 0.14.1 (S3 test server; ~2-5 min once, cached in ~/.cargo/bin)"
  cargo install s3s-fs@0.14.1 --features binary --locked --quiet
fi
say "s3s-fs: $(command -v s3s-fs)"

# --- OpenAPI validator: the checked-in spec must validate -----------------
if [ "$mode" = test ] && ! python3 -c 'import openapi_spec_validator' 2>/dev/null; then
  say "installing openapi-spec-validator (PyPI)"
  python3 -m pip install -q --disable-pip-version-check openapi-spec-validator
fi
