#!/usr/bin/env bash
# Stop the cluster started by tests/pg/start.sh and remove its temp dir.
# Usage: tests/pg/stop.sh [DATA_DIR]   (default: read from the state file)
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
STATE=${SATUPINTU_PG_STATE:-${TMPDIR:-/tmp}/satupintu-pg.state}

log() { echo "pg/stop: $*" >&2; }
die() { log "FAIL: $*"; exit 1; }

as_pg() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  else die "must run as root or as user postgres"; fi
}

DATA=${1:-}
if [ -z "$DATA" ]; then
  [ -s "$STATE" ] || die "no state file $STATE (was tests/pg/start.sh run?)"
  DATA=$(head -n1 "$STATE")
fi
[ -n "$DATA" ] || die "empty data dir path"
[ -f "$DATA/PG_VERSION" ] || die "$DATA is not a PostgreSQL data dir"
case "$(basename "$(dirname "$DATA")")" in
  satupintu-pg.*) ;;
  *) die "refusing to touch $DATA: not a dir made by tests/pg/start.sh" ;;
esac

rc=0
if [ -f "$DATA/postmaster.pid" ]; then
  if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" stop -m fast -w -t 30 >&2; then
    log "fast stop failed; server log:"
    sed 's/^/  | /' "$(dirname "$DATA")/server.log" >&2 || true
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" stop -m immediate >&2 || true
    rc=1
  fi
else
  log "server was not running"
fi
rm -rf "$(dirname "$DATA")"
if [ -s "$STATE" ] && [ "$(head -n1 "$STATE")" = "$DATA" ]; then rm -f "$STATE"; fi
log "stopped and removed $DATA"
exit $rc
