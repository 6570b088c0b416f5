#!/usr/bin/env bash
# `make run`: prepare var/ (SQLite database, migrations, region codes, demo
# region) and serve. Each step is idempotent, so running it again just serves.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/satupintu
export SATUPINTU_DB="${SATUPINTU_DB:-sqlite:var/satupintu.db}"
export SATUPINTU_LISTEN="${SATUPINTU_LISTEN:-127.0.0.1:8080}"
export SATUPINTU_DATA_DIR="${SATUPINTU_DATA_DIR:-var}"
mkdir -p "$SATUPINTU_DATA_DIR"

echo "==> key file for personal data and signatures"
"$bin" keygen
echo "==> database $SATUPINTU_DB"
"$bin" migrate
echo "==> reference region codes (Kemendagri, via idn-area-data, ODbL)"
"$bin" import-regions
echo "==> demo region Kabupaten Sumedang (32.11)"
"$bin" seed-demo
echo "==> serving on http://$SATUPINTU_LISTEN  (Ctrl-C stops)"
exec "$bin" serve
