#!/usr/bin/env bash
# Backup and restore of a PostgreSQL installation of TGPL (deploy/BACKUP.md).
#
#   deploy/backup-postgres.sh backup  DATABASE_URL DIR   # DIR: new or empty
#   deploy/backup-postgres.sh restore DIR DATABASE_URL   # into an EMPTY database
#
# The backup is pg_dump's custom format: one consistent snapshot taken in a
# single transaction while the API keeps serving, plus SHA256SUMS. A restore
# checks the sums first and refuses a database that already holds tables, so
# it never mixes two installations. Documents on S3 are kept by the bucket's
# versioning and replication, not by this script (BACKUP.md).
set -euo pipefail

die() {
  printf 'backup-postgres: %s\n' "$*" >&2
  exit 1
}
for tool in pg_dump pg_restore psql sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian: apt-get install postgresql-client)"
done

case "${1:-}" in
backup)
  [ $# -eq 3 ] || die "usage: $0 backup DATABASE_URL DIR"
  url="$2" dir="$3"
  if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    die "$dir is not empty: a backup goes to a new directory"
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  pg_dump --format=custom --no-owner --no-privileges --file "$dir/tgpl.dump" "$url"
  (cd "$dir" && sha256sum tgpl.dump >SHA256SUMS)
  tables="$(psql "$url" -tAc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")"
  cases="$(psql "$url" -tAc "SELECT count(*) FROM cases")"
  printf 'backup written to %s: %s tables, %s cases, %s bytes\n' "$dir" "$tables" "$cases" "$(stat -c %s "$dir/tgpl.dump")"
  ;;
restore)
  [ $# -eq 3 ] || die "usage: $0 restore DIR DATABASE_URL"
  dir="$2" url="$3"
  [ -f "$dir/SHA256SUMS" ] || die "$dir holds no SHA256SUMS: not a complete backup"
  (cd "$dir" && sha256sum --check --quiet SHA256SUMS) || die "the backup's bytes changed: refused, nothing restored"
  existing="$(psql "$url" -tAc "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")"
  [ "$existing" = 0 ] || die "the target database holds $existing tables: restore into an empty database"
  pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$url" "$dir/tgpl.dump"
  cases="$(psql "$url" -tAc "SELECT count(*) FROM cases")"
  printf 'restored into the database: %s cases\n' "$cases"
  ;;
*)
  die "usage: $0 backup DATABASE_URL DIR | restore DIR DATABASE_URL"
  ;;
esac
