#!/usr/bin/env bash
# Installs, with apt-get, what this repository's tests need on a fresh Debian machine beyond the .NET SDK.
#
# Idempotent: installs only what is missing, runs `apt-get update` once and only then, and prints
# one line naming what it installed (or that nothing was missing). Runs as root, as CI does.
set -euo pipefail

# Debian packages and why each is needed.
packages=(
  ca-certificates # NuGet restore over HTTPS
  kcat            # a third-party Kafka client the KafkaMockBroker tests talk to the mock cluster with
  postgresql      # the PostgreSQL table-sink tests start their own server (initdb, pg_ctl) on 127.0.0.1
  sqlite3         # the sqlite3 shell, to inspect what the SQLite table sink wrote
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == installed ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-prerequisites: nothing missing"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-prerequisites: missing ${missing[*]}; run this script as root to install them" >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! apt-get update -qq >"$log" 2>&1 ||
   ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
  cat "$log" >&2
  echo "install-prerequisites: apt-get failed installing ${missing[*]}" >&2
  exit 1
fi
echo "install-prerequisites: installed ${missing[*]}"
