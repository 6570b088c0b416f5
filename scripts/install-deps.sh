#!/usr/bin/env bash
# Installs what satupintu needs on Debian 12, idempotently.
#
#   scripts/install-deps.sh [build|test|bench]...   (default: build)
#
#   build  compiler, libraries, sqlite3, jq, clang (fuzzing/sanitizers), node + npm
#   test   build + postgresql (API tests on PostgreSQL) + chromium (browser tests)
#   bench  build + wrk + nginx-light (bench/run)
#
# Only the Debian packages that dpkg-query does not report as installed are installed;
# `apt-get update` runs once, and only if something is missing. nodejs/npm come from
# Debian only when `node` and `npm` are not already on PATH (a NodeSource or nvm install
# is kept as it is). Then, at the repository root, `npm ci` runs when node_modules is
# missing or older than package-lock.json (it brings the idn-area-data reference codes).
#
# Run as root, or as a user allowed to use sudo.
set -euo pipefail

usage() {
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
}

build_pkgs=(build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev
  libpq-dev libsodium-dev libhpdf-dev libqrencode-dev libxlsxwriter-dev libcriterion-dev
  sqlite3 jq clang libclang-rt-14-dev)
node_pkgs=(nodejs npm)
test_pkgs=(postgresql chromium)
bench_pkgs=(wrk nginx-light bc)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(build)

wanted=("${build_pkgs[@]}")
for g in "${groups[@]}"; do
  case "$g" in
    build) ;;
    test) wanted+=("${test_pkgs[@]}") ;;
    bench) wanted+=("${bench_pkgs[@]}") ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-deps: unknown group '$g' (expected build, test or bench)" >&2; usage >&2; exit 2 ;;
  esac
done

if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  echo "install-deps: node $(node --version) and npm $(npm --version 2>/dev/null) already on PATH; not installing Debian nodejs/npm"
else
  wanted+=("${node_pkgs[@]}")
fi

installed() {
  # "install ok installed" only; "deinstall ok config-files" etc. count as missing.
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing=()
for p in "${wanted[@]}"; do
  installed "$p" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#wanted[@]} Debian packages already installed (${groups[*]})"
else
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  # The system nginx unit would start on install and hold port 80; bench/run starts its own.
  for p in "${missing[@]}"; do
    if [ "$p" = nginx-light ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      "${sudo[@]}" systemctl disable --now nginx >/dev/null 2>&1 || true
    fi
  done
fi

# npm dependencies at the repository root (reference data: node_modules/idn-area-data).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if [ -f package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || { echo "install-deps: npm not found on PATH" >&2; exit 1; }
  if [ ! -f node_modules/.package-lock.json ] || [ node_modules/.package-lock.json -ot package-lock.json ]; then
    echo "install-deps: npm ci (node_modules missing or older than package-lock.json)"
    npm ci --no-audit --no-fund
  else
    echo "install-deps: node_modules up to date with package-lock.json"
  fi
fi
