#!/usr/bin/env bash
# The domain and the wire contract are shared with the wasm SPA: they must
# never pull a server framework, the ORM or an async runtime (DESIGN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for crate in tgpl-domain tgpl-api-model; do
  found=$(cargo tree -p "$crate" -e normal --prefix none 2>/dev/null |
    grep -oE '^(actix-[a-z-]+|sea-orm[a-z-]*|sqlx[a-z-]*|tokio|reqwest|aws-[a-z-]+) ' | sort -u | tr '\n' ' ' || true)
  if [ -n "$found" ]; then
    echo "error: $crate depends on server-only crates: $found" >&2
    status=1
  fi
done
[ "$status" = 0 ] && echo "==> tgpl-domain and tgpl-api-model are free of server dependencies"
exit "$status"
