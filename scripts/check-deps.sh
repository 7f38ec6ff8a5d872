#!/usr/bin/env bash
# The dependency arrows of DESIGN.md, checked on the resolved crate graph:
# - tgpl-domain and tgpl-api-model are shared with the wasm SPA: no server
#   framework, ORM, async runtime or HTTP client;
# - tgpl-app (the use cases) knows no web framework;
# - tgpl-domain depends on no other tgpl crate.
# Fails when a forbidden crate appears, or when cargo cannot tell.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0

deps_of() {
  local tree
  if ! tree=$(cargo tree -p "$1" -e normal --prefix none 2>&1); then
    echo "error: cargo tree -p $1 failed:" >&2
    echo "$tree" >&2
    exit 1
  fi
  printf '%s\n' "$tree" | tail -n +2 | awk '{print $1}' | sort -u
}

forbid() {
  local crate="$1" pattern="$2" why="$3" deps found
  deps=$(deps_of "$crate") || exit 1
  found=$(printf '%s\n' "$deps" | grep -E "^(${pattern})$" | tr '\n' ' ' || true)
  if [ -n "$found" ]; then
    echo "error: $crate depends on $found($why)" >&2
    status=1
  fi
}

server_only='actix-[a-z-]+|actix-web|sea-orm[a-z-]*|sqlx[a-z-]*|tokio|reqwest|aws-[a-z-]+'
forbid tgpl-domain "$server_only|tgpl-[a-z-]+" "the domain is pure and shared with the SPA"
forbid tgpl-api-model "$server_only" "the wire contract is shared with the SPA"
forbid tgpl-app 'actix-[a-z-]+|actix-web|utoipa-swagger-ui|tgpl-api' "use cases know no web framework"

[ "$status" = 0 ] && echo "==> dependency arrows hold: domain and api-model are server-free, app knows no web framework"
exit "$status"
